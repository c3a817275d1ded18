import { createHmac, randomInt } from 'node:crypto';

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
