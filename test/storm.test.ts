import { afterAll, expect, it } from 'vitest';
import { checkedInSockets, hallWithTablets, newKey, openHallBallot, randomMarks, seeded } from './helpers/hall.ts';
import { startHallServer, type HallServer } from './helpers/server.ts';
import { tablet } from './helpers/ws.ts';
import { sealedRecordProblems } from './helpers/sealed.ts';

const DEPUTIES = 1000;
let h: HallServer | undefined;
afterAll(async () => h?.close());

// 1,000 tablets lose the hall Wi-Fi at once mid-ballot, half of them right after pressing confirm, and all
// come back at once and resend: nothing lost, nothing doubled, and the console's requests keep answering.
it(`${DEPUTIES} tablets drop and reconnect at once during an open ballot`, async () => {
  h = await startHallServer('storm');
  const { server, http } = h;
  const hall = await hallWithTablets(http, DEPUTIES, { concurrency: 50 });
  const { tokens } = hall;
  let tabs = await checkedInSockets(server.url, tokens);
  const ballotId = await openHallBallot(http, hall.meetingId, {}, tabs);

  const rnd = seeded(1000);
  const papers = tabs.map(() => ({ key: newKey(rnd), marks: randomMarks(hall.candidateIds, 10, rnd) }));
  // The first half confirm and drop in the same instant; the rest drop without having voted.
  tabs.forEach((t, i) => {
    if (i < DEPUTIES / 2) t.send({ type: 'submitPaper', id: `v${i}`, ballotId, ...papers[i]! });
    t.drop();
  });

  // The storm: everyone reconnects at once while the console keeps asking for turnout.
  const consoleLatencies: number[] = [];
  let storming = true;
  const consolePoll = (async () => {
    while (storming) {
      const t0 = Date.now();
      const res = await http.get(`/api/ballots/${ballotId}/turnout`);
      expect(res.status).toBe(200);
      consoleLatencies.push(Date.now() - t0);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  tabs = await Promise.all(tokens.map((t) => tablet(server.url, t)));
  tabs.forEach((t, i) => t.send({ type: 'submitPaper', id: `again${i}`, ballotId, ...papers[i]! }));
  const receipts = await Promise.all(tabs.map((t, i) => t.waitFor('receipt', (r) => r.id === `again${i}`, 30_000)));
  storming = false;
  await consolePoll;

  expect(new Set(receipts.map((r) => ('tracker' in r.receipt ? r.receipt.tracker : ''))).size).toBe(DEPUTIES);
  expect(consoleLatencies.length).toBeGreaterThan(0);
  expect(Math.max(...consoleLatencies)).toBeLessThan(5_000);
  await http.post(`/api/ballots/${ballotId}/close`);
  const record = (await http.get(`/api/ballots/${ballotId}/record`)).body;
  expect(record.papers).toHaveLength(DEPUTIES);
  expect(sealedRecordProblems(record, receipts.map((r) => r.receipt), papers.map((p) => p.marks))).toEqual([]);
  console.log(`storm: ${DEPUTIES} reconnects; console turnout answered ${consoleLatencies.length} times, slowest ${Math.max(...consoleLatencies)} ms`);
  tabs.forEach((t) => t.close());
}, 180_000);
