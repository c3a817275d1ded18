import { z } from 'zod';
import { countSchema, msSchema } from './common.ts';

// Answers of server/audit/routes.ts.

/** One event of the hash-chained audit log; `detail` is the event's own JSON, as it was appended. */
export const auditEventSchema = z.strictObject({
  seq: z.number().int().min(1),
  at: msSchema,
  actor: z.string(),
  action: z.string(),
  meetingId: z.string().nullable(),
  ballotId: z.string().nullable(),
  detail: z.unknown(),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;

/** GET /api/audit, in seq order. */
export const auditListSchema = z.strictObject({ events: z.array(auditEventSchema) });

/** GET /api/audit/verify: the chain holds (with its head), or the first broken event and why. */
export const chainVerdictSchema = z.discriminatedUnion('ok', [
  z.strictObject({ ok: z.literal(true), events: countSchema, head: z.string() }),
  z.strictObject({ ok: z.literal(false), events: countSchema, brokenAt: z.number().int(), reason: z.string() }),
]);
export type ChainVerdict = z.infer<typeof chainVerdictSchema>;
