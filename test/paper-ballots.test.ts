import mammoth from 'mammoth';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildBallotReport } from '../server/exports/ballot-report.ts';
import { recount } from '../shared/recount.ts';
import type { TestApp } from './helpers/app.ts';
import type { Setup } from './helpers/factories.ts';
import { randomMarks, seeded } from './helpers/hall.ts';
import type { Http } from './helpers/http.ts';
import { paperHall, type PaperHall } from './helpers/paper-hall.ts';
import { castPaper } from './helpers/sealed.ts';
import { tablet, WsClient } from './helpers/ws.ts';

// Paper ballots (纸质选票, DESIGN §10; issue 17) over real HTTP and real sockets: issue, print, double entry by two
// clerks, the scrutineer's decisions, one tally and one record with the tablets' papers; and the refusals.

let t: TestApp;
let s: Setup;
let base: string;
let op: Http;
let staff: PaperHall['staff'];
let refused: PaperHall['refused'];

async function start(deputies: number) {
  ({ t, s, base, op, staff, refused } = await paperHall(deputies));
}
afterEach(async () => t?.close());

type Paper = { marks: Record<string, string> } | { spoiled: string };

/**
 * The count as a person would do it with a pencil, written here apart from shared/rules: a paper is valid unless
 * spoiled or over the cap of 赞成; per candidate 赞成/反对/弃权 over valid papers (unmarked = 弃权); passed when
 * 赞成 is more than half of the seated; the ten with most 赞成 among the passed are selected.
 */
function countByHand(papers: Paper[], candidateIds: string[], cap: number, seated: number) {
  const counts = new Map(candidateIds.map((id) => [id, { for: 0, against: 0, abstain: 0 }]));
  let valid = 0;
  for (const p of papers) {
    if (!('marks' in p)) continue;
    if (Object.values(p.marks).filter((m) => m === 'for').length > cap) continue;
    valid++;
    for (const id of candidateIds) {
      const m = (p.marks[id] ?? 'abstain') as 'for' | 'against' | 'abstain';
      counts.get(id)![m]++;
    }
  }
  const passed = candidateIds.filter((id) => counts.get(id)!.for * 2 > seated).sort((a, b) => counts.get(b)!.for - counts.get(a)!.for);
  const tenth = passed[9] !== undefined ? counts.get(passed[9])!.for : null;
  const eleventh = passed[10] !== undefined ? counts.get(passed[10])!.for : null;
  const tie = tenth !== null && eleventh !== null && tenth === eleventh;
  return { returned: papers.length, valid, invalid: papers.length - valid, counts, passed: new Set(passed), selected: tie ? null : new Set(passed.slice(0, 10)) };
}

describe('a mixed ballot: 100 tablets and 20 paper ballots in one tally', () => {
  beforeEach(async () => start(120), 120_000);

  it('issues, prints, enters twice, settles disputes, counts, records and announces', { timeout: 240_000 }, async () => {
    const rnd = seeded(17);
    const cands = s.candidateIds;
    const clerkA = await staff('operator', 'clerka');
    const clerkB = await staff('operator', 'clerkb');
    const clerkC = await staff('operator', 'clerkc');
    const scrutineer = await staff('scrutineer', 'jianpiao');

    const console = await WsClient.connect(base, { cookie: op.cookie! });
    console.send({ type: 'hello', role: 'console', meetingId: s.meetingId });
    await console.waitFor('attendance');

    const created = await op.post(`/api/meetings/${s.meetingId}/ballots`, { title: '2023年民生实事项目票决', seats: 10 });
    expect(created.status).toBe(201);
    const ballotId: string = created.body.ballot.id;
    expect((await op.post(`/api/ballots/${ballotId}/open`)).status).toBe(200);

    // Print 20 numbered ballots; 0005 is torn at the table and reprinted: 0005 is void, 0021 replaces it.
    const printed = await op.post(`/api/ballots/${ballotId}/paper/print`, { count: 20 });
    expect(printed.body.serials).toEqual(Array.from({ length: 20 }, (_, i) => String(i + 1).padStart(4, '0')));
    expect((await op.post(`/api/ballots/${ballotId}/paper/print`, { reprint: '5' })).body).toEqual({ serials: ['0021'], voided: '0005' });
    await refused(() => op.post(`/api/ballots/${ballotId}/paper/print`, { reprint: '0005' }), 409, 'paper_serial_void');
    const sheet = (await op.get(`/api/ballots/${ballotId}/paper/sheet`)).body;
    expect(sheet.serials).toHaveLength(20);
    expect(sheet.serials).not.toContain('0005');
    expect(sheet.candidates.map((c: { id: string }) => c.id)).toEqual(cands);

    // Every deputy's tablet is on the socket.
    const tablets: WsClient[] = [];
    for (const token of s.tokens) tablets.push(await tablet(base, token));

    // Deputy 100's tablet fails: its paper is refused; then it gets a paper ballot and its tablet is told so.
    const failing = tablets[100]!;
    await failing.waitFor('ballot', (b) => b.ballot?.id === ballotId);
    failing.sendRaw(JSON.stringify({ type: 'submitPaper', id: 'broken', ballotId, envelope: Buffer.alloc(40).toString('base64') }));
    expect((await failing.waitFor('error', (e) => e.id === 'broken')).code).toBe('bad_envelope');

    // 100 tablets vote (one of them over the cap, which a forged tablet could send: counted 废票, never trimmed).
    const sent: Record<string, string>[] = [];
    for (let i = 0; i < 100; i++) {
      const marks = i === 7 ? Object.fromEntries(cands.slice(0, 11).map((c) => [c, 'for'])) : randomMarks(cands, 10, rnd);
      sent.push(marks);
      const r = await castPaper(tablets[i]!, ballotId, marks, `p${i}`);
      expect(r.type).toBe('receipt');
    }

    // A deputy who voted on the tablet gets no paper ballot; nothing changes.
    await refused(() => op.post(`/api/ballots/${ballotId}/paper/issue`, { deputyId: s.deputyIds[3] }), 409, 'paper_deputy_voted');
    // Deputy 100 (tablet failed) gets one; then every other present deputy who has not voted (the ballot moves to paper).
    const one = await op.post(`/api/ballots/${ballotId}/paper/issue`, { deputyId: s.deputyIds[100] });
    expect(one.body.issued).toEqual([s.deputyIds[100]]);
    await refused(() => op.post(`/api/ballots/${ballotId}/paper/issue`, { deputyId: s.deputyIds[100] }), 409, 'paper_already_issued');
    const all = await op.post(`/api/ballots/${ballotId}/paper/issue`, { allPresent: true });
    expect(all.body.issued).toHaveLength(19);
    expect(all.body.progress).toMatchObject({ issued: 20, printed: 20, voided: 1, returned: 0 });

    // Their tablets say 请使用纸质选票, and refuse to vote: even a well-formed sealed paper is refused.
    const notice = await failing.waitFor('ballot', (b) => b.paper === true);
    expect(notice).toMatchObject({ voted: true, paper: true });
    await tablets[119]!.waitFor('ballot', (b) => b.paper === true);
    failing.send({ type: 'submitPaper', id: 'after-issue', ballotId, key: 'k'.repeat(32), marks: { [cands[0]!]: 'for' } });
    expect((await failing.waitFor('error', (e) => e.id === 'after-issue')).code).toBe('paper_ballot_issued');

    expect((await op.post(`/api/ballots/${ballotId}/close`)).status).toBe(200);

    // The 20 papers as the deputies filled them in, by serial: one over the cap, one torn (废票).
    const serials: string[] = sheet.serials;
    const papers = new Map<string, Paper>();
    serials.forEach((serial, i) => {
      if (i === 4) papers.set(serial, { marks: Object.fromEntries(cands.slice(0, 12).map((c) => [c, 'for'])) });
      else if (i === 9) papers.set(serial, { spoiled: 'torn' });
      else papers.set(serial, { marks: randomMarks(cands, 10, rnd) });
    });

    // Entering before the close is over is refused above by status; now: an unknown serial, a void one.
    await refused(() => clerkA.post(`/api/ballots/${ballotId}/paper/entries`, { serial: '9999', marks: {} }), 404, 'paper_serial_unknown');
    await refused(() => clerkA.post(`/api/ballots/${ballotId}/paper/entries`, { serial: '0005', marks: {} }), 409, 'paper_serial_void');

    // Clerk A enters all 20 as written; clerk B makes three mistakes.
    for (const [serial, paper] of papers) {
      const res = await clerkA.post(`/api/ballots/${ballotId}/paper/entries`, { serial: String(Number(serial)), ...paper });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body).toEqual({ serial, recorded: true });
    }
    const wrong = new Map<string, Paper>();
    const [s1, s2, s3] = [serials[1]!, serials[6]!, serials[9]!];
    const p1 = papers.get(s1) as { marks: Record<string, string> };
    wrong.set(s1, { marks: { ...p1.marks, [cands[14]!]: p1.marks[cands[14]!] === 'against' ? 'for' : 'against' } });
    wrong.set(s2, { spoiled: 'unreadable' });
    wrong.set(s3, { marks: { [cands[0]!]: 'for' } });
    for (const [serial, paper] of papers) {
      const res = await clerkB.post(`/api/ballots/${ballotId}/paper/entries`, { serial, ...(wrong.get(serial) ?? paper) });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }

    // A third entry, and a clerk entering the same paper twice: refused, nothing changes.
    await refused(() => clerkC.post(`/api/ballots/${ballotId}/paper/entries`, { serial: serials[0], ...papers.get(serials[0]!)! }), 409, 'paper_entry_complete');
    await refused(() => clerkA.post(`/api/ballots/${ballotId}/paper/entries`, { serial: serials[0], ...papers.get(serials[0]!)! }), 409, 'paper_entered_already');
    // Neither clerk sees the other's entries: A's list is A's 20, as A typed them.
    const mine = (await clerkA.get(`/api/ballots/${ballotId}/paper/entries`)).body;
    expect(mine.entries).toHaveLength(20);
    for (const e of mine.entries) expect(e.entry).toEqual(papers.get(e.serial));
    // A clerk cannot read the disputes; only a scrutineer can.
    expect((await clerkA.get(`/api/ballots/${ballotId}/paper/disputes`)).status).toBe(403);

    // Not yet: three disputes stand, and the count has not joined the tally.
    await refused(() => op.post(`/api/ballots/${ballotId}/announce`), 409, 'paper_count_pending');
    await refused(() => op.post(`/api/ballots/${ballotId}/paper/count`), 409, 'paper_count_incomplete');

    const disputes = (await scrutineer.get(`/api/ballots/${ballotId}/paper/disputes`)).body;
    expect(disputes.progress).toMatchObject({ issued: 20, returned: 20, enteredTwice: 20, disputed: 3, decided: 0 });
    expect(disputes.disputes.map((d: { serial: string }) => d.serial)).toEqual([s1, s2, s3].sort());
    const progressed = await console.waitFor('paperProgress', (m) => m.progress.disputed === 3 && m.progress.enteredTwice === 20);
    expect(progressed.progress.ballotId).toBe(ballotId);
    // An operator cannot decide; a scrutineer cannot decide an agreed paper.
    expect((await op.post(`/api/ballots/${ballotId}/paper/decisions`, { serial: s1, ...papers.get(s1)! })).status).toBe(403);
    await refused(() => scrutineer.post(`/api/ballots/${ballotId}/paper/decisions`, { serial: serials[0], ...papers.get(serials[0]!)! }), 409, 'paper_not_disputed');
    for (const serial of [s1, s2, s3]) {
      const res = await scrutineer.post(`/api/ballots/${ballotId}/paper/decisions`, { serial, ...papers.get(serial)!, note: '监票人核对原票' });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }

    const counted = await op.post(`/api/ballots/${ballotId}/paper/count`);
    expect(counted.status, JSON.stringify(counted.body)).toBe(200);
    expect(counted.body).toMatchObject({ issued: 20, returned: 20, enteredTwice: 20, disputed: 0, decided: 3, countedAt: expect.any(Number) });
    await refused(() => clerkC.post(`/api/ballots/${ballotId}/paper/entries`, { serial: serials[0], marks: {} }), 409, 'paper_counted');

    // The tally is the count by hand of all 120 papers.
    const all120: Paper[] = [...sent.map((marks) => ({ marks })), ...papers.values()];
    const hand = countByHand(all120, cands, 10, 120);
    const { tally, bySource } = (await op.get(`/api/ballots/${ballotId}/tally`)).body;
    expect(tally.papers).toEqual({ returned: hand.returned, valid: hand.valid, invalid: hand.invalid });
    // 发出 and 收回 per source, on the console and in the printed report.
    expect(bySource).toEqual({ tablet: { issued: 100, returned: 100 }, paper: { issued: 20, returned: 20 } });
    const report = await buildBallotReport(t.opened.db, ballotId, 'Asia/Shanghai');
    for (const [label, value] of [['表决器 · 发出选票', 100], ['表决器 · 收回', 100], ['纸质选票 · 发出选票', 20], ['纸质选票 · 收回', 20]] as const) {
      expect(report.bySource).toContainEqual({ label, value });
    }
    const docx = await t.app.inject({ url: `/api/ballots/${ballotId}/report.docx`, headers: { cookie: op.cookie! } });
    expect(docx.statusCode).toBe(200);
    const docxText = (await mammoth.extractRawText({ buffer: docx.rawPayload })).value;
    for (const label of ['表决器 · 发出选票', '纸质选票 · 收回']) expect(docxText).toContain(label);
    expect(hand).toMatchObject({ returned: 120, invalid: 3 }); // the tablet over the cap, the paper over the cap, the torn one
    for (const c of tally.candidates) {
      expect(c.counts).toEqual(hand.counts.get(c.id));
      expect(c.passed).toBe(hand.passed.has(c.id));
    }
    // Seeded marks: no tie straddles the cut, so the selection is the hand count's ten.
    expect(hand.selected).not.toBeNull();
    expect(new Set(tally.selected)).toEqual(hand.selected);
    expect(tally.selected).toHaveLength(10);

    // The record: the same tally recounted, 20 paper papers with no deputy and no serial, issued 20, a box of 100.
    const record = (await op.get(`/api/ballots/${ballotId}/record`)).body;
    expect(record.format).toBe('piaojue/ballot-record@2');
    expect(record.attendance).toEqual({ seated: 120, present: 120, issued: 20 });
    const onPaper = record.papers.filter((p: { source: string }) => p.source === 'paper');
    expect(onPaper).toHaveLength(20);
    // No deputy, no serial: each paper is its marks, its source and a fresh random id like a tablet paper's.
    for (const p of record.papers) {
      expect(Object.keys(p).sort()).toEqual(['id', 'marks', 'source']);
      expect(p.id).toMatch(/^p-[0-9a-f]{32}$/);
    }
    const text = JSON.stringify(record);
    for (const serial of [...serials, '0005']) expect(text).not.toMatch(new RegExp(`[^0-9a-f]${serial}[^0-9a-f]`));
    for (const id of s.deputyIds) expect(text).not.toContain(id);
    expect(record.box).toHaveLength(100);
    const again = recount(record);
    expect(again.ok && again.mismatches).toEqual([]);

    // Announce: the hand count's ten are promoted to tracked projects, each with its 赞成 of all 120 papers.
    const announced = await op.post(`/api/ballots/${ballotId}/announce`);
    expect(announced.status, JSON.stringify(announced.body)).toBe(200);
    const names = new Map(((await op.get(`/api/ballots/${ballotId}`)).body.candidates as { id: string; name: string }[]).map((c) => [c.name, c.id]));
    const projects = (await op.get('/api/projects')).body.projects as { name: string; selection: { selectedByBallotId: string | null; votes: { for: number | null } } | null }[];
    expect(new Set(projects.map((p) => names.get(p.name)))).toEqual(hand.selected);
    for (const p of projects) {
      expect(p.selection?.selectedByBallotId).toBe(ballotId);
      expect(p.selection?.votes.for).toBe(hand.counts.get(names.get(p.name)!)!.for);
    }

    // On disk, nothing ties a deputy to a paper ballot's marks or serial: the paper rows carry no deputy, the casts
    // no serial, and no audit event names both a deputy and a serial, or a deputy and marks.
    expect(t.opened.sqlite.prepare(`select count(*) n from paper where ballot_id = ? and deputy_id is not null`).get(ballotId)).toEqual({ n: 0 });
    const castColumns = (t.opened.sqlite.prepare(`pragma table_info("cast")`).all() as { name: string }[]).map((c) => c.name).sort();
    expect(castColumns).toEqual(['at', 'ballot_id', 'deputy_id', 'source']);
    for (const e of t.opened.sqlite.prepare(`select action, detail from audit_event where ballot_id = ?`).all(ballotId) as { action: string; detail: string }[]) {
      if (!s.deputyIds.some((id) => e.detail.includes(id))) continue;
      expect(e.action).toBe('paper.issued');
      expect(e.detail).not.toMatch(/"\d{4}"/);
      for (const c of cands) expect(e.detail).not.toContain(c);
    }

    // Every action is in the audit log.
    const actions = (t.opened.sqlite.prepare(`select action from audit_event where ballot_id = ?`).all(ballotId) as { action: string }[]).map((a) => a.action);
    for (const a of ['paper.printed', 'paper.reprinted', 'paper.issued', 'paper.entered', 'paper.decided', 'paper.counted']) expect(actions).toContain(a);
    expect(actions.filter((a) => a === 'paper.entered')).toHaveLength(40);
    for (const c of [...tablets, console]) c.close();
  });
});

describe('refusals', () => {
  beforeEach(async () => start(4), 60_000);

  it('more paper ballots returned than issued blocks the count and the announcement with the rule’s message', async () => {
    const clerkA = await staff('operator', 'clerka');
    const clerkB = await staff('operator', 'clerkb');
    const b = (await op.post(`/api/meetings/${s.meetingId}/ballots`, { title: '测试表决', seats: 1, secret: false })).body.ballot.id as string;
    expect((await op.post(`/api/ballots/${b}/open`)).status).toBe(200);
    expect((await op.post(`/api/ballots/${b}/paper/print`, { count: 3 })).status).toBe(200);
    expect((await op.post(`/api/ballots/${b}/paper/issue`, { deputyId: s.deputyIds[0] })).status).toBe(200);
    expect((await op.post(`/api/ballots/${b}/close`)).status).toBe(200);
    for (const serial of ['1', '2']) {
      for (const clerk of [clerkA, clerkB]) expect((await clerk.post(`/api/ballots/${b}/paper/entries`, { serial, marks: { [s.candidateIds[0]!]: 'for' } })).status).toBe(201);
    }
    const count = await refused(() => op.post(`/api/ballots/${b}/paper/count`), 409, 'paper_over_issued');
    expect(count.body.error.message).toMatch(/收回纸质选票 2 张，多于发出的 1 张/);
    await refused(() => op.post(`/api/ballots/${b}/announce`), 409, 'paper_over_issued');
  });

  it('issuing needs an open ballot, a present deputy of the meeting and a well-formed body', async () => {
    const b = (await op.post(`/api/meetings/${s.meetingId}/ballots`, { title: '测试表决', seats: 1 })).body.ballot.id as string;
    await refused(() => op.post(`/api/ballots/${b}/paper/issue`, { allPresent: true }), 409, 'ballot_not_open');
    expect((await op.post(`/api/ballots/${b}/open`)).status).toBe(200);
    await refused(() => op.post(`/api/ballots/${b}/paper/issue`, { deputyId: 'nobody' }), 404, 'not_found');
    await refused(() => op.post(`/api/ballots/${b}/paper/issue`, { deputyId: s.deputyIds[0], extra: 1 }), 400, 'invalid_input');
    await refused(() => op.post(`/api/ballots/${b}/paper/issue`, { allPresent: false }), 400, 'invalid_input');
    await refused(() => op.post(`/api/ballots/${b}/paper/print`, { count: 0 }), 400, 'invalid_input');
    await refused(() => op.post(`/api/ballots/${b}/paper/entries`, { serial: '1', marks: {} }), 409, 'ballot_not_closed');
    // No paper ballot issued or entered: the tally names no source.
    expect((await op.post(`/api/ballots/${b}/close`)).status).toBe(200);
    expect((await op.get(`/api/ballots/${b}/tally`)).body.bySource).toBeNull();
  });

  it('a ballot run on paper from the start: tablets are told, and refused', async () => {
    const b = (await op.post(`/api/meetings/${s.meetingId}/ballots`, { title: '纸质票决', seats: 1, paper: true })).body.ballot.id as string;
    expect((await op.post(`/api/ballots/${b}/open`)).status).toBe(200);
    const tab = await tablet(base, s.tokens[0]!);
    const msg = await tab.waitFor('ballot', (m) => m.ballot?.id === b);
    expect(msg.ballot?.paperOnly).toBe(true);
    tab.send({ type: 'submitPaper', id: 'x', ballotId: b, key: 'k'.repeat(20), marks: {} });
    expect((await tab.waitFor('error', (e) => e.id === 'x')).code).toBe('paper_ballot_issued');
    tab.close();
  });
});
