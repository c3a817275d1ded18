import { z } from 'zod';
import { hallInfoSchema } from '../hall.ts';
import { countSchema, msSchema } from './common.ts';

// Answers of the second-person and oversight routes (issue 12): the hall address (server/net/hall-routes.ts),
// approvals (server/approvals/routes.ts), the meeting's tablets (server/devices/console-routes.ts) and the
// published audit heads (server/audit/routes.ts).

/** GET /api/hall: the hall's network as the server sees it (shared/hall.ts). */
export const hallReplySchema = hallInfoSchema;
/** POST /api/hall/public-url: the hall address now in force (an origin), or null for none chosen. */
export const publicUrlReplySchema = z.strictObject({ publicUrl: z.string().nullable() });

/** A re-pairing or manual check-in waiting for, or decided by, a scrutineer (DESIGN §7; server/approvals/store.ts). */
export const approvalSchema = z.strictObject({
  id: z.string(),
  meetingId: z.string(),
  kind: z.enum(['pairing_code', 'manual_check_in']),
  deputyId: z.string(),
  deputyName: z.string(),
  /** What the request carries out once approved (the operator's account, a note). */
  detail: z.record(z.string(), z.unknown()),
  requestedBy: z.string(),
  requestedAt: msSchema,
  status: z.enum(['pending', 'approved', 'refused']),
  decidedBy: z.string().nullable(),
  decidedAt: msSchema.nullable(),
});
export type Approval = z.infer<typeof approvalSchema>;

/** GET /api/meetings/:meetingId/approvals (?status=…), newest first. */
export const approvalListSchema = z.strictObject({ approvals: z.array(approvalSchema) });
/**
 * POST /api/approvals/:id/approve: the approval and what it carried out — a pairing code (shown once) or the
 * check-in.
 */
export const approvalDoneSchema = z.union([
  z.strictObject({ approval: approvalSchema, code: z.string().regex(/^\d{8}$/), expiresAt: msSchema }),
  z.strictObject({ approval: approvalSchema, checkIn: z.strictObject({ at: msSchema, already: z.boolean() }) }),
]);
/** POST /api/approvals/:id/refuse. */
export const approvalRefusedSchema = z.strictObject({ approval: approvalSchema });

/** A tablet (or its unused pairing code) of the meeting, for 设备管理. */
export const deviceRowSchema = z.strictObject({
  id: z.string(),
  deputyId: z.string(),
  deputyName: z.string(),
  delegation: z.string(),
  seat: z.string().nullable(),
  state: z.enum(['code', 'expired', 'paired', 'revoked']),
  createdAt: msSchema,
  codeExpiresAt: msSchema.nullable(),
  pairedAt: msSchema.nullable(),
  revokedAt: msSchema.nullable(),
  approvedBy: z.string().nullable(),
});
export type DeviceRow = z.infer<typeof deviceRowSchema>;
/** GET /api/meetings/:meetingId/devices, by delegation and seat. */
export const deviceListSchema = z.strictObject({ devices: z.array(deviceRowSchema) });
/** POST /api/meetings/:meetingId/pairing-codes/void: how many unused codes stopped working. */
export const codesVoidedSchema = z.strictObject({ voided: countSchema });

/**
 * GET /api/meetings/:meetingId/after-opening: the pairings and manual check-ins made after the session opened
 * (printed on the result report), empty before it opened.
 */
export const afterOpeningSchema = z.strictObject({
  openedAt: msSchema.nullable(),
  pairings: z.array(
    z.strictObject({ deviceId: z.string(), deputyName: z.string(), delegation: z.string(), seat: z.string().nullable(), at: msSchema, approvedBy: z.string().nullable(), revokedAt: msSchema.nullable() }),
  ),
  manualCheckIns: z.array(
    z.strictObject({ deputyName: z.string(), delegation: z.string(), seat: z.string().nullable(), at: msSchema, by: z.string().nullable(), approvedBy: z.string().nullable() }),
  ),
});
export type AfterOpening = z.infer<typeof afterOpeningSchema>;

/** A published head of the audit log: event `seq`, its chain hash, when (server/audit/anchors.ts). */
export const auditHeadSchema = z.strictObject({ seq: z.number().int().positive(), hash: z.string(), at: msSchema });
/** GET /api/ballots/:id/anchor: the head published at the ballot's announcement, null before it. */
export const anchorReplySchema = z.strictObject({ anchor: auditHeadSchema.nullable() });
/** GET /api/public/audit-heads: every announced ballot's head, newest first. */
export const auditHeadsSchema = z.strictObject({
  heads: z.array(z.strictObject({ ballotId: z.string(), meetingName: z.string(), title: z.string(), announcedAt: msSchema.nullable(), seq: z.number().int().positive(), hash: z.string() })),
});
