import type { Receipt } from '../../shared/api.ts';
import { paperDigest } from '../../shared/paper.ts';

// The receipt's digest (shared/paper.ts; README, "The ballot record") lets the tablet check that the server recorded exactly the marks it sent — before it forgets them.

async function sha256Hex(utf8: Uint8Array): Promise<string> {
  const bytes = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', utf8 as Uint8Array<ArrayBuffer>));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * A named ballot's receipt against the marks sent: true/false, or null where the browser has no WebCrypto (plain
 * http on a LAN address is not a secure context). A sealed receipt is checked by its tracker (see PaperCourier).
 */
export async function verifyReceipt(receipt: Receipt, marks: Record<string, string>): Promise<boolean | null> {
  if (!('paperId' in receipt)) return null;
  if (!globalThis.crypto?.subtle) return null;
  try {
    const digest = await paperDigest(receipt.ballotId, receipt.paperId, marks, sha256Hex);
    return digest === receipt.digest;
  } catch {
    return null;
  }
}

/** What the receipt screen shows of the digest. */
export const shortDigest = (digest: string) => digest.slice(0, 16);
