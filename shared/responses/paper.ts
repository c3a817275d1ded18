import { z } from 'zod';
import { BALLOT_KINDS } from '../api.ts';
import { paperProgressSchema, SPOIL_REASONS } from '../paper-ballot.ts';
import { ballotRulesSchema } from '../record.ts';
import { dateSchema, msSchema } from './common.ts';

// Answers of server/ballots/paper-routes.ts: paper ballots (纸质选票, DESIGN §10; issue 17) — issue, print, the
// clerks' double entry, the scrutineer's disputes, counting in. A serial is never tied to a deputy here.

/** A serial as printed: at least four digits ("0007"). */
const serialSchema = z.string().regex(/^\d{4,8}$/);

/** One reading of a collected paper (shared/paper-ballot.ts PaperEntry): its marks, or 废票 with a reason. */
export const paperEntrySchema = z.union([
  z.strictObject({ marks: z.record(z.string(), z.string()) }),
  z.strictObject({ spoiled: z.enum(SPOIL_REASONS), note: z.string().optional() }),
]);

/** GET /api/ballots/:id/paper and POST …/paper/count: the ballot's paper progress. */
export const paperProgressReplySchema = paperProgressSchema;

/** POST /api/ballots/:id/paper/issue: the deputies who got a paper ballot now (roster order), and the progress. */
export const paperIssuedSchema = z.strictObject({ issued: z.array(z.string()), progress: paperProgressSchema });

/** POST /api/ballots/:id/paper/print: the new serials, and the one a reprint voided (null otherwise). */
export const paperPrintedSchema = z.strictObject({ serials: z.array(serialSchema), voided: serialSchema.nullable() });

/** GET /api/ballots/:id/paper/sheet: what the printed sheets show — meeting, ballot and rules, candidates, serials. */
export const paperSheetSchema = z.strictObject({
  meeting: z.strictObject({ id: z.string(), name: z.string(), date: dateSchema }),
  ballot: z.strictObject({ id: z.string(), title: z.string(), kind: z.enum(BALLOT_KINDS), ...ballotRulesSchema.shape, paperOnly: z.boolean() }),
  candidates: z.array(z.strictObject({ id: z.string(), seq: z.number().int(), name: z.string() })),
  serials: z.array(serialSchema),
});
export type PaperSheet = z.infer<typeof paperSheetSchema>;

/** GET /api/ballots/:id/paper/entries: the signed-in clerk's own entries (never the other clerk's), the progress. */
export const paperEntriesSchema = z.strictObject({
  entries: z.array(z.strictObject({ serial: serialSchema, entry: paperEntrySchema, at: msSchema })),
  progress: paperProgressSchema,
});
export type PaperEntries = z.infer<typeof paperEntriesSchema>;

/** POST /api/ballots/:id/paper/entries (201): the entry is recorded. */
export const paperEntryRecordedSchema = z.strictObject({ serial: serialSchema, recorded: z.literal(true) });

/** GET /api/ballots/:id/paper/disputes: each disputed paper with both clerks' entries, and the progress. */
export const paperDisputesSchema = z.strictObject({
  disputes: z.array(z.strictObject({ serial: serialSchema, entries: z.array(paperEntrySchema) })),
  progress: paperProgressSchema,
});
export type PaperDisputes = z.infer<typeof paperDisputesSchema>;
export type PaperDispute = PaperDisputes['disputes'][number];

/** POST /api/ballots/:id/paper/decisions (201): the scrutineer's decision is recorded. */
export const paperDecidedSchema = z.strictObject({ serial: serialSchema, decided: z.literal(true) });
