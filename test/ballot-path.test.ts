import { sealedRecordProblems } from './helpers/sealed.ts';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newKey, pairTablets, randomMarks, seeded, setUpQinshui, type Hall } from './helpers/hall.ts';
import { Http } from './helpers/http.ts';
import { run } from './helpers/process.ts';
import { startEngineServer, type HallServer } from './helpers/server.ts';

// The whole path over real HTTP against a real server process, on each engine (DESIGN §8): a real SQLite file,
// then a real PostgreSQL cluster (DATABASE_URL): import → check in → open → 150 sealed papers → close → tally →
// announce → export → recount. The same seeded papers go to both, and both must tally alike.
const tallies = new Map<string, unknown>();

describe.each(['sqlite', 'postgres'] as const)('a 10-of-15 ballot from import to recount, on %s', (engine) => {
  let up: HallServer | undefined;
  let dir: string;
  let http: Http;
  let hall: Hall;

  beforeAll(async () => {
    up = await startEngineServer('path', engine, 'ballot_path');
    ({ http, dir } = up);
    hall = await setUpQinshui(http, 180);
  }, 120_000);

  afterAll(async () => {
    await up?.close();
  });

  it('imports the fixture CSV: 15 candidates, 12575 万元, plans as milestones', async () => {
    const { body } = await http.get(`/api/meetings/${hall.meetingId}/candidates`);
    expect(body.candidates).toHaveLength(15);
    const total = body.candidates.reduce((n: number, c: { budgetWan: number }) => n + c.budgetWan, 0);
    expect(total).toBe(12575);
    expect(body.candidates[0].name).toBe('口袋公园建设项目');
    expect(body.candidates[0].milestones).toHaveLength(9);
    expect(body.candidates[0].milestones[3]).toEqual({ period: '2023-05', amountWan: 200, text: '完成苗木栽植' });
  });

  it('runs the ballot and the recount of the export equals the server tally', async () => {
    const meeting = hall.meetingId;
    expect(hall.deputies).toHaveLength(180);
    const voters = hall.deputies.slice(0, 150);
    const tokens = await pairTablets(http, meeting, voters.map((d) => d.id));
    for (const token of tokens) expect((await http.post('/api/deputy/check-in', {}, token)).status).toBe(201);

    const att = await http.get(`/api/meetings/${meeting}/attendance`);
    expect(att.body).toMatchObject({ seated: 180, present: 150, quorum: { required: 120, met: true } });

    const created = await http.post(`/api/meetings/${meeting}/ballots`, { title: '2023年民生实事项目票决', seats: 10, durationSeconds: 600 });
    expect(created.status).toBe(201);
    expect(created.body.ballot).toMatchObject({ maxApprovals: 10, seats: 10, threshold: 'seated-majority', status: 'draft' });
    const ballotId: string = created.body.ballot.id;
    const opened = await http.post(`/api/ballots/${ballotId}/open`);
    expect(opened.status).toBe(200);
    expect(opened.body.ballot.deadlineAt - opened.body.ballot.openedAt).toBe(600_000);

    // Every tablet sends at once; the expected counts come from what was sent, not from the server.
    const rnd = seeded(2023);
    const papers = tokens.map(() => ({ key: newKey(rnd), marks: randomMarks(hall.candidateIds, 10, rnd) }));
    const replies = await Promise.all(papers.map((p, i) => http.post(`/api/deputy/ballots/${ballotId}/papers`, p, tokens[i])));
    for (const r of replies) expect(r.status).toBe(201);
    const expected = new Map(hall.candidateIds.map((id) => [id, { for: 0, against: 0, abstain: 0 }]));
    for (const p of papers) {
      for (const id of hall.candidateIds) expected.get(id)![(p.marks[id] ?? 'abstain') as 'for']++;
    }

    const turnout = await http.get(`/api/ballots/${ballotId}/turnout`);
    expect(turnout.body).toMatchObject({ present: 150, voted: 150, notVoted: [] });

    expect((await http.post(`/api/ballots/${ballotId}/close`)).status).toBe(200);
    const { body: tallied } = await http.get(`/api/ballots/${ballotId}/tally`);
    const tally = tallied.tally;
    expect(tally.papers).toEqual({ returned: 150, valid: 150, invalid: 0 });
    expect(tally.notVoted).toBe(0);
    for (const c of tally.candidates) expect(c.counts).toEqual(expected.get(c.id));
    const passedCount = tally.candidates.filter((c: { passed: boolean }) => c.passed).length;
    // Selected: the passed, up to 10, less any places left to a run-off.
    expect(tally.selected.length + (tally.tie?.places ?? 0)).toBe(Math.min(10, passedCount));
    for (const c of tally.candidates) expect(c.passed).toBe(2 * c.counts.for > 180);

    // Before announcement the projector-facing status says closed; after, announced.
    expect((await http.post(`/api/ballots/${ballotId}/announce`)).body.ballot.status).toBe('announced');

    const exported = await http.get(`/api/ballots/${ballotId}/record`);
    expect(exported.status).toBe(200);
    expect(exported.body.format).toBe('piaojue/ballot-record@2');
    expect(exported.body.papers).toHaveLength(150);
    const ids = exported.body.papers.map((p: { id: string }) => p.id);
    expect([...ids].sort()).toEqual(ids);
    // Every receipt (a tracker) is in the box, and the papers are exactly the marks sent — nothing links them.
    expect(sealedRecordProblems(exported.body, replies.map((r) => r.body.receipt), papers.map((p) => p.marks))).toEqual([]);

    const file = path.join(dir, 'record.json');
    writeFileSync(file, JSON.stringify(exported.body));
    const recount = await run(['--import', 'tsx', 'scripts/recount.ts', file]);
    expect(recount.stderr).toBe('');
    expect(recount.code).toBe(0);
    expect(JSON.parse(recount.stdout)).toEqual(tally);

    const audit = await http.get('/api/audit/verify');
    expect(audit.body).toMatchObject({ ok: true });

    // Ids differ between the two databases; candidates are compared by their place in the list.
    const place = (id: string) => hall.candidateIds.indexOf(id);
    tallies.set(engine, {
      papers: tally.papers,
      notVoted: tally.notVoted,
      candidates: tally.candidates.map((c: { id: string; counts: unknown; passed: boolean; rank: number | null }) => ({ place: place(c.id), counts: c.counts, passed: c.passed, rank: c.rank })),
      selected: tally.selected.map((id: string) => place(id)),
      tie: tally.tie ? { ...tally.tie, candidates: (tally.tie.candidates as string[]).map(place) } : null,
    });
  }, 180_000);
});

describe('the two engines', () => {
  it('tally the same papers alike', () => {
    expect(tallies.get('sqlite')).toBeDefined();
    expect(tallies.get('postgres')).toEqual(tallies.get('sqlite'));
  });
});
