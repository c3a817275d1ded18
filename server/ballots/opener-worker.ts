import { readlinkSync } from 'node:fs';
import { constants, setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import type { BallotRules } from '../../shared/record.ts';
import { sealReady } from '../../shared/seal.ts';
import { envelopeOpener, openEnvelope } from './envelope-open.ts';
import { openedRowMaker } from './paper-row.ts';

// The envelope opener's thread (see OpenedPapers in opening.ts): opens batches of just-acknowledged envelopes with
// the ballot's key and makes their rows (paper-row.ts), off the event loop that acknowledges papers. Plaintext
// marks go back to the main thread only.
// Loaded by Node itself (type stripping) or by tsx: erasable TypeScript only.

/** One batch to open: the ballot's key pair and the envelopes, by tracker. */
export interface OpenRequest {
  seq: number;
  ballotId: string;
  publicKey: Uint8Array;
  secretKey: Uint8Array;
  rules: BallotRules;
  markIds: string[];
  envelopes: { tracker: string; body: Uint8Array }[];
  /** The batch's claim, shared with the main thread (CLAIM in opening.ts: 0 free, 1 this thread's, 2 taken back). */
  claim: Int32Array;
}

// The lowest scheduling priority for this thread alone (Linux: nice applies per thread, and /proc/thread-self names
// it; raising one's own nice needs no privilege): while papers pour in, the thread opens envelopes only with the
// CPU the acknowledging event loop leaves, so the acknowledgements are not slowed; at the close the main thread
// opens beside it (OpenedPapers.settle). Elsewhere the thread keeps the normal priority.
try {
  setPriority(Number(readlinkSync('/proc/thread-self').split('/').pop()), constants.priority.PRIORITY_LOW);
} catch {
  // not Linux, or no /proc: normal priority
}

// Without native libsodium the WebAssembly build opens the envelopes: it loads before the first batch.
const ready = envelopeOpener.build === 'native' ? null : sealReady();

parentPort?.on('message', async (req: OpenRequest) => {
  if (ready) await ready;
  // The close takes back the batches this thread has not reached and opens them itself (OpenedPapers.settle).
  if (Atomics.compareExchange(req.claim, 0, 0, 1) !== 0) {
    req.secretKey.fill(0);
    parentPort!.postMessage({ seq: req.seq, papers: null });
    return;
  }
  const key = { ballotId: req.ballotId, publicKey: req.publicKey, secretKey: req.secretKey };
  const row = openedRowMaker(req.ballotId, req.rules, req.markIds);
  const papers = req.envelopes.map((e) => ({ tracker: e.tracker, row: row(openEnvelope(key, e.body)) }));
  req.secretKey.fill(0);
  parentPort!.postMessage({ seq: req.seq, papers });
});
