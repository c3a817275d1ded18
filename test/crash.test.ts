import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Receipt } from '../shared/api.ts';
import { newKey, pairTablets, randomMarks, seeded, setUpQinshui } from './helpers/hall.ts';
import { Http } from './helpers/http.ts';
import { startPostgres, type PostgresCluster } from './helpers/postgres.ts';
import { startServer, type ServerProcess } from './helpers/process.ts';
import { tablet, type WsClient } from './helpers/ws.ts';
import { sealedRecordProblems } from './helpers/sealed.ts';

// kill -9 at chosen points while papers stream in (PIAOJUE_FAULT, server/faults.ts), restart, let the tablets
// reconnect and resend: every acknowledged paper is counted exactly once, every tablet ends with a receipt,
// and the tally is what the tablets sent. On each engine: a SQLite file, then PostgreSQL (DESIGN §8).
const DEPUTIES = 200;
type Engine = 'sqlite' | 'postgres';
let cluster: PostgresCluster | undefined;
let databases = 0;
/** The server's environment for the engine: on PostgreSQL a fresh database of the shared throwaway cluster. */
async function engineEnv(engine: Engine): Promise<Record<string, string>> {
  if (engine === 'sqlite') return {};
  cluster ??= await startPostgres();
  return { DATABASE_URL: await cluster.createDatabase(`crash_${++databases}`) };
}
const dirs: string[] = [];
const servers: ServerProcess[] = [];
afterAll(async () => {
  for (const s of servers) await s.stop();
  await cluster?.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function hallWithOpenBallot(fault: string, engine: Engine) {
  const dir = mkdtempSync(path.join(tmpdir(), 'piaojue-crash-'));
  dirs.push(dir);
  const dataDir = path.join(dir, 'data');
  const env = await engineEnv(engine);
  const server = await startServer({ dataDir, env: { ...env, PIAOJUE_FAULT: fault } });
  servers.push(server);
  const http = new Http(server.url);
  await http.login('admin', 'test-admin-password');
  const hall = await setUpQinshui(http, DEPUTIES);
  const tokens = await pairTablets(http, hall.meetingId, hall.deputies.map((d) => d.id));
  const tabs = await Promise.all(tokens.map((t) => tablet(server.url, t)));
  tabs.forEach((t, i) => t.send({ type: 'checkIn', id: `c${i}` }));
  await Promise.all(tabs.map((t) => t.waitFor('checkedIn')));
  const ballotId = (await http.post(`/api/meetings/${hall.meetingId}/ballots`, { title: '票决', seats: 10, durationSeconds: 3600 })).body.ballot.id as string;
  await http.post(`/api/ballots/${ballotId}/open`);
  await Promise.all(tabs.map((t) => t.waitFor('ballot', (m) => m.ballot?.id === ballotId)));
  const rnd = seeded(fault.length);
  const papers = tabs.map(() => ({ key: newKey(rnd), marks: randomMarks(hall.candidateIds, 10, rnd) }));
  return { dataDir, env, server, http, hall, tokens, tabs, ballotId, papers };
}

/** After the crash: restart, every tablet reconnects and resends its paper; returns the new server and receipts. */
async function restartAndResend(h: Awaited<ReturnType<typeof hallWithOpenBallot>>, before: (Receipt | undefined)[]) {
  const server = await startServer({ dataDir: h.dataDir, env: h.env });
  servers.push(server);
  const http = new Http(server.url);
  await http.login('admin', 'test-admin-password');
  const tabs = await Promise.all(h.tokens.map((t) => tablet(server.url, t)));
  tabs.forEach((t, i) => t.send({ type: 'submitPaper', id: `again${i}`, ballotId: h.ballotId, ...h.papers[i]! }));
  const after = await Promise.all(tabs.map((t, i) => t.waitFor('receipt', (r) => r.id === `again${i}`)));
  after.forEach((r, i) => {
    if (before[i]) {
      expect(r.receipt).toEqual(before[i]);
      expect(r.duplicate).toBe(true);
    }
  });
  return { server, http, tabs, receipts: after.map((r) => r.receipt) };
}

async function expectExactTally(http: Http, h: Awaited<ReturnType<typeof hallWithOpenBallot>>, receipts: Receipt[]) {
  const record = (await http.get(`/api/ballots/${h.ballotId}/record`)).body;
  expect(record.papers).toHaveLength(DEPUTIES);
  // Each receipt's tracker is in the box, and the papers are exactly the marks the tablets sent.
  expect(sealedRecordProblems(record, receipts, h.papers.map((p) => p.marks))).toEqual([]);
  h.hall.candidateIds.forEach((id, c) => {
    const sent = { for: 0, against: 0, abstain: 0 };
    for (const p of h.papers) sent[(p.marks[id] ?? 'abstain') as keyof typeof sent]++;
    expect(record.tally.candidates[c].counts).toEqual(sent);
  });
}

/** Sends the papers in waves so that several batches commit before the fault point is reached. */
async function streamUntilDeath(h: Awaited<ReturnType<typeof hallWithOpenBallot>>, tabs: WsClient[]) {
  const died = new Promise<void>((resolve) => h.server.proc.once('exit', () => resolve()));
  for (let wave = 0; wave < 10; wave++) {
    for (let i = wave * 20; i < (wave + 1) * 20; i++) tabs[i]!.send({ type: 'submitPaper', id: `v${i}`, ballotId: h.ballotId, ...h.papers[i]! });
    await new Promise((r) => setTimeout(r, 15));
  }
  await died;
  await new Promise((r) => setTimeout(r, 100));
  return tabs.map((t, i) => t.messages.find((m) => m.type === 'receipt' && m.id === `v${i}`)).map((m) => (m?.type === 'receipt' ? m.receipt : undefined));
}

describe.each(['sqlite', 'postgres'] as const)('kill -9 while papers stream in, on %s', (engine) => {
  beforeAll(async () => {
    if (engine === 'postgres') cluster ??= await startPostgres();
  }, 120_000);

  for (const point of ['paper-before-commit:3', 'paper-after-commit:3']) {
    it(`at ${point}`, async () => {
      const h = await hallWithOpenBallot(point, engine);
      const acked = await streamUntilDeath(h, h.tabs);
      const ackedCount = acked.filter(Boolean).length;
      expect(ackedCount).toBeGreaterThan(0); // the crash came after some acknowledgements…
      expect(ackedCount).toBeLessThan(DEPUTIES); // …and before all of them
      const { http, tabs, receipts } = await restartAndResend(h, acked);
      await http.post(`/api/ballots/${h.ballotId}/close`);
      await expectExactTally(http, h, receipts);
      tabs.forEach((t) => t.close());
    }, 120_000);
  }

  it('during close: the ballot is still open after the restart, with every paper, and closes cleanly', async () => {
    const h = await hallWithOpenBallot('close-before-commit:1', engine);
    h.tabs.forEach((t, i) => t.send({ type: 'submitPaper', id: `v${i}`, ballotId: h.ballotId, ...h.papers[i]! }));
    const acked = (await Promise.all(h.tabs.map((t, i) => t.waitFor('receipt', (r) => r.id === `v${i}`)))).map((r) => r.receipt);
    const died = new Promise<void>((resolve) => h.server.proc.once('exit', () => resolve()));
    await h.http.post(`/api/ballots/${h.ballotId}/close`).catch(() => null);
    await died;
    const { http, tabs, receipts } = await restartAndResend(h, acked);
    const ballot = (await http.get(`/api/ballots/${h.ballotId}`)).body;
    expect(ballot.ballot.status).toBe('open');
    expect(ballot.voted).toBe(DEPUTIES);
    expect((await http.post(`/api/ballots/${h.ballotId}/close`)).status).toBe(200);
    await expectExactTally(http, h, receipts);
    tabs.forEach((t) => t.close());
  }, 120_000);
});
