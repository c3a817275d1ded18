import { z } from 'zod';
import { boundedList } from './bounded-list.ts';

// One deputy (代表) on the roster a secretariat imports before the session.

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `at most ${max} characters`);

export const rosterEntrySchema = z.strictObject({
  /** 姓名, alignment padding inside a Chinese name removed (see cleanName). */
  name: text(64).transform(cleanName),
  /** 代表团 */
  delegation: text(64),
  /** 座位号 as the hall labels it ("3排12座", "A-012"); null when seats are not assigned. An empty string is null. */
  seat: z
    .string()
    .trim()
    .max(32, 'at most 32 characters')
    .nullable()
    .default(null)
    .transform((s) => (s ? s : null)),
  /** 代表证号 or another external deputy number. */
  code: text(64).optional(),
});
export type RosterEntry = z.infer<typeof rosterEntrySchema>;

export const MAX_DEPUTIES = 5000;

export const rosterListSchema = boundedList(rosterEntrySchema, MAX_DEPUTIES, 'deputies');

export const rosterDocumentSchema = z.strictObject({ deputies: rosterListSchema });

/** A JSON roster: an array of entries, or `{ deputies: [...] }`. Either way the output is the list. */
export const rosterImportSchema = z
  .union([rosterListSchema, rosterDocumentSchema])
  .transform((v) => (Array.isArray(v) ? v : v.deputies));

/** Seat labels compared the way a person reads them: "3排 12座" and "3排12座", "a-012" and "A-012" are one seat. */
export function seatKey(seat: string): string {
  return seat.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

const HAN = /\p{Script=Han}/u;
/** Invisible format characters (zero-width space and joiners, a stray BOM, direction marks) that copying from a web page or Word leaves inside a name. */
const INVISIBLE = /\p{Cf}/gu;

/**
 * A person's name compared the way people read it: NFKC (full-width forms folded), and inside a Chinese name
 * spaces of every width ignored — printed name lists pad 王伟 to 王　伟 to line it up with three-character names.
 * Invisible format characters (zero-width space, BOM) are ignored. A name in Latin letters keeps one space
 * between words and ignores case.
 */
export function nameKey(name: string): string {
  const n = name.normalize('NFKC').replace(INVISIBLE, '').trim();
  return HAN.test(n) ? n.replace(/\s+/g, '') : n.replace(/\s+/g, ' ').toLowerCase();
}

/**
 * A name as stored and shown: trimmed, invisible format characters (zero-width space, BOM) dropped, and the
 * alignment padding inside a Chinese name removed (王　伟 → 王伟); anything else as written.
 */
export function cleanName(name: string): string {
  const t = name.replace(INVISIBLE, '').trim();
  return HAN.test(t) && /^[\p{Script=Han}·•\s]+$/u.test(t) ? t.replace(/\s+/g, '') : t;
}

/** A 代表证号 or delegation compared as read: NFKC, no spaces, case ignored. */
export function codeKey(code: string): string {
  return code.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}
