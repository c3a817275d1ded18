import { useState } from 'preact/hooks';

// The idempotency key a creating form sends (`clientKey`, shared/projects.ts clientKeySchema): made once per filled
// form, kept across its retries — a double click, a resend after a lost answer on the hall's Wi-Fi — so that the
// server files it once and answers the rest `replayed`; renewed after a success, for the next filling.

/**
 * A fresh key: `prefix` (letters, digits, - or _; a few characters saying which form), a dash and 24 hex digits
 * from crypto.getRandomValues (which, unlike crypto.randomUUID, works on the hall's plain-HTTP network too).
 */
export function newClientKey(prefix: string): string {
  return `${prefix}-${[...crypto.getRandomValues(new Uint8Array(12))].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** The form's current key and `renew`, to call once the server has answered success (filed or replayed). */
export function useClientKey(prefix: string): [key: string, renew: () => void] {
  const [key, setKey] = useState(() => newClientKey(prefix));
  return [key, () => setKey(newClientKey(prefix))];
}
