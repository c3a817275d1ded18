import type { Receipt } from '../../shared/api.ts';
import { canonicalJson } from '../../shared/canonical-json.ts';

// The receipt's digest is sha256 of {"ballot","id","marks"} as canonical JSON (README, "The ballot record"), so
// the tablet can check that the server recorded exactly the marks it sent — before it forgets them.

async function sha256Hex(text: string): Promise<string> {
  const bytes = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** true/false, or null where the browser has no WebCrypto (plain http on a LAN address is not a secure context). */
export async function verifyReceipt(receipt: Receipt, marks: Record<string, string>): Promise<boolean | null> {
  if (!globalThis.crypto?.subtle) return null;
  try {
    const digest = await sha256Hex(canonicalJson({ ballot: receipt.ballotId, id: receipt.paperId, marks }));
    return digest === receipt.digest;
  } catch {
    return null;
  }
}

/** What the receipt screen shows of the digest. */
export const shortDigest = (digest: string) => digest.slice(0, 16);
