import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads';
import { expect, it } from 'vitest';
import { newKeyPair, sealPaper, sealReady, fromBase64 } from '../shared/seal.ts';
import { openRequest } from '../server/ballots/opening.ts';
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
