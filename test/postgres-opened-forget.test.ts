import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { newKeyPair, sealReady } from '../shared/seal.ts';
import { json, type TestApp } from './helpers/app.ts';
import { checkInTablets, meetingWithTablets, openBallot } from './helpers/factories.ts';
import { serverOnPostgres } from './helpers/pg-apps.ts';
import { startPostgres, type PostgresCluster } from './helpers/postgres.ts';
import { asSent } from './helpers/sealed.ts';

// Several server processes on one PostgreSQL database (DESIGN §5, §8): the process that opened a secret ballot
// holds its key, and opens the envelopes its tablets sent in memory (server/ballots/opening.ts). When another
// process closes the ballot (it fetches the key by the relay and opens every envelope), the first must not keep
// the ballot's secret key, nor the plaintext marks of the envelopes it opened, in memory after the close.

const DEPUTIES = 12;
let cluster: PostgresCluster;
let dir: string;
const apps: TestApp[] = [];

async function serverOn(url: string, secret: Buffer, name: string): Promise<TestApp> {
  const t = await serverOnPostgres(url, secret, path.join(dir, name), name);
  apps.push(t);
  return t;
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'piaojue-pg-forget-'));
  cluster = await startPostgres();
}, 120_000);
afterAll(async () => {
  for (const t of apps) await t.close();
  await cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
});

it('a ballot closed by another process leaves no key and no opened marks in the process that opened it', async () => {
  const url = await cluster.createDatabase('opened_forget');
  const secret = randomBytes(32);
  const a = await serverOn(url, secret, 'a');
  const b = await serverOn(url, secret, 'b');
  const s = await meetingWithTablets(a, DEPUTIES);
  await sealReady();
  const admin = await a.as('admin');
  const scrutineer = await a.app.inject({ method: 'PUT', url: `/api/meetings/${s.meetingId}/scrutineer-key`, payload: { publicKey: newKeyPair().publicKey }, headers: { cookie: admin.cookie } });
  expect(scrutineer.statusCode).toBe(200);
  await checkInTablets(a, s.tokens);
  const ballotId = await openBallot(a, s, { secret: true });
  await Promise.all(
    s.deputyIds.map((deputyId, i) => {
      const sent = asSent(ballotId, { key: `key-${String(i).padStart(24, '0')}`, marks: { [s.candidateIds[0]!]: 'for' } }) as { envelope: string };
      return a.app.paperDesk.submit({ ballotId, deputyId, envelope: sent.envelope });
    }),
  );
  await a.app.ballots.opened.settle(ballotId);
  expect(a.app.ballots.opened.count(ballotId)).toBe(DEPUTIES); // A opened them in memory, as they came
  expect(a.app.ballots.keys.get(ballotId)).toBeDefined();

  // B closes: it fetches the key from A by the relay and opens every envelope.
  const operator = await b.as('operator');
  const closed = await b.app.inject({ method: 'POST', url: `/api/ballots/${ballotId}/close`, payload: {}, headers: { cookie: operator.cookie } });
  expect(closed.statusCode).toBe(200);
  const tally = json(await b.app.inject({ method: 'GET', url: `/api/ballots/${ballotId}/tally`, headers: { cookie: operator.cookie } })).tally;
  expect(tally.papers).toMatchObject({ returned: DEPUTIES, valid: DEPUTIES });

  // A hears of the close (LISTEN/NOTIFY) and lets go of the key and of the plaintext it held.
  await vi.waitFor(
    () => {
      expect(a.app.ballots.opened.count(ballotId)).toBe(0);
      expect(a.app.ballots.keys.get(ballotId)).toBeUndefined();
    },
    { timeout: 10_000, interval: 100 },
  );
}, 180_000);
