import { existsSync, statSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, expect, it } from 'vitest';
import { truncateWalRetrying } from '../server/ballots/opening.ts';
import { json, makeApp, type TestApp } from './helpers/app.ts';
import { checkInTablets, meetingWithTablets, openBallot, submitPaper } from './helpers/factories.ts';

// DESIGN §5: after the opening the WAL, which holds each envelope's commit beside its deputy's cast, is truncated.
// A reader holding the WAL at that moment (a backup, a copy tool) makes the truncation busy; the server must not
// give up — nor stall its event loop on the lock — but retry until the reader lets go.

let t: TestApp | undefined;
let reader: BetterSqlite3.Database | undefined;
afterEach(async () => {
  reader?.close();
  reader = undefined;
  await t?.close();
  t = undefined;
});

const walSize = (file: string) => (existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0);

/** A second connection in the middle of a read transaction: it pins the WAL, as a running backup does. */
function holdWal(file: string): BetterSqlite3.Database {
  const db = new BetterSqlite3(file, { readonly: true });
  db.exec('begin');
  db.prepare('select count(*) from envelope').get();
  return db;
}

async function sealedBallotWithPapers(app: TestApp) {
  const s = await meetingWithTablets(app, 3);
  await checkInTablets(app, s.tokens);
  const ballotId = await openBallot(app, s, { secret: true });
  for (const [i, token] of s.tokens.entries()) {
    const res = await submitPaper(app, token, ballotId, { key: `k-${i}-xxxxxxxxxxxxxxxxxxxx`, marks: { [s.candidateIds[i]!]: 'for' } });
    expect(res.statusCode, res.body).toBe(201);
  }
  return { s, ballotId };
}

it('a WAL truncation that a reader makes busy at the close is retried until the reader lets go', async () => {
  t = await makeApp();
  const { s, ballotId } = await sealedBallotWithPapers(t);
  reader = holdWal(t.opened.file);

  const started = performance.now();
  const closed = await t.app.inject({ method: 'POST', url: `/api/ballots/${ballotId}/close`, payload: {}, headers: { cookie: s.cookie } });
  expect(closed.statusCode, closed.body).toBe(200);
  expect(json(closed).ballot.status).toBe('closed');
  // The close answers without waiting out the reader (the connection's 5 s busy timeout is not spent on it).
  expect(performance.now() - started).toBeLessThan(4_000);
  // The reader still holds the WAL: the envelopes' commits are in it.
  expect(walSize(t.opened.file)).toBeGreaterThan(0);

  reader.exec('commit');
  reader.close();
  reader = undefined;
  const deadline = Date.now() + 10_000;
  while (walSize(t.opened.file) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  expect(walSize(t.opened.file), 'the WAL was truncated once the reader let go').toBe(0);
  expect(t.opened.sqlite.prepare('select count(*) as n from envelope').get()).toEqual({ n: 0 });
  expect(t.opened.sqlite.prepare('select count(*) as n from paper where ballot_id = ?').get(ballotId)).toEqual({ n: 3 });
}, 120_000);

it('the retry is bounded: a reader that never lets go ends it with false, without blocking on the lock', async () => {
  t = await makeApp();
  await sealedBallotWithPapers(t);
  reader = holdWal(t.opened.file);
  const started = performance.now();
  expect(await truncateWalRetrying(t.opened.db, { attempts: 4, delayMs: 10, maxDelayMs: 40 })).toBe(false);
  // 4 attempts with waits of 10 + 20 + 40 + 40 ms; each busy attempt returns at once instead of waiting 5 s.
  expect(performance.now() - started).toBeLessThan(4_000);
  expect(walSize(t.opened.file)).toBeGreaterThan(0);
  reader.exec('commit');
  expect(await truncateWalRetrying(t.opened.db, { attempts: 4, delayMs: 10, maxDelayMs: 40 })).toBe(true);
  expect(walSize(t.opened.file)).toBe(0);
}, 120_000);
