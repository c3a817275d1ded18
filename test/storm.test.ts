import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { newKey, randomMarks, seeded, setUpQinshui } from './helpers/hall.ts';
import { Http } from './helpers/http.ts';
import { startServer, type ServerProcess } from './helpers/process.ts';
import { tablet } from './helpers/ws.ts';
import { sealedRecordProblems } from './helpers/sealed.ts';

const DEPUTIES = 1000;
let dir: string;
let server: ServerProcess | undefined;
afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

// 1,000 tablets lose the hall Wi-Fi at once mid-ballot, half of them right after pressing confirm, and all
// come back at once and resend: nothing lost, nothing doubled, and the console's requests keep answering.
it(`${DEPUTIES} tablets drop and reconnect at once during an open ballot`, async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'piaojue-storm-'));
  server = await startServer({ dataDir: path.join(dir, 'data') });
  const http = new Http(server.url);
  await http.login('admin', 'test-admin-password');
  const hall = await setUpQinshui(http, DEPUTIES);
  const tokens: string[] = [];
  for (let i = 0; i < hall.deputies.length; i += 50) {
    const batch = await Promise.all(
      hall.deputies.slice(i, i + 50).map(async (d) => {
        const code = await http.post(`/api/meetings/${hall.meetingId}/deputies/${d.id}/pairing-code`);
        return (await http.request('POST', '/api/devices/pair', { code: code.body.code }, 'none')).body.token as string;
      }),
    );
    tokens.push(...batch);
  }
  let tabs = await Promise.all(tokens.map((t) => tablet(server!.url, t)));
  tabs.forEach((t, i) => t.send({ type: 'checkIn', id: `c${i}` }));
  await Promise.all(tabs.map((t) => t.waitFor('checkedIn')));
  const ballotId = (await http.post(`/api/meetings/${hall.meetingId}/ballots`, { title: '票决', seats: 10, durationSeconds: 3600 })).body.ballot.id as string;
  await http.post(`/api/ballots/${ballotId}/open`);
  await Promise.all(tabs.map((t) => t.waitFor('ballot', (m) => m.ballot?.id === ballotId)));

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
  tabs = await Promise.all(tokens.map((t) => tablet(server!.url, t)));
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
