import { afterEach, expect, it, vi } from 'vitest';
import { makeApp, type TestApp } from './helpers/app.ts';
import { checkInTablets, meetingWithTablets, openBallot } from './helpers/factories.ts';
import { asSent } from './helpers/sealed.ts';
import { closeAndTally } from './helpers/close-tally.ts';

// Envelopes go to the opener thread on receipt, before the paper desk decides them (server/ballots/opening.ts,
// OpenedPapers: receive → remember | refused). The same envelope can come back: a tablet resends after a lost
// acknowledgement, in the same batch or after a refusal; a hostile tablet replays another's. Whatever the order
// of refusals, acknowledgements and the thread's answers, each acknowledged envelope counts exactly once, and
// nothing refused stays in memory.

let t: TestApp | undefined;
afterEach(async () => t?.close());

function envelopeOf(ballotId: string, i: number, marks: Record<string, string>): string {
  return (asSent(ballotId, { key: `key-${String(i).padStart(24, '0')}`, marks }) as { envelope: string }).envelope;
}


it('refused (not checked in), then resent after the check-in while the first opening is still with the thread: counted once', async () => {
  t = await makeApp();
  const s = await meetingWithTablets(t, 3);
  await checkInTablets(t, s.tokens.slice(1));
  const ballotId = await openBallot(t, s, { secret: true });
  const opened = t.app.ballots.opened;
  const desk = t.app.paperDesk;
  const c = s.candidateIds[0]!;
  const mine = envelopeOf(ballotId, 0, { [c]: 'for' });

  // Refused: deputy 0 has not checked in. The thread may still be opening it when the resend arrives.
  await expect(desk.submit({ ballotId, deputyId: s.deputyIds[0]!, envelope: mine })).rejects.toMatchObject({ code: 'not_checked_in' });
  expect(opened.awaitingAcknowledgement(ballotId)).toBe(0);
  await checkInTablets(t, [s.tokens[0]!]);
  // The resend, twice in one turn (a reconnecting tablet), and a hostile tablet replaying the same envelope.
  const outcomes = await Promise.allSettled([
    desk.submit({ ballotId, deputyId: s.deputyIds[0]!, envelope: mine }),
    desk.submit({ ballotId, deputyId: s.deputyIds[0]!, envelope: mine }),
    desk.submit({ ballotId, deputyId: s.deputyIds[1]!, envelope: mine }),
  ]);
  expect(outcomes.map((o) => (o.status === 'fulfilled' ? (o.value.duplicate ? 'duplicate' : 'new') : (o.reason as { code: string }).code))).toEqual([
    'new',
    'duplicate',
    'paper_conflict',
  ]);
  // Deputy 2 votes normally; deputy 1 (whose replay was refused) votes its own paper.
  await desk.submit({ ballotId, deputyId: s.deputyIds[2]!, envelope: envelopeOf(ballotId, 2, { [c]: 'against' }) });
  await desk.submit({ ballotId, deputyId: s.deputyIds[1]!, envelope: envelopeOf(ballotId, 1, { [c]: 'against' }) });
  await vi.waitFor(() => expect(opened.count(ballotId)).toBe(3), { timeout: 30_000, interval: 50 });
  expect(opened.awaitingAcknowledgement(ballotId)).toBe(0);

  const tally = await closeAndTally(t, s, ballotId);
  expect(tally.papers).toMatchObject({ returned: 3, valid: 3 });
  expect(tally.candidates.find((x) => x.id === c)?.counts).toMatchObject({ for: 1, against: 2 });
  const papers = await t.app.db.selectFrom('paper').select(['id', 'marks']).where('ballot_id', '=', ballotId).execute();
  expect(papers).toHaveLength(3);
  expect(new Set(papers.map((p) => p.id)).size).toBe(3);
  expect(opened.count(ballotId)).toBe(0);
}, 120_000);

it('the close comes while envelopes received on the same turn are still with the thread, some refused: each acknowledged one once', async () => {
  t = await makeApp();
  const n = 150;
  const s = await meetingWithTablets(t, n);
  await checkInTablets(t, s.tokens.slice(0, n - 10)); // the last ten are refused
  const ballotId = await openBallot(t, s, { secret: true });
  const c = s.candidateIds[0]!;
  const desk = t.app.paperDesk;
  const submissions = s.deputyIds.map((deputyId, i) => desk.submit({ ballotId, deputyId, envelope: envelopeOf(ballotId, i, { [c]: i % 2 ? 'for' : 'against' }) }));
  // Each one resent in the same turn: a duplicate, never a second paper.
  const resends = s.deputyIds.map((deputyId, i) => desk.submit({ ballotId, deputyId, envelope: envelopeOf(ballotId, i, { [c]: i % 2 ? 'for' : 'against' }) }));
  const closing = closeAndTally(t, s, ballotId);
  const settled = await Promise.allSettled([...submissions, ...resends]);
  expect(settled.filter((o) => o.status === 'rejected').length).toBe(20);
  const tally = await closing;
  expect(tally.papers).toMatchObject({ returned: n - 10, valid: n - 10 });
  const forCount = Array.from({ length: n - 10 }, (_, i) => i).filter((i) => i % 2).length;
  expect(tally.candidates.find((x) => x.id === c)?.counts).toMatchObject({ for: forCount, against: n - 10 - forCount });
  expect(t.app.ballots.opened.count(ballotId)).toBe(0);
  expect(t.app.ballots.opened.awaitingAcknowledgement(ballotId)).toBe(0);
}, 120_000);

it('the opener thread dies with batches in flight, envelopes received but not yet acknowledged: a new thread opens the next, the close counts each once', async () => {
  t = await makeApp();
  const n = 40;
  const s = await meetingWithTablets(t, n);
  await checkInTablets(t, s.tokens);
  const ballotId = await openBallot(t, s, { secret: true });
  const c = s.candidateIds[0]!;
  const desk = t.app.paperDesk;
  const opened = t.app.ballots.opened;
  const vote = (i: number) => desk.submit({ ballotId, deputyId: s.deputyIds[i]!, envelope: envelopeOf(ballotId, i, { [c]: i % 2 ? 'for' : 'against' }) });
  await vote(0); // the thread is up
  await vi.waitFor(() => expect(opened.count(ballotId)).toBe(1), { timeout: 30_000, interval: 50 });
  // Twenty more handed to the thread on receipt; the thread is killed (not stopped by us) before it answers.
  const pending = Array.from({ length: 20 }, (_, k) => vote(1 + k));
  await new Promise((r) => setImmediate(r)); // the batch goes to the thread
  await (opened as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
  const byThread = opened.stats.byThread;
  await Promise.all(pending);
  for (let i = 21; i < n; i++) await vote(i);
  // A new thread starts with the next envelopes (MAX_OPENER_RESTARTS): the later papers are opened before the close.
  await vi.waitFor(() => expect(opened.stats.byThread - byThread).toBeGreaterThanOrEqual(n - 21), { timeout: 30_000, interval: 50 });
  const tally = await closeAndTally(t, s, ballotId);
  expect(tally.papers).toMatchObject({ returned: n, valid: n });
  const forCount = Array.from({ length: n }, (_, i) => i).filter((i) => i % 2).length;
  expect(tally.candidates.find((x) => x.id === c)?.counts).toMatchObject({ for: forCount, against: n - forCount });
  expect(opened.count(ballotId)).toBe(0);
}, 120_000);
