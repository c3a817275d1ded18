import { createCipheriv, createDecipheriv, createHmac, randomBytes, randomInt } from 'node:crypto';

/** Twelve hours: the cards printed the evening before still pair in the morning, and not the day after (issue 12). */
export const DEFAULT_CODE_TTL_MS = 12 * 3600 * 1000;

/** Eight digits: typed on a tablet keypad in a few seconds; guessing is held back by PairingGuard. */
export const newPairingCode = (): string => String(randomInt(0, 100_000_000)).padStart(8, '0');

/**
 * What the database keeps of a pairing code: HMAC-SHA256 under the server secret (hex). Unlike a bare sha256 of
 * eight digits, a copy of the database without the secret file does not give the unused codes back.
 */
export function pairingCodeDigest(secret: Buffer, code: string): string {
  return createHmac('sha256', secret).update(`pairing-code\n${code}`).digest('hex');
}

const boxKey = (secret: Buffer) => createHmac('sha256', secret).update('pairing-code-box').digest();

/**
 * An unused code sealed for the console to show again (issue 13: a reload must not lose the cards not yet printed):
 * AES-256-GCM under a key derived from the server secret, as `iv.tag.ciphertext` in base64url. A copy of the
 * database without the secret file gives no code back; the box is cleared when the code pairs or is voided.
 */
export function sealCode(secret: Buffer, code: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', boxKey(secret), iv);
  const body = Buffer.concat([cipher.update(code, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url')).join('.');
}

/** The code sealed by sealCode, or null when the box does not open under this secret (another server's, tampered). */
export function openCode(secret: Buffer, box: string): string | null {
  try {
    const [iv, tag, body] = box.split('.').map((p) => Buffer.from(p, 'base64url'));
    const decipher = createDecipheriv('aes-256-gcm', boxKey(secret), iv!);
    decipher.setAuthTag(tag!);
    return Buffer.concat([decipher.update(body!), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
