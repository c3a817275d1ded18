import { afterEach, expect, it, vi } from 'vitest';
import { makeApp, type TestApp } from './helpers/app.ts';
import { checkInTablets, meetingWithTablets, openBallot, type Setup } from './helpers/factories.ts';
import { asSent } from './helpers/sealed.ts';
import { envelopeLength } from '../shared/seal.ts';
import { EARLY_LIMIT, MAX_QUIET_WAIT_MS, OpenedPapers, QUIET_MS } from '../server/ballots/opening.ts';
import { decodeEnvelope } from '../server/ballots/paper-batch.ts';
import { getBallot } from '../server/ballots/store.ts';

// The opener thread in `quiet` mode (server/ballots/opening.ts, OpeningMode; issue 18): on PostgreSQL envelopes
// are not opened on receipt but once acknowledged, when no envelope has been acknowledged for QUIET_MS — or once
// the oldest has waited MAX_QUIET_WAIT_MS — so a burst of papers is acknowledged without the opening beside it.
// The close (settle) sends what waits at once.

let t: TestApp | undefined;
const threads: OpenedPapers[] = [];
afterEach(async () => {
  for (const o of threads.splice(0)) await o.close();
  await t?.close();
  t = undefined;
});

async function setup(n: number) {
  t = await makeApp();
  const s = await meetingWithTablets(t, n);
  await checkInTablets(t, s.tokens);
  const ballotId = await openBallot(t, s, { secret: true });
  const ballot = await getBallot(t.app.db, ballotId);
  const opened = new OpenedPapers(t.app.ballots.keys, undefined, EARLY_LIMIT, 'quiet');
  threads.push(opened);
  opened.warm(ballotId, { rules: ballot.rules, markIds: s.candidateIds, envelopeBytes: envelopeLength(ballot.sealing!.plaintextLength) });
  return { s, ballotId, ballot, opened };
}

/** Deputy i's sealed envelope, as the desk holds it once acknowledged. */
function envelope(s: Setup, ballotId: string, i: number) {
  const sent = asSent(ballotId, { key: `key-${String(i).padStart(24, '0')}`, marks: { [s.candidateIds[0]!]: 'for' } }) as { envelope: string };
  return decodeEnvelope(sent.envelope);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

it('opens nothing on receipt, and nothing while acknowledgements keep coming; all of them once the desk is quiet', async () => {
  const { s, ballotId, ballot, opened } = await setup(12);
  const sealed = (i: number) => ({ ...envelope(s, ballotId, i), rules: ballot.rules, markIds: s.candidateIds });
  for (let i = 0; i < 12; i++) {
    const { tracker, body } = envelope(s, ballotId, i);
    opened.receive(ballotId, tracker, body);
  }
  expect(opened.awaitingAcknowledgement(ballotId)).toBe(0);
  await sleep(QUIET_MS * 2);
  expect(opened.stats.sent).toBe(0); // received only: nothing goes to the thread
  // Acknowledgements every QUIET_MS / 4 for about twice QUIET_MS: none goes to the thread meanwhile.
  const started = performance.now();
  for (let i = 0; i < 8; i++) {
    opened.remember(ballotId, sealed(i));
    await sleep(QUIET_MS / 4);
  }
  const burst = performance.now() - started;
  if (burst < MAX_QUIET_WAIT_MS - QUIET_MS) expect(opened.stats.sent).toBe(0); // (a stalled machine may pass the cap)
  expect(opened.count(ballotId)).toBe(0);
  await vi.waitFor(() => expect(opened.count(ballotId)).toBe(8), { timeout: 30_000, interval: 20 });
  expect(opened.stats.byThread).toBe(8);
}, 120_000);

it('a steady stream of acknowledgements is opened as it comes: the oldest waits at most MAX_QUIET_WAIT_MS', async () => {
  const { s, ballotId, ballot, opened } = await setup(40);
  let i = 0;
  const started = performance.now();
  let firstOpenedAt: number | undefined; // when the first envelopes went to the thread (ms after the first acknowledgement)
  // One acknowledgement every QUIET_MS / 2 (never quiet) for MAX_QUIET_WAIT_MS + 1 s.
  while (performance.now() - started < MAX_QUIET_WAIT_MS + 1000 && i < 40) {
    opened.remember(ballotId, { ...envelope(s, ballotId, i++), rules: ballot.rules, markIds: s.candidateIds });
    if (firstOpenedAt === undefined && opened.stats.sent > 0) firstOpenedAt = performance.now() - started;
    await sleep(QUIET_MS / 2);
  }
  expect(firstOpenedAt, 'sent before the stream ended').toBeDefined();
  expect(firstOpenedAt!).toBeGreaterThanOrEqual(MAX_QUIET_WAIT_MS - 50);
  await vi.waitFor(() => expect(opened.count(ballotId)).toBe(i), { timeout: 30_000, interval: 20 });
}, 120_000);

it('the close does not wait for the quiet: settle() opens what waits at once', async () => {
  const { s, ballotId, ballot, opened } = await setup(20);
  for (let i = 0; i < 20; i++) opened.remember(ballotId, { ...envelope(s, ballotId, i), rules: ballot.rules, markIds: s.candidateIds });
  const started = performance.now();
  await opened.settle(ballotId, 30_000);
  expect(opened.count(ballotId)).toBe(20);
  expect(performance.now() - started).toBeLessThan(30_000);
});

it('the server on SQLite opens on receipt (one process has the cores to itself)', async () => {
  t = await makeApp();
  expect(t.app.ballots.opened.mode).toBe('received');
});
