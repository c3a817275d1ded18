import { afterEach, expect, it, vi } from 'vitest';
import { json, makeApp, type TestApp } from './helpers/app.ts';
import { checkInTablets, meetingWithTablets, openBallot, type Setup } from './helpers/factories.ts';
import { asSent } from './helpers/sealed.ts';

// The envelope opener thread (server/ballots/opening.ts, opener-worker.ts; DESIGN §5, issue 11): acknowledged
// envelopes are opened off the event loop that acknowledges papers, so the close only writes and tallies. When
// the thread is gone, the opening at close opens every envelope itself: nothing acknowledged is lost.

let t: TestApp | undefined;
afterEach(async () => t?.close());

const DEPUTIES = 30;

async function vote(t: TestApp, s: Setup, ballotId: string, from: number, to: number): Promise<void> {
  const papers = [];
  for (let i = from; i < to; i++) {
    const marks = { [s.candidateIds[i % s.candidateIds.length]!]: i % 3 === 0 ? 'against' : 'for' };
    const sent = asSent(ballotId, { key: `key-${String(i).padStart(24, '0')}`, marks }) as { envelope: string };
    papers.push(t.app.paperDesk.submit({ ballotId, deputyId: s.deputyIds[i]!, envelope: sent.envelope }));
  }
  await Promise.all(papers);
}

async function closeAndTally(t: TestApp, s: Setup, ballotId: string) {
  const closed = await t.app.inject({ method: 'POST', url: `/api/ballots/${ballotId}/close`, payload: {}, headers: { cookie: s.cookie } });
  expect(closed.statusCode).toBe(200);
  return json(await t.app.inject({ method: 'GET', url: `/api/ballots/${ballotId}/tally`, headers: { cookie: s.cookie } })).tally as {
    papers: { returned: number; valid: number };
    candidates: { id: string; counts: { for: number; against: number } }[];
  };
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
