import { sha256 } from '@noble/hashes/sha2.js';
import { base32crockford, base64 } from '@scure/base';

// The chief scrutineer's recovery sheet (恢复单, DESIGN §5): the meeting's scrutineer secret key written so that a
// person can type it back in the console after a crash. Encoding: Crockford Base32 (https://www.crockford.com/base32.html
// — no I, L, O or U; typing is case-insensitive and O/I/L read as 0/1), via @scure/base. The 32 key bytes give
// 52 symbols, written as 13 groups of 4, each followed by one check symbol: the Luhn mod N algorithm (N = 32,
// the ISO/IEC 7812 Luhn generalised to any alphabet) over the group's number (one symbol, 1–13) and its 4
// symbols. A check symbol catches every single mistyped symbol, every swap of two adjacent ones in its group but
// 0↔Z (Luhn's one blind spot), and most groups typed into the wrong place. The whole key is then checked against the meeting (its public half
// must open the ballot key sealed to it).

/** Crockford's Base32 alphabet, in value order. */
export const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** Groups on a sheet; symbols of key per group; symbols per group as written (with its check symbol). */
export const SHEET_GROUPS = 13;
export const GROUP_DATA = 4;
export const GROUP_LENGTH = GROUP_DATA + 1;

/** Upper-cases and maps Crockford's look-alikes (O→0, I/L→1); drops spaces and hyphens. */
export function normalizeSymbols(text: string): string {
  return text
    .toUpperCase()
    .replace(/[\s\-–—]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
}

function luhnSum(symbols: string, startFactor: 1 | 2): number {
  let factor = startFactor;
  let sum = 0;
  for (let i = symbols.length - 1; i >= 0; i--) {
    let addend = factor * CROCKFORD.indexOf(symbols[i]!);
    addend = Math.floor(addend / 32) + (addend % 32);
    sum += addend;
    factor = factor === 2 ? 1 : 2;
  }
  return sum;
}

/** The Luhn mod 32 check symbol of group `index` (0-based) with data symbols `data` (4 Crockford symbols). */
export function checkSymbol(index: number, data: string): string {
  const sum = luhnSum(CROCKFORD[index + 1]! + data, 2);
  return CROCKFORD[(32 - (sum % 32)) % 32]!;
}

/** What is wrong with one typed group, if anything. */
export type GroupState = 'ok' | 'empty' | 'incomplete' | 'bad_symbol' | 'bad_check' | 'too_long';

/** Checks one group as typed (any case, look-alikes allowed): complete, valid symbols, right check symbol. */
export function checkGroup(index: number, typed: string): GroupState {
  const g = normalizeSymbols(typed);
  if (!g) return 'empty';
  if ([...g].some((c) => !CROCKFORD.includes(c))) return 'bad_symbol';
  if (g.length < GROUP_LENGTH) return 'incomplete';
  if (g.length > GROUP_LENGTH) return 'too_long';
  return luhnSum(CROCKFORD[index + 1]! + g, 1) % 32 === 0 ? 'ok' : 'bad_check';
}

/** The 13 groups (5 symbols each) of a scrutineer secret key given as standard base64 (32 bytes). */
export function sheetGroups(secretKeyBase64: string): string[] {
  const bytes = base64.decode(secretKeyBase64);
  if (bytes.length !== 32) throw new Error('a scrutineer key is 32 bytes');
  const symbols = base32crockford.encode(bytes);
  const groups: string[] = [];
  for (let i = 0; i < SHEET_GROUPS; i++) {
    const data = symbols.slice(i * GROUP_DATA, (i + 1) * GROUP_DATA);
    groups.push(data + checkSymbol(i, data));
  }
  return groups;
}

/** Thrown by keyFromGroups: which group (0-based) is wrong and how. */
export class SheetError extends Error {
  constructor(
    readonly group: number,
    readonly state: Exclude<GroupState, 'ok'> | 'bad_key',
  ) {
    super(`group ${group + 1}: ${state}`);
  }
}

/**
 * The scrutineer secret key (standard base64) from the 13 typed groups. Throws SheetError for the first group
 * that fails its check (or group -1, 'bad_key', when every group checks but the symbols are no 32-byte key).

 */
export function keyFromGroups(typed: readonly string[]): string {
  let symbols = '';
  for (let i = 0; i < SHEET_GROUPS; i++) {
    const state = checkGroup(i, typed[i] ?? '');
    if (state !== 'ok') throw new SheetError(i, state);
    symbols += normalizeSymbols(typed[i]!).slice(0, GROUP_DATA);
  }
  let bytes: Uint8Array;
  try {
    bytes = base32crockford.decode(symbols);
  } catch {
    throw new SheetError(-1, 'bad_key');
  }
  if (bytes.length !== 32) throw new SheetError(-1, 'bad_key');
  return base64.encode(bytes);
}

/** Splits a whole sheet typed or pasted in one go (or scanned from its QR code) into its 13 groups. */
export function splitSheet(text: string): string[] {
  const body = text.replace(/^PIAOJUE-SK1:/i, '');
  const parts = body.split(/[\s\-–—]+/).filter(Boolean);
  if (parts.length === SHEET_GROUPS) return parts;
  const all = normalizeSymbols(body);
  return Array.from({ length: SHEET_GROUPS }, (_, i) => all.slice(i * GROUP_LENGTH, (i + 1) * GROUP_LENGTH));
}

/** What the sheet's QR code holds: a prefix naming the format, then the groups joined by hyphens. */
export const sheetQrText = (groups: readonly string[]) => `PIAOJUE-SK1:${groups.join('-')}`;

/**
 * The fingerprint of a scrutineer public key (standard base64): sha256 of its 32 bytes, the first 10 bytes in
 * Crockford Base32 as 4 groups of 4 — printed on the sheet so a sheet can be matched to its meeting by eye.
 */
export function keyFingerprint(publicKeyBase64: string): string {
  const digest = sha256(base64.decode(publicKeyBase64)).slice(0, 10);
  return base32crockford.encode(digest).replace(/(.{4})(?=.)/g, '$1-');
}
