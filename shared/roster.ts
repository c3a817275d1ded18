import { z } from 'zod';

// One deputy (代表) on the roster a secretariat imports before the session.

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `at most ${max} characters`);

export const rosterEntrySchema = z.strictObject({
  /** 姓名 */
  name: text(64),
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

export const rosterListSchema = z
  .array(rosterEntrySchema)
  .min(1, 'no deputies')
  .max(MAX_DEPUTIES, `at most ${MAX_DEPUTIES} deputies`);

export const rosterDocumentSchema = z.strictObject({ deputies: rosterListSchema });

/** A JSON roster: an array of entries, or `{ deputies: [...] }`. Either way the output is the list. */
export const rosterImportSchema = z
  .union([rosterListSchema, rosterDocumentSchema])
  .transform((v) => (Array.isArray(v) ? v : v.deputies));

/** Seat labels compared the way a person reads them: "3排 12座" and "3排12座", "a-012" and "A-012" are one seat. */
export function seatKey(seat: string): string {
  return seat.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}
