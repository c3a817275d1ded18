import { z } from 'zod';
import { canonicalJson } from './canonical-json.ts';
import { paperMarksSchema } from './paper.ts';
import type { Marks } from './record.ts';

// Paper ballots (纸质选票, DESIGN §10; issue 17): what the console sends to issue, print, enter and decide them,
// and what a paper's entry is. Every body is strict; the server checks it with these schemas.

const id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'not a valid id');

/** Digits on a printed ballot; a serial is stored with at least four (7 → "0007"), as it is printed. */
export const SERIAL_DIGITS = 4;

/**
 * A serial as a clerk types it: 1–8 digits, leading zeros optional. Normalised to at least SERIAL_DIGITS digits
 * ("7", "07" and "0007" are the same paper).
 */
export const serialSchema = z
  .string()
  .trim()
  .regex(/^[0-9]{1,8}$/, 'a serial is 1 to 8 digits')
  .transform((s) => normaliseSerial(s));

/** "7" → "0007"; "12345" stays. Pure. */
export function normaliseSerial(digits: string): string {
  const n = String(Number.parseInt(digits, 10));
  return n.padStart(SERIAL_DIGITS, '0');
}

/**
 * Why the clerks set a paper aside as 废票 (DESIGN §4.2): torn, unreadable, marks outside the boxes (extra-marks),
 * not an official ballot (unofficial), other (with a note).
 */
export const SPOIL_REASONS = ['torn', 'unreadable', 'extra-marks', 'unofficial', 'other'] as const;
export type SpoilReason = (typeof SPOIL_REASONS)[number];

/** One reading of a collected paper: its marks as written (over the cap stays over the cap), or 废票 with a reason. */
export type PaperEntry = { marks: Marks } | { spoiled: SpoilReason; note?: string | undefined };

const entryFields = {
  marks: paperMarksSchema.optional(),
  spoiled: z.enum(SPOIL_REASONS).optional(),
  note: z.string().trim().max(200).optional(),
};
const oneOf = (b: { marks?: Marks | undefined; spoiled?: SpoilReason | undefined }) => (b.marks === undefined) !== (b.spoiled === undefined);
const oneOfMessage = { message: 'send either marks, or spoiled with its reason', path: ['marks'] };

/** POST /api/ballots/:id/paper/entries — one clerk's entry of one paper, by serial. */
export const paperEntryBodySchema = z.strictObject({ serial: serialSchema, ...entryFields }).refine(oneOf, oneOfMessage);
export type PaperEntryBody = z.infer<typeof paperEntryBodySchema>;

/** POST /api/ballots/:id/paper/decisions — a scrutineer's reading of a disputed paper. */
export const paperDecisionBodySchema = paperEntryBodySchema;

/** POST /api/ballots/:id/paper/issue — to one deputy (their tablet failed) or to every present deputy. */
export const paperIssueBodySchema = z.union([z.strictObject({ deputyId: id }), z.strictObject({ allPresent: z.literal(true) })], {
  error: 'send {"deputyId": …} or {"allPresent": true}',
});
export type PaperIssueBody = z.infer<typeof paperIssueBodySchema>;

/** POST /api/ballots/:id/paper/print — `count` new numbered ballots, or a reprint of one (its serial is voided). */
export const paperPrintBodySchema = z.union([z.strictObject({ count: z.number().int().min(1).max(5000) }), z.strictObject({ reprint: serialSchema })], {
  error: 'send {"count": n} or {"reprint": serial}',
});
export type PaperPrintBody = z.infer<typeof paperPrintBodySchema>;

/** The entry part of a body: what is stored and compared. */
export function entryOf(body: PaperEntryBody): PaperEntry {
  return body.marks !== undefined ? { marks: body.marks } : { spoiled: body.spoiled!, ...(body.note ? { note: body.note } : {}) };
}

/** What two readings must share to agree: the marks, or 废票 and its reason (a note is not compared). */
export function entryKey(entry: PaperEntry): string {
  return 'marks' in entry ? canonicalJson({ marks: entry.marks }) : canonicalJson({ spoiled: entry.spoiled });
}

/**
 * The marks a 废票 set aside by the clerks stands for in the record: one mark for a "candidate" no ballot has, so
 * every reader (the recount included) counts the paper invalid (DESIGN §9), with the reason readable in it.
 */
export function spoiledMarks(reason: SpoilReason): Marks {
  return { '(paper)': `spoiled:${reason}` };
}

/** Paper-ballot progress as the console and the projector show it (issue 17). Counts of papers. */
export const paperProgressSchema = z.strictObject({
  ballotId: z.string(),
  /** Paper ballots issued (casts on paper). */
  issued: z.number(),
  /** Serials printed and still valid; serials voided by a reprint. */
  printed: z.number(),
  voided: z.number(),
  /** Collected papers entered at least once (收回). */
  returned: z.number(),
  /** Entered by both clerks. */
  enteredTwice: z.number(),
  /** Two entries that differ, awaiting a scrutineer. */
  disputed: z.number(),
  /** Disputes a scrutineer decided. */
  decided: z.number(),
  /** When the entered papers joined the tally (ms), or null. */
  countedAt: z.number().nullable(),
});
export type PaperProgress = z.infer<typeof paperProgressSchema>;
