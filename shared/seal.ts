import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import sodium from 'libsodium-wrappers';
import { canonicalJson } from './canonical-json.ts';

// The inner envelope of a secret ballot (DESIGN §5): the tablet seals its marks to the ballot's public key with
// libsodium's sealed box (X25519 + XSalsa20-Poly1305, an anonymous sender — https://doc.libsodium.org/public-key_cryptography/sealed_boxes).
// Chosen over HPKE because it needs no WebCrypto: a tablet on a plain-http LAN address (no secure context) can
// still seal and check its tracker. The plaintext is the canonical JSON {"ballot","marks"} padded with spaces to
// a length fixed per ballot, so every envelope of a ballot — and every message carrying one — has one size.

/** Waits for libsodium's WebAssembly to load; every function below needs it done once. */
export async function sealReady(): Promise<void> {
  await sodium.ready;
}

/** Bytes the sealed box adds to its plaintext (an ephemeral public key and a MAC): 48. */
export const SEAL_OVERHEAD = 48;

const LONGEST_OPTION = 'basically_satisfied';

/**
 * The padded plaintext length (bytes) of a ballot's papers: the canonical JSON of a paper that marks every
 * candidate with the longest option, rounded up to 64 bytes. A paper that would be longer marks candidates that
 * are not on the ballot — such a paper cannot be sealed, since it could only be invalid.
 */
export function paperPlaintextLength(ballotId: string, candidateIds: readonly string[]): number {
  const widest: Record<string, string> = {};
  for (const id of candidateIds) widest[id] = LONGEST_OPTION;
  const bytes = new TextEncoder().encode(canonicalJson({ ballot: ballotId, marks: widest })).length;
  return Math.ceil((bytes + 1) / 64) * 64;
}

/** Envelope length in bytes for a plaintext length (see paperPlaintextLength). */
export function envelopeLength(plaintextLength: number): number {
  return plaintextLength + SEAL_OVERHEAD;
}

/** Length in characters of an envelope as sent (standard base64 with padding). */
export function envelopeBase64Length(plaintextLength: number): number {
  return Math.ceil(envelopeLength(plaintextLength) / 3) * 4;
}

export interface SealedBallotKey {
  /** The ballot's X25519 public key, standard base64 (44 characters). */
  publicKey: string;
  /** Padded plaintext length in bytes. */
  plaintextLength: number;
}

/**
 * Seals marks to a ballot: returns the envelope as standard base64. Throws `Error('paper too long')` when the
 * marks do not fit the ballot's padded length (they name candidates not on the ballot). Needs sealReady().
 */
export function sealPaper(key: SealedBallotKey & { ballotId: string }, marks: Record<string, string>): string {
  const json = new TextEncoder().encode(canonicalJson({ ballot: key.ballotId, marks }));
  if (json.length > key.plaintextLength) throw new Error('paper too long');
  const padded = new Uint8Array(key.plaintextLength).fill(0x20);
  padded.set(json);
  const envelope = sodium.crypto_box_seal(padded, sodium.from_base64(key.publicKey, sodium.base64_variants.ORIGINAL));
  return sodium.to_base64(envelope, sodium.base64_variants.ORIGINAL);
}

/**
 * The tracker of an envelope: sha256 of its bytes, lower-case hex (64 characters). @noble/hashes, because the
 * standard libsodium build has no sha256 and WebCrypto is missing outside a secure context. Needs sealReady().
 */
export function trackerOf(envelopeBase64: string): string {
  return bytesToHex(sha256(sodium.from_base64(envelopeBase64, sodium.base64_variants.ORIGINAL)));
}

/** The short form of a tracker that a deputy reads off the tablet and looks up in the public box. */
export function shortTracker(tracker: string): string {
  return tracker.slice(0, 12).replace(/(.{4})(?=.)/g, '$1 ');
}

/** What opening an envelope found: the marks, or why the envelope counts as an invalid paper. */
export type OpenedPaper = { ok: true; marks: Record<string, string> } | { ok: false; reason: string };

/**
 * Opens an envelope with the ballot's key pair and checks that it is a paper of this ballot. Never throws:
 * anything that does not open, parse or name this ballot is an invalid paper (废票) with a reason, because an
 * acknowledged envelope is counted, never dropped. Needs sealReady().
 */
export function openPaper(keys: { ballotId: string; publicKey: Uint8Array; secretKey: Uint8Array }, envelope: Uint8Array): OpenedPaper {
  let plain: Uint8Array;
  try {
    plain = sodium.crypto_box_seal_open(envelope, keys.publicKey, keys.secretKey);
  } catch {
    return { ok: false, reason: NOT_OPENED };
  }
  return readPaper(plain, keys.ballotId);
}

/** Why an envelope that the ballot's key does not open counts as an invalid paper. */
export const NOT_OPENED = 'the envelope does not open with this ballot’s key';

/** One strict UTF-8 decoder for every paper (decoding whole buffers keeps no state between calls). */
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads an opened envelope's plaintext (padded canonical JSON `{"ballot","marks"}`) and checks that it is a paper
 * of `ballotId` whose marks are strings. Never throws: anything else is an invalid paper (废票) with a reason.
 */
export function readPaper(plain: Uint8Array, ballotId: string): OpenedPaper {
  let parsed: unknown;
  try {
    parsed = JSON.parse(utf8.decode(plain));
  } catch {
    return { ok: false, reason: 'the envelope holds no readable paper' };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { ok: false, reason: 'the envelope holds no paper' };
  const { ballot, marks } = parsed as { ballot?: unknown; marks?: unknown };
  if (ballot !== ballotId) return { ok: false, reason: 'the paper is for another ballot' };
  if (typeof marks !== 'object' || marks === null || Array.isArray(marks)) return { ok: false, reason: 'the paper has no marks' };
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [id, mark] of Object.entries(marks)) {
    if (typeof mark !== 'string') return { ok: false, reason: 'a mark is not a string' };
    out[id] = mark;
  }
  return { ok: true, marks: out };
}

/** A fresh X25519 key pair, both halves standard base64. Needs sealReady(). */
export function newKeyPair(): { publicKey: string; secretKey: string } {
  const kp = sodium.crypto_box_keypair();
  return {
    publicKey: sodium.to_base64(kp.publicKey, sodium.base64_variants.ORIGINAL),
    secretKey: sodium.to_base64(kp.privateKey, sodium.base64_variants.ORIGINAL),
  };
}

/** Seals a ballot's secret key to a holder's public key (the scrutineer's, or the server's escrow key). */
export function sealSecretKey(secretKey: string, toPublicKey: string): string {
  const b64 = sodium.base64_variants.ORIGINAL;
  return sodium.to_base64(sodium.crypto_box_seal(sodium.from_base64(secretKey, b64), sodium.from_base64(toPublicKey, b64)), b64);
}

/**
 * Opens a sealed ballot secret key with the holder's key pair; returns the ballot's secret key (base64).
 * Throws `Error('wrong key')` when the holder's key does not open it.
 */
export function openSecretKey(sealed: string, holder: { publicKey: string; secretKey: string }): string {
  const b64 = sodium.base64_variants.ORIGINAL;
  try {
    return sodium.to_base64(
      sodium.crypto_box_seal_open(sodium.from_base64(sealed, b64), sodium.from_base64(holder.publicKey, b64), sodium.from_base64(holder.secretKey, b64)),
      b64,
    );
  } catch {
    throw new Error('wrong key');
  }
}

/** The public key (base64) that belongs to a secret key (base64); throws on a malformed key. */
export function publicKeyOf(secretKey: string): string {
  const b64 = sodium.base64_variants.ORIGINAL;
  const sk = sodium.from_base64(secretKey, b64);
  if (sk.length !== 32) throw new Error('a secret key is 32 bytes');
  return sodium.to_base64(sodium.crypto_scalarmult_base(sk), b64);
}

export const fromBase64 = (text: string): Uint8Array => sodium.from_base64(text, sodium.base64_variants.ORIGINAL);
