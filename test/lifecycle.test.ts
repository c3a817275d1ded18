import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { json, type TestApp } from './helpers/app.ts';
import { appWithMeeting, asStaff, keySequence, openBallot, type Setup, submitPaper } from './helpers/factories.ts';

let t: TestApp;
let s: Setup;
beforeEach(async () => {
  ({ t, s } = await appWithMeeting(9));
});
afterEach(async () => t.close());

const call = (method: 'GET' | 'POST', url: string, payload?: object) => asStaff(t, s.cookie, method, url, payload);
const key = keySequence();

/** Each deputy i votes "for" exactly the candidates listed in votes[i]. */
async function vote(ballotId: string, votes: string[][]) {
  for (const [i, fors] of votes.entries()) {
    const res = await submitPaper(t, s.tokens[i]!, ballotId, { key: key(), marks: Object.fromEntries(fors.map((c) => [c, 'for'])) });
    expect(res.statusCode, res.body).toBe(201);
  }
}

describe('ballot lifecycle', () => {
  it('extend moves the deadline and is audited', async () => {
    const id = await openBallot(t, s);
    const before = (await call('GET', `/api/ballots/${id}`)).body.ballot.deadlineAt;
    const extended = await call('POST', `/api/ballots/${id}/extend`, { seconds: 120 });
    expect(extended.body.ballot.deadlineAt).toBe(before + 120_000);
    const audit = await call('GET', `/api/audit?ballotId=${id}&action=ballot.extended`);
    expect(audit.body.events).toHaveLength(1);
    expect(audit.body.events[0].detail).toMatchObject({ seconds: 120, from: before, to: before + 120_000 });
  });

  it('closes by itself once every present deputy has voted, when asked to', async () => {
    const id = await openBallot(t, s, { closeWhenAllVoted: true });
    await vote(id, s.tokens.slice(0, 8).map(() => []));
    expect((await call('GET', `/api/ballots/${id}`)).body.ballot.status).toBe('open');
    const res = await submitPaper(t, s.tokens[8]!, id, { key: key(), marks: {} });
    expect(res.statusCode).toBe(201);
    await t.app.paperDesk.drain();
    // The close runs on its own after the last paper (it first lets the envelope opener finish): wait for it.
    await vi.waitFor(async () => expect((await call('GET', `/api/ballots/${id}`)).body.ballot).toMatchObject({ status: 'closed', closeReason: 'all-voted' }), { timeout: 10_000, interval: 25 });
  });

  it('a tie at the cut becomes a run-off among the tied for the places left', async () => {
    const [a, b, c] = s.candidateIds as [string, string, string];
    const id = await openBallot(t, s, { candidateIds: [a, b, c], seats: 2, threshold: 'none' });
    await vote(id, [[a, b], [a, b], [a, b], [a, c], [a, c], [a, c], [], [], []]);
    await call('POST', `/api/ballots/${id}/close`);
    const { tally } = (await call('GET', `/api/ballots/${id}/tally`)).body;
    expect(tally.selected).toEqual([a]);
    expect(tally.tie).toEqual({ candidates: [b, c], places: 1, resolution: 'runoff' });

    const runoff = await call('POST', `/api/ballots/${id}/runoff`, {});
    expect(runoff.status).toBe(201);
    expect(runoff.body.ballot).toMatchObject({ runoffOf: id, seats: 1, maxApprovals: 1, status: 'draft' });
    expect(runoff.body.candidates.map((x: { id: string }) => x.id)).toEqual([b, c]);
    expect((await call('POST', `/api/ballots/${id}/runoff`, {})).status).toBe(409);

    const r = runoff.body.ballot.id as string;
    await call('POST', `/api/ballots/${r}/open`);
    await vote(r, [[c], [c], [c], [c], [b], [b]]);
    await call('POST', `/api/ballots/${r}/close`);
    const second = (await call('GET', `/api/ballots/${r}/tally`)).body.tally;
    expect(second.selected).toEqual([c]);
    expect(second.tie).toBeNull();
  });

  it('ties = presidium: the decision is recorded once, for exactly the places left', async () => {
    const [a, b, c] = s.candidateIds as [string, string, string];
    const id = await openBallot(t, s, { candidateIds: [a, b, c], seats: 2, threshold: 'none', ties: 'presidium' });
    await vote(id, [[a, b], [a, c]]);
    await call('POST', `/api/ballots/${id}/close`);
    expect((await call('POST', `/api/ballots/${id}/runoff`, {})).status).toBe(409);
    const tooMany = await call('POST', `/api/ballots/${id}/presidium-decision`, { selected: [b, c] });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.message).toBe('selected: choose exactly 1 of the tied candidates');
    const decided = await call('POST', `/api/ballots/${id}/presidium-decision`, { selected: [c], note: '主席团决定' });
    expect(decided.body.ballot.presidiumDecision).toEqual([c]);
    expect((await call('POST', `/api/ballots/${id}/presidium-decision`, { selected: [b] })).status).toBe(409);
  });

  it('a named ballot carries the deputy on each paper; a secret one never does', async () => {
    const named = await openBallot(t, s, { secret: false });
    await vote(named, [[s.candidateIds[0]!]]);
    await call('POST', `/api/ballots/${named}/close`);
    const record = (await call('GET', `/api/ballots/${named}/record`)).body;
    expect(record.ballot.secret).toBe(false);
    expect(record.papers[0].deputy.id).toBe(s.deputyIds[0]);

    const secret = await openBallot(t, s);
    await vote(secret, [[s.candidateIds[0]!]]);
    await call('POST', `/api/ballots/${secret}/close`);
    const text = JSON.stringify((await call('GET', `/api/ballots/${secret}/record`)).body);
    for (const id of s.deputyIds) expect(text).not.toContain(id);
    const stored = t.opened.sqlite.prepare('select * from paper where ballot_id = ?').all(secret) as { deputy_id: string | null }[];
    expect(stored).toHaveLength(1);
    expect(stored[0]!.deputy_id).toBeNull();
  });

  it('refuses an evaluation of the meeting\'s candidates: an evaluation rates tracked projects (issue 14)', async () => {
    const [a, b] = s.candidateIds as [string, string];
    const created = await call('POST', `/api/meetings/${s.meetingId}/ballots`, { title: '满意度测评', kind: 'evaluation', candidateIds: [a, b] });
    expect(created.status).toBe(400);
    expect(created.body.error).toMatchObject({ code: 'invalid_input' });
    expect(created.body.error.message).toMatch(/^kind: .*\/evaluations/);
    expect((await call('GET', `/api/meetings/${s.meetingId}/ballots`)).body.ballots).toHaveLength(0);
  });

  it('refuses more seats than candidates, and a second open ballot', async () => {
    const tooMany = await call('POST', `/api/meetings/${s.meetingId}/ballots`, { title: '票决', seats: 16 });
    expect(tooMany.body.error.message).toBe('seats: more places than candidates (15)');
    await openBallot(t, s);
    const other = await call('POST', `/api/meetings/${s.meetingId}/ballots`, { title: '第二', seats: 10 });
    expect((await call('POST', `/api/ballots/${other.body.ballot.id}/open`)).status).toBe(409);
  });
});

describe('the server clock', () => {
  it('closes a ballot at its deadline by its own timer', async () => {
    const id = await openBallot(t, s, { durationSeconds: 10 });
    const { deadlineAt } = (await call('GET', `/api/ballots/${id}`)).body.ballot;
    await vote(id, [[s.candidateIds[0]!]]);
    await new Promise((r) => setTimeout(r, deadlineAt - Date.now() + 200));
    await vi.waitFor(async () => expect((await call('GET', `/api/ballots/${id}`)).body.ballot).toMatchObject({ status: 'closed', closeReason: 'deadline' }), { timeout: 10_000, interval: 25 });
    const { ballot, tally } = (await call('GET', `/api/ballots/${id}/tally`)).body;
    expect(ballot).toMatchObject({ status: 'closed', closeReason: 'deadline' });
    expect(tally.papers.returned).toBe(1);
    const late = await submitPaper(t, s.tokens[1]!, id, { key: key(), marks: {} });
    expect(json(late).error.code).toBe('ballot_not_open');
  }, 20_000);
});
