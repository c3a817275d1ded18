import { createRequire } from 'node:module';
import { NOT_OPENED, openPaper, readPaper, type OpenedPaper } from '../../shared/seal.ts';

// Loaded by the opener thread too (opener-worker.ts): erasable TypeScript only.

interface NativeSodium {
  crypto_box_SEALBYTES: number;
  crypto_box_seal_open: (message: Uint8Array, ciphertext: Uint8Array, publicKey: Uint8Array, secretKey: Uint8Array) => boolean;
}

/**
 * Native libsodium (sodium-native), or why it did not load: it ships prebuilt binaries for a few platforms only
 * (glibc Linux x64/arm64, macOS, Windows) and builds none from source, so on musl (Alpine), 32-bit ARM or a
 * platform without a prebuild it is missing. The server then opens envelopes with libsodium-wrappers (WebAssembly,
 * the same sealed box, about four times slower) rather than not starting.
 */
const native: { sodium: NativeSodium } | { error: string } = (() => {
  try {
    return { sodium: createRequire(import.meta.url)('sodium-native') as NativeSodium };
  } catch (err) {
    return { error: err instanceof Error ? err.message.split('\n')[0]! : String(err) };
  }
})();

/**
 * Which libsodium build opens envelopes in this thread: `native` (sodium-native), or `wasm` (libsodium-wrappers)
 * with the reason sodium-native did not load — the server logs it once at start (server/ballots/plugin.ts).
 */
export const envelopeOpener: { build: 'native' } | { build: 'wasm'; reason: string } = 'sodium' in native ? { build: 'native' } : { build: 'wasm', reason: native.error };

/**
 * Opens one envelope of a secret ballot on the server (DESIGN §5): libsodium's sealed box, as the tablet sealed it
 * (shared/seal.ts), through the native libsodium binding — the same construction as libsodium-wrappers' WebAssembly
 * build, about four times faster, which is what keeps the opening of 3,000 envelopes within the close → result
 * budget (docs/performance.md). Without the native binding (envelopeOpener) it opens with libsodium-wrappers, which
 * needs sealReady() (shared/seal.ts) awaited once first. Never throws: an envelope that does not open, parse or
 * name this ballot is an invalid paper (废票) with a reason, because an acknowledged envelope is counted, never dropped.
 */
export function openEnvelope(key: { ballotId: string; publicKey: Uint8Array; secretKey: Uint8Array }, envelope: Uint8Array): OpenedPaper {
  if (!('sodium' in native)) return openPaper(key, envelope);
  const sodium = native.sodium;
  if (envelope.length < sodium.crypto_box_SEALBYTES) return { ok: false, reason: NOT_OPENED };
  const plain = Buffer.alloc(envelope.length - sodium.crypto_box_SEALBYTES);
  if (!sodium.crypto_box_seal_open(plain, envelope, key.publicKey, key.secretKey)) return { ok: false, reason: NOT_OPENED };
  const paper = readPaper(plain, key.ballotId);
  plain.fill(0);
  return paper;
}
