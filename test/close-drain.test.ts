import { afterEach, expect, it, vi } from 'vitest';
import { AppError } from '../server/errors.ts';
import { json, makeApp, type TestApp } from './helpers/app.ts';
import { checkInTablets, meetingWithTablets, openBallot } from './helpers/factories.ts';
import { asSent } from './helpers/sealed.ts';

// Issue 10: the close command drains the paper desk itself, whatever triggers it. Here the deadline timer
// fires while one batch is committing and another is queued behind it: every paper received before the
// deadline must count, every one at or after it must be refused.

let t: TestApp | undefined;
afterEach(async () => t?.close());

const tick = () => new Promise<void>((r) => setImmediate(r));

it('the deadline close commits every paper queued before the deadline and refuses every later one', async () => {
  let clock = Date.parse('2023-02-21T09:00:00Z');
  t = await makeApp({ now: () => clock });
  const s = await meetingWithTablets(t, 60);
  await checkInTablets(t, s.tokens);
  const id = await openBallot(t, s, { durationSeconds: 600 });
  const ballot = json(await t.app.inject({ method: 'GET', url: `/api/ballots/${id}`, headers: { cookie: s.cookie } })).ballot;
  const deadlineAt: number = ballot.deadlineAt;
  const desk = t.app.paperDesk;
  const submit = (i: number) =>
    desk
      .submit({ ballotId: id, deputyId: s.deputyIds[i]!, ...(asSent(id, { key: `key-${String(i).padStart(24, '0')}`, marks: { [s.candidateIds[0]!]: 'for' } }) as { envelope: string }) })
      .then(
      (o) => ({ ok: true as const, i, receipt: o.receipt }),
      (e: unknown) => ({ ok: false as const, i, code: e instanceof AppError ? e.code : String(e) }),
    );

  // Wave 1, a second before the deadline, committed by the desk as usual.
  clock = deadlineAt - 1000;
  const wave1 = Array.from({ length: 20 }, (_, i) => submit(i));
  await Promise.all(wave1);
  // Wave 2 arrives one millisecond before the deadline, in the same turn of the event loop as the deadline
  // timer fires, so it is still queued for its group commit (the desk commits on setImmediate) when the real
  // deadline timer closes the ballot. Both timeouts are 1 ms and fire in order, wave 2 first.
  clock = deadlineAt - 1;
  let wave2: ReturnType<typeof submit>[] = [];
  const arrived = new Promise<void>((done) =>
    setTimeout(() => {
      wave2 = Array.from({ length: 20 }, (_, i) => submit(20 + i));
      clock = deadlineAt;
      done();
    }, 1),
  );
  t.app.ballots.timers.set(id, deadlineAt);
  await arrived;
  await new Promise((r) => setTimeout(r, 20));
  // Wave 3, at and after the deadline.
  const wave3 = Array.from({ length: 20 }, (_, i) => {
    clock = deadlineAt + i;
    return submit(40 + i);
  });
  const [r1, r2, r3] = await Promise.all([Promise.all(wave1), Promise.all(wave2), Promise.all(wave3)]);
  await desk.drain();

  expect(r1.filter((r) => !r.ok)).toEqual([]);
  expect(r2.filter((r) => !r.ok)).toEqual([]);
  expect(r3.map((r) => (r.ok ? 'receipt' : r.code))).toEqual(Array(20).fill('ballot_not_open'));

  // The deadline's close finishes on its own (it waits for the envelope opener thread first): wait for it.
  await vi.waitFor(async () => {
    const after = json(await t!.app.inject({ method: 'GET', url: `/api/ballots/${id}`, headers: { cookie: s.cookie } })).ballot;
    expect(after).toMatchObject({ status: 'closed', closeReason: 'deadline' });
  }, { timeout: 10_000, interval: 50 });
  const tally = json(await t.app.inject({ method: 'GET', url: `/api/ballots/${id}/tally`, headers: { cookie: s.cookie } })).tally;
  expect(tally.papers.returned).toBe(40);
});
