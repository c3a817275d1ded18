import { createHash, randomBytes } from 'node:crypto';

/** A random, unguessable, URL-safe id with a readable prefix (m-, d-, c-, b-, …). */
export function newId(prefix: string): string {
  return `${prefix}-${randomBytes(12).toString('base64url')}`;
}

/** Lowercase hex sha256 of a string's UTF-8 bytes, or of the bytes given. */
export function sha256(text: string | Uint8Array): string {
  return createHash('sha256').update(text).digest('hex');
}

/** A secret for tokens: returned to the holder once, stored only as its sha256. */
export function newSecret(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}
