import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, expect, it, vi } from 'vitest';
import { makeApp, type TestApp } from './helpers/app.ts';
import { checkInTablets, meetingWithTablets, openBallot, type Setup } from './helpers/factories.ts';
import { asSent } from './helpers/sealed.ts';
import { envelopeLength } from '../shared/seal.ts';
import { OPEN_BATCH, OpenedPapers } from '../server/ballots/opening.ts';
import { decodeEnvelope } from '../server/ballots/paper-batch.ts';
import { getBallot } from '../server/ballots/store.ts';
import { closeAndTally } from './helpers/close-tally.ts';

// The envelope opener thread (server/ballots/opening.ts, opener-worker.ts; DESIGN §5, issue 11): acknowledged
// envelopes are opened off the event loop that acknowledges papers, so the close only writes and tallies. When
// the thread is gone, the opening at close opens every envelope itself: nothing acknowledged is lost.

let t: TestApp | undefined;
afterEach(async () => t?.close());

const DEPUTIES = 30;

async function vote(t: TestApp, s: Setup, ballotId: string, from: number, to: number): Promise<void> {
  await Promise.all(submit(t, s, ballotId, from, to));
}

/** Hands the papers of deputies from..to to the desk, in this turn of the event loop; their outcomes. */
function submit(t: TestApp, s: Setup, ballotId: string, from: number, to: number) {
  const papers = [];
  for (let i = from; i < to; i++) {
    const marks = { [s.candidateIds[i % s.candidateIds.length]!]: i % 3 === 0 ? 'against' : 'for' };
    const sent = asSent(ballotId, { key: `key-${String(i).padStart(24, '0')}`, marks }) as { envelope: string };
    papers.push(t.app.paperDesk.submit({ ballotId, deputyId: s.deputyIds[i]!, envelope: sent.envelope }));
  }
  return papers;
}


/** What the marks sent by deputies from..to add up to, per candidate. */
function expected(s: Setup, to: number) {
  const counts = new Map<string, { for: number; against: number }>();
  for (let i = 0; i < to; i++) {
    const id = s.candidateIds[i % s.candidateIds.length]!;
    const c = counts.get(id) ?? { for: 0, against: 0 };
    if (i % 3 === 0) c.against++;
    else c.for++;
    counts.set(id, c);
  }
  return counts;
}

it('opens every acknowledged envelope on the opener thread before the close, and the tally counts each once', async () => {
  t = await makeApp();
  const s = await meetingWithTablets(t, DEPUTIES);
  await checkInTablets(t, s.tokens);
  const ballotId = await openBallot(t, s, { secret: true });
  await vote(t, s, ballotId, 0, DEPUTIES);
  const opened = t.app.ballots.opened;
  // Only the thread's answers fill this: the main thread opens nothing before the close. settle() gives up after
  // 2 s (the close then opens the rest itself); a busy machine can take longer to load the thread: wait for it.
  await vi.waitFor(() => expect(opened.count(ballotId)).toBe(DEPUTIES), { timeout: 30_000, interval: 100 });
  const tally = await closeAndTally(t, s, ballotId);
  expect(tally.papers).toMatchObject({ returned: DEPUTIES, valid: DEPUTIES });
  for (const [id, c] of expected(s, DEPUTIES)) expect(tally.candidates.find((x) => x.id === id)?.counts).toMatchObject(c);
  expect(opened.count(ballotId)).toBe(0); // the plaintext leaves memory with the opening
});

it('without the thread (stopped mid-ballot), the opening at close opens the rest itself: nothing lost, nothing twice', async () => {
  t = await makeApp();
  const s = await meetingWithTablets(t, DEPUTIES);
  await checkInTablets(t, s.tokens);
  const ballotId = await openBallot(t, s, { secret: true });
  const opened = t.app.ballots.opened;
  await vote(t, s, ballotId, 0, 10);
  await vi.waitFor(() => expect(opened.count(ballotId)).toBe(10), { timeout: 30_000, interval: 100 });
  await opened.close();
  await vote(t, s, ballotId, 10, DEPUTIES);
  await opened.settle(ballotId);
  expect(opened.count(ballotId)).toBe(10);
  const tally = await closeAndTally(t, s, ballotId);
  expect(tally.papers).toMatchObject({ returned: DEPUTIES, valid: DEPUTIES });
  for (const [id, c] of expected(s, DEPUTIES)) expect(tally.candidates.find((x) => x.id === id)?.counts).toMatchObject(c);
});

it('a burst leaves a backlog: the close takes back the batches the thread has not reached, opens them itself, and none is opened twice', async () => {
  t = await makeApp();
  const many = 6 * OPEN_BATCH;
  const s = await meetingWithTablets(t, many);
  await checkInTablets(t, s.tokens);
  const ballotId = await openBallot(t, s, { secret: true });
  const opened = t.app.ballots.opened;
  const before = { ...opened.stats };
  // Six batches for the thread, handed over on receipt; the close comes in the same turn, before any answer.
  const outcomes = submit(t, s, ballotId, 0, many);
  await Promise.all([...outcomes, opened.settle(ballotId, 30_000)]);
  await opened.settle(ballotId, 30_000); // the rows of any acknowledged while the thread still had them
  expect(opened.count(ballotId)).toBe(many);
  expect(opened.awaitingAcknowledgement(ballotId)).toBe(0);
  const byThread = opened.stats.byThread - before.byThread;
  const takenBack = opened.stats.takenBack - before.takenBack;
  // The newest batches are taken back at once, before the thread can reach them; the thread keeps the oldest.
  expect(takenBack).toBeGreaterThanOrEqual(OPEN_BATCH);
  expect(byThread + takenBack).toBe(many);
  const tally = await closeAndTally(t, s, ballotId);
  expect(tally.papers).toMatchObject({ returned: many, valid: many });
  for (const [id, c] of expected(s, many)) expect(tally.candidates.find((x) => x.id === id)?.counts).toMatchObject(c);
  const rows = await t.app.db.selectFrom('paper').select((eb) => eb.fn.countAll<number>().as('n')).where('ballot_id', '=', ballotId).executeTakeFirstOrThrow();
  expect(Number(rows.n)).toBe(many);
}, 120_000);

it('an envelope is opened on receipt and kept only once acknowledged: a refused one leaves nothing in memory', async () => {
  t = await makeApp();
  const s = await meetingWithTablets(t, DEPUTIES);
  await checkInTablets(t, s.tokens.slice(0, DEPUTIES - 5)); // the last five have not checked in: refused
  const ballotId = await openBallot(t, s, { secret: true });
  const opened = t.app.ballots.opened;
  const before = opened.stats.byThread;
  const outcomes = await Promise.allSettled(submit(t, s, ballotId, 0, DEPUTIES));
  expect(outcomes.filter((o) => o.status === 'rejected').map((o) => (o as PromiseRejectedResult).reason.code)).toEqual(Array(5).fill('not_checked_in'));
  // Every envelope went to the thread on receipt, the refused ones too; only the acknowledged are kept.
  await vi.waitFor(() => expect(opened.stats.byThread - before).toBe(DEPUTIES), { timeout: 30_000, interval: 50 });
  expect(opened.count(ballotId)).toBe(DEPUTIES - 5);
  expect(opened.awaitingAcknowledgement(ballotId)).toBe(0);
  const tally = await closeAndTally(t, s, ballotId);
  expect(tally.papers).toMatchObject({ returned: DEPUTIES - 5, valid: DEPUTIES - 5 });
  for (const [id, c] of expected(s, DEPUTIES - 5)) expect(tally.candidates.find((x) => x.id === id)?.counts).toMatchObject(c);
}, 120_000);

it('envelopes opened on receipt and never acknowledged are bounded: past the limit, only acknowledged ones are opened', async () => {
  t = await makeApp();
  const s = await meetingWithTablets(t, DEPUTIES);
  await checkInTablets(t, s.tokens);
  const ballotId = await openBallot(t, s, { secret: true });
  const ballot = await getBallot(t.app.db, ballotId);
  const opened = new OpenedPapers(t.app.ballots.keys, undefined, 3);
  try {
    opened.warm(ballotId, { rules: ballot.rules, markIds: s.candidateIds, envelopeBytes: envelopeLength(ballot.sealing!.plaintextLength) });
    for (let i = 0; i < 5; i++) {
      const sent = asSent(ballotId, { key: `key-${String(i).padStart(24, '0')}`, marks: {} }) as { envelope: string };
      const { tracker, body } = decodeEnvelope(sent.envelope);
      opened.receive(ballotId, tracker, body);
      opened.receive(ballotId, tracker, body); // a resend of the same envelope takes no second place
    }
    expect(opened.awaitingAcknowledgement(ballotId)).toBe(3);
    // An envelope of another length (the desk refuses it) is not opened on receipt, even with room to spare.
    const roomy = new OpenedPapers(t.app.ballots.keys, undefined, 10);
    roomy.warm(ballotId, { rules: ballot.rules, markIds: s.candidateIds, envelopeBytes: envelopeLength(ballot.sealing!.plaintextLength) });
    roomy.receive(ballotId, 'f'.repeat(64), new Uint8Array(envelopeLength(ballot.sealing!.plaintextLength) + 1));
    expect(roomy.awaitingAcknowledgement(ballotId)).toBe(0);
    await roomy.close();
    await vi.waitFor(() => expect(opened.stats.byThread).toBe(3), { timeout: 30_000, interval: 50 });
  } finally {
    await opened.close();
  }
}, 120_000);

it.runIf(process.platform === 'linux')('the opener thread runs at the lowest priority (nice 19), the event loop that acknowledges papers at its own', async () => {
  t = await makeApp();
  const s = await meetingWithTablets(t, 3);
  await checkInTablets(t, s.tokens);
  const niceOf = (tid: string) => Number(readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1]!.split(' ')[16]);
  const before = new Set(readdirSync('/proc/self/task'));
  await openBallot(t, s, { secret: true }); // starts the thread
  await vi.waitFor(
    () => {
      const started = readdirSync('/proc/self/task').filter((tid) => !before.has(tid));
      expect(started.map(niceOf)).toContain(19);
    },
    { timeout: 30_000, interval: 50 },
  );
  expect(niceOf(String(process.pid))).toBeLessThan(19);
}, 120_000);
