import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { expect, it } from 'vitest';
import { newKeyPair, sealPaper, sealReady, fromBase64 } from '../shared/seal.ts';
import { CLAIM, openRequest, type OpenAnswer } from '../server/ballots/opening.ts';
import type { OpenRequest } from '../server/ballots/opener-worker.ts';

// What crosses to the envelope opener thread (server/ballots/opening.ts, DESIGN §5): the envelopes and the key,
// nothing else. An envelope is a small Buffer cut from Node's shared pool (Buffer.from(base64) in paper-batch.ts);
// cloning it to a thread copies the whole 64 KiB pool, with whatever else the main thread put there — here a
// password and another ballot's key, as the login and the key relay put them.

it('a batch reaches the opener thread as its envelopes and key only, none of the main thread’s pooled bytes', async () => {
  await sealReady();
  const pair = newKeyPair();
  const otherKey = Buffer.from(newKeyPair().secretKey, 'base64').toString('base64'); // pooled, like keys.secretOf
  const password = Buffer.from('correct horse battery staple'); // pooled, like a login's bytes
  const envelopes = [0, 1, 2].map((i) => Buffer.from(sealPaper({ ballotId: 'b-1', publicKey: pair.publicKey, plaintextLength: 128 }, { [`c-${i}`]: 'for' }), 'base64'));
  expect(envelopes[0]!.buffer.byteLength).toBeGreaterThan(envelopes[0]!.length); // the test's premise: pooled
  const key = { ballotId: 'b-1', publicKey: fromBase64(pair.publicKey), secretKey: fromBase64(pair.secretKey) };
  const batch = envelopes.map((body, i) => ({ tracker: `t${i}`, body, rules: { secret: true } as never, markIds: ['c-0'] }));

  const { request, transfer } = openRequest(7, key, batch);
  const { port1, port2 } = new MessageChannel();
  port1.postMessage(request, transfer);
  const received = receiveMessageOnPort(port2)!.message as OpenRequest;
  port1.close();

  const crossed = [received.publicKey, received.secretKey, ...received.envelopes.map((e) => e.body)];
  // Every buffer that crossed is exactly what it holds; no pool, no password, no other key.
  for (const bytes of crossed) expect(bytes.buffer.byteLength).toBe(bytes.byteLength);
  const all = Buffer.concat(crossed.map((b) => Buffer.from(b.buffer)));
  expect(all.includes(password)).toBe(false);
  expect(all.includes(Buffer.from(otherKey, 'base64'))).toBe(false);
  expect(received.envelopes.map((e) => Buffer.from(e.body).equals(envelopes[Number(e.tracker.slice(1))]!))).toEqual([true, true, true]);
  // The key copy left this thread (transferred, so nothing to wipe here); the held key is untouched.
  expect(request.secretKey.byteLength).toBe(0);
  expect(Buffer.from(key.secretKey).toString('base64')).toBe(pair.secretKey);
  expect(Buffer.from(received.secretKey).toString('base64')).toBe(pair.secretKey);
});

it('the opener thread opens a batch only when it takes its claim: one taken back by the close comes back unopened', async () => {
  await sealReady();
  const pair = newKeyPair();
  const key = { ballotId: 'b-1', publicKey: fromBase64(pair.publicKey), secretKey: fromBase64(pair.secretKey) };
  const rules = { options: ['for', 'against', 'abstain'], maxApprovals: 1, seats: 1, threshold: 'majority-of-seated', blank: 'abstain', ties: 'runoff', secret: true } as never;
  const batch = (ballotId: string) =>
    [0, 1].map((i) => ({ tracker: `t${i}`, body: Buffer.from(sealPaper({ ballotId, publicKey: pair.publicKey, plaintextLength: 128 }, { 'c-0': 'for' }), 'base64'), rules, markIds: ['c-0'] }));
  const worker = new Worker(new URL('../server/ballots/opener-worker.ts', import.meta.url));
  try {
    const answer = (request: OpenRequest, transfer: ArrayBuffer[]) =>
      new Promise<OpenAnswer>((resolve) => {
        worker.once('message', resolve);
        worker.postMessage(request, transfer);
      });
    const free = new Int32Array(new SharedArrayBuffer(4));
    const opened = openRequest(1, key, batch('b-1'), free);
    const first = await answer(opened.request, opened.transfer);
    expect(first.papers?.map((p) => p.row.valid)).toEqual([1, 1]);
    expect(free[0]).toBe(CLAIM.thread);

    const takenBack = new Int32Array(new SharedArrayBuffer(4));
    takenBack[0] = CLAIM.here;
    const skipped = openRequest(2, key, batch('b-1'), takenBack);
    expect(await answer(skipped.request, skipped.transfer)).toEqual({ seq: 2, papers: null });
    expect(takenBack[0]).toBe(CLAIM.here);
  } finally {
    await worker.terminate();
  }
});
