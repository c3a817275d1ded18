import { z } from 'zod';
import { importProblemSchema } from '../errors.ts';
import { previewGridSchema } from '../import/grid.ts';
import { rosterEntrySchema } from '../roster.ts';
import { countSchema, msSchema } from './common.ts';

// Answers of server/roster/routes.ts.

export const CHECK_IN_METHODS = ['tablet', 'manual'] as const;

/** A deputy on the roster, with check-in and the tablet now paired (revocable from the console). */
export const deputySchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  seat: z.string().nullable(),
  code: z.string().nullable(),
  seated: z.boolean(),
  delegation: z.string(),
  checkedInAt: msSchema.nullable(),
  checkInMethod: z.enum(CHECK_IN_METHODS).nullable(),
  pairedAt: msSchema.nullable(),
  deviceId: z.string().nullable(),
});
export type Deputy = z.infer<typeof deputySchema>;

/** GET /api/meetings/:meetingId/deputies, by delegation then seat. */
export const deputyListSchema = z.strictObject({ deputies: z.array(deputySchema) });

/**
 * POST …/deputies/import: with ?dryRun=true (200) the parsed roster, each entry's row in the file, the notes on
 * skipped or kept duplicates and, for a file, the grid as read; else how many were added and the notes (201).
 */
export const rosterImportReplySchema = z.union([
  z.strictObject({ dryRun: z.literal(true), deputies: z.array(rosterEntrySchema), rows: z.array(countSchema), notes: z.array(importProblemSchema), table: previewGridSchema.optional() }),
  z.strictObject({ imported: countSchema, notes: z.array(importProblemSchema) }),
]);
export type RosterImportReply = z.infer<typeof rosterImportReplySchema>;

/** DELETE /api/meetings/:meetingId/deputies/:deputyId: who was removed (with their check-in and tablet). */
export const deputyRemovedSchema = z.strictObject({ removed: z.strictObject({ id: z.string(), name: z.string(), delegation: z.string() }) });
