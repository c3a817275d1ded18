import { afterAll, expect, it } from 'vitest';
import { hallWithTablets, newKey, openHallBallot, randomMarks, seeded } from './helpers/hall.ts';
import { startHallServer, type HallServer } from './helpers/server.ts';
import { tablet, WsClient } from './helpers/ws.ts';

const DEPUTIES = 300;
let h: HallServer | undefined;
afterAll(async () => h?.close());

// 300 tablets vote in the same instant over real sockets: every paper is acknowledged after its commit,
// the tally is exactly what the tablets sent, and the console sees a handful of turnout updates, not 300.
it(`${DEPUTIES} tablets voting at once`, async () => {
  h = await startHallServer('load');
  const { server, http } = h;
  const hall = await hallWithTablets(http, DEPUTIES);
  const tabs = await Promise.all(hall.tokens.map((t) => tablet(server.url, t)));
  const con = await WsClient.connect(server.url, { cookie: http.cookie! });
  con.send({ type: 'hello', role: 'console', meetingId: hall.meetingId });

  tabs.forEach((t, i) => t.send({ type: 'checkIn', id: `c${i}` }));
  await Promise.all(tabs.map((t) => t.waitFor('checkedIn')));
  await con.waitFor('attendance', (a) => a.attendance.present === DEPUTIES);
  const attendanceUpdates = con.count('attendance');

  const ballotId = await openHallBallot(http, hall.meetingId, { title: '2023年民生实事项目票决', durationSeconds: 600 }, tabs);

  const rnd = seeded(300);
  const papers = tabs.map(() => ({ key: newKey(rnd), marks: randomMarks(hall.candidateIds, 10, rnd) }));
  const turnoutBefore = con.count('turnout');
  const started = Date.now();
  tabs.forEach((t, i) => t.send({ type: 'submitPaper', id: `v${i}`, ballotId, ...papers[i]! }));
  const receipts = await Promise.all(tabs.map((t, i) => t.waitFor('receipt', (r) => r.id === `v${i}`, 30_000)));
  const voteWallMs = Date.now() - started;
  expect(receipts.every((r) => !r.duplicate)).toBe(true);
  expect(new Set(receipts.map((r) => ('tracker' in r.receipt ? r.receipt.tracker : ''))).size).toBe(DEPUTIES);
  await con.waitFor('turnout', (m) => m.voted === DEPUTIES);
  const turnoutBroadcasts = con.count('turnout') - turnoutBefore;

  await http.post(`/api/ballots/${ballotId}/close`);
  const { tally } = (await http.get(`/api/ballots/${ballotId}/tally`)).body;
  expect(tally.papers).toEqual({ returned: DEPUTIES, valid: DEPUTIES, invalid: 0 });
  for (const [i, id] of hall.candidateIds.entries()) {
    const sent = { for: 0, against: 0, abstain: 0 };
    for (const p of papers) sent[(p.marks[id] ?? 'abstain') as keyof typeof sent]++;
    expect(tally.candidates[i].counts, id).toEqual(sent);
  }
  // Coalesced: at most one turnout broadcast per 250 ms window (plus the last), never one per paper.
  expect(turnoutBroadcasts).toBeGreaterThanOrEqual(1);
  expect(turnoutBroadcasts).toBeLessThanOrEqual(Math.ceil((Date.now() - started) / 250) + 1);
  expect(turnoutBroadcasts).toBeLessThan(DEPUTIES / 10);
  expect(attendanceUpdates).toBeLessThan(DEPUTIES / 10);
  console.log(`${DEPUTIES} papers acknowledged in ${voteWallMs} ms; ${turnoutBroadcasts} turnout and ${attendanceUpdates} attendance broadcasts`);
  for (const t of [...tabs, con]) {
    expect(t.invalid).toEqual([]);
    t.close();
  }
}, 120_000);
