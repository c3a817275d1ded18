import sodium from 'sodium-native';
import { NOT_OPENED, readPaper, type OpenedPaper } from '../../shared/seal.ts';

/**
 * Opens one envelope of a secret ballot on the server (DESIGN §5): libsodium's sealed box, as the tablet sealed it
 * (shared/seal.ts), through the native libsodium binding — the same construction as libsodium-wrappers' WebAssembly
 * build, about four times faster, which is what keeps the opening of 3,000 envelopes within the close → result
 * budget (docs/performance.md). Never throws: an envelope that does not open, parse or name this ballot is an
 * invalid paper (废票) with a reason, because an acknowledged envelope is counted, never dropped.
 */
export function openEnvelope(key: { ballotId: string; publicKey: Uint8Array; secretKey: Uint8Array }, envelope: Uint8Array): OpenedPaper {
  if (envelope.length < sodium.crypto_box_SEALBYTES) return { ok: false, reason: NOT_OPENED };
  const plain = Buffer.allocUnsafe(envelope.length - sodium.crypto_box_SEALBYTES);
  if (!sodium.crypto_box_seal_open(plain, envelope, key.publicKey, key.secretKey)) return { ok: false, reason: NOT_OPENED };
  const paper = readPaper(plain, key.ballotId);
  plain.fill(0);
  return paper;
}
