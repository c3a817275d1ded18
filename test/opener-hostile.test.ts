import { randomBytes } from 'node:crypto';
import sodium from 'libsodium-wrappers';
import { afterEach, expect, it, vi } from 'vitest';
import { envelopeLength, sealReady } from '../shared/seal.ts';
import { json, makeApp, type TestApp } from './helpers/app.ts';
import { checkInTablets, meetingWithTablets, openBallot, type Setup } from './helpers/factories.ts';
import { asSent, sealingOf } from './helpers/sealed.ts';

// Envelopes a tampered tablet could send (DESIGN §5, issue 11): right length, wrong contents. Each is acknowledged
// and must be counted once, as an invalid paper (废票) — never dropped, never trimmed — whether the opener thread
// opened it after its acknowledgement or the opening at close did (server/ballots/opening.ts): both paths agree.

let t: TestApp | undefined;
afterEach(async () => t?.close());

/** Seals `text`, padded with spaces to the ballot's plaintext length, to the ballot's public key. */
function sealText(ballotId: string, text: string): string {
  const sealing = sealingOf(ballotId)!;
  const bytes = new TextEncoder().encode(text);
  if (bytes.length > sealing.plaintextLength) throw new Error('too long');
  const padded = new Uint8Array(sealing.plaintextLength).fill(0x20);
  padded.set(bytes);
  const b64 = sodium.base64_variants.ORIGINAL;
  return sodium.to_base64(sodium.crypto_box_seal(padded, sodium.from_base64(sealing.publicKey, b64)), b64);
}

function hostileEnvelopes(s: Setup, ballotId: string): string[] {
  const c = s.candidateIds;
  const sealing = sealingOf(ballotId)!;
  return [
    randomBytes(envelopeLength(sealing.plaintextLength)).toString('base64'), // does not open
    sealText(ballotId, JSON.stringify({ ballot: 'b-another-ballot', marks: { [c[0]!]: 'for' } })), // another ballot
    sealText(ballotId, '{"ballot": not json'), // unreadable
    sealText(ballotId, JSON.stringify({ ballot: ballotId, marks: { [c[0]!]: 1 } })), // a mark not a string
    sealText(ballotId, JSON.stringify({ ballot: ballotId, marks: Object.fromEntries(c.slice(0, 11).map((id) => [id, 'for'])) })), // over the cap of 10
    sealText(ballotId, `{"ballot":${JSON.stringify(ballotId)},"marks":{"__proto__":"for"}}`), // unknown candidate
    sealText(ballotId, JSON.stringify({ ballot: ballotId, marks: { [c[0]!]: 'maybe' } })), // a bad option
  ];
}

async function ballotWithHostilePapers(useThread: boolean) {
  t = await makeApp();
  const s = await meetingWithTablets(t, 10);
  await checkInTablets(t, s.tokens);
  const ballotId = await openBallot(t, s, { secret: true });
  await sealReady();
  const opened = t.app.ballots.opened;
  if (!useThread) await opened.close();
  const hostile = hostileEnvelopes(s, ballotId);
  const good = s.deputyIds.slice(hostile.length).map((_, i) => (asSent(ballotId, { key: `good-${String(i).padStart(20, '0')}`, marks: { [s.candidateIds[i]!]: 'for' } }) as { envelope: string }).envelope);
  const answers = await Promise.all([...hostile, ...good].map((envelope, i) => t!.app.paperDesk.submit({ ballotId, deputyId: s.deputyIds[i]!, envelope })));
  expect(answers.every((a) => 'receipt' in a && 'tracker' in a.receipt)).toBe(true); // all acknowledged
  // settle() waits 2 s at most; a busy machine may take longer to load the thread: wait for it here.
  if (useThread) await vi.waitFor(() => expect(opened.count(ballotId)).toBe(10), { timeout: 30_000, interval: 100 });
  else expect(opened.count(ballotId)).toBe(0);
  const closed = await t.app.inject({ method: 'POST', url: `/api/ballots/${ballotId}/close`, payload: {}, headers: { cookie: s.cookie } });
  expect(closed.statusCode).toBe(200);
  const tally = json(await t.app.inject({ method: 'GET', url: `/api/ballots/${ballotId}/tally`, headers: { cookie: s.cookie } })).tally;
  const record = json(await t.app.inject({ method: 'GET', url: `/api/ballots/${ballotId}/record`, headers: { cookie: s.cookie } }));
  const papers = (record.papers as { marks: Record<string, string> }[]).map((p) => JSON.stringify(p.marks)).sort();
  await t.close();
  t = undefined;
  return { papers: tally.papers, records: papers, candidates: s.candidateIds };
}

it('hostile envelopes are each counted once as invalid, alike through the opener thread and the opening at close', async () => {
  const viaThread = await ballotWithHostilePapers(true);
  expect(viaThread.papers).toMatchObject({ returned: 10, valid: 3, invalid: 7 });
  expect(viaThread.records).toHaveLength(10);
  const viaClose = await ballotWithHostilePapers(false);
  expect(viaClose.papers).toMatchObject({ returned: 10, valid: 3, invalid: 7 });
  // The same kinds of paper, whichever path opened them (candidate ids differ between the two meetings).
  const shape = (r: typeof viaThread) =>
    r.records
      .map((m) => {
        const marks = Object.entries(JSON.parse(m) as Record<string, string>).map(([id, mark]) => `${r.candidates.includes(id) ? `c${r.candidates.indexOf(id)}` : id}=${mark}`);
        return marks.sort().join(',');
      })
      .sort();
  expect(shape(viaThread)).toEqual(shape(viaClose));
}, 120_000);
