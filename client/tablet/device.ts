import { pairReplySchema, type PairReply } from '../../shared/responses/devices.ts';
import { postJson, type HttpResult } from '../lib/http.ts';
import { readJson, writeJson, type KeyValueStore } from '../lib/storage.ts';

// The tablet's pairing: an 8-digit one-time code from the console (typed, or in the QR code's ?code=) traded for
// a device token kept in localStorage.

const DEVICE_KEY = 'piaojue.tablet.device';
export const PAIRING_CODE_LENGTH = 8;

/** What POST /api/devices/pair answers, kept as is in localStorage. */
export const pairedDeviceSchema = pairReplySchema;
export type PairedDevice = PairReply;

export const loadDevice = (store: KeyValueStore): PairedDevice | null => readJson(store, DEVICE_KEY, pairedDeviceSchema);
export const saveDevice = (store: KeyValueStore, device: PairedDevice): void => writeJson(store, DEVICE_KEY, device);
export const forgetDevice = (store: KeyValueStore): void => store.removeItem(DEVICE_KEY);

/** Where this deputy's papers and receipts live in localStorage. */
export const paperPrefix = (device: PairedDevice) => `piaojue.tablet.${device.deputy.id}.`;

export const isPairingCode = (code: string) => new RegExp(`^\\d{${PAIRING_CODE_LENGTH}}$`).test(code);

/**
 * The pairing code from the QR code on the card: `#code=12345678` (the fragment, never sent to the server or its
 * log), or `?code=` from an older card. Null when the URL has none.
 */
export function codeFromUrl(search: string, hash = ''): string | null {
  for (const part of [hash.replace(/^#/, ''), search]) {
    const code = new URLSearchParams(part).get('code')?.trim() ?? '';
    if (isPairingCode(code)) return code;
  }
  return null;
}

export async function pair(code: string, fetchImpl?: typeof fetch): Promise<HttpResult<PairedDevice>> {
  const res = await postJson<unknown>('/api/devices/pair', { code }, fetchImpl ? { fetch: fetchImpl } : {});
  if (!res.ok) return res;
  const device = pairedDeviceSchema.safeParse(res.body);
  return device.success ? { ...res, body: device.data } : { ok: false, status: res.status, code: 'internal', message: 'unexpected answer' };
}
