import { z } from 'zod';
import { ballotCandidateSchema, ballotViewSchema } from './ballots.ts';
import { msSchema } from './common.ts';
import { checkInResultSchema } from './meetings.ts';
import { approvalSchema } from './trust.ts';

// Answers of server/devices/routes.ts: pairing a tablet, and the tablet's own calls.

/** POST …/deputies/:deputyId/pairing-code (201): the one-time code, and when it stops working. */
export const pairingCodeSchema = z.union([
  z.strictObject({ code: z.string().regex(/^\d{8}$/), expiresAt: msSchema }),
  /** 202: after the session opened, a re-pairing waits for a scrutineer (DESIGN §7); no code yet. */
  z.strictObject({ pending: approvalSchema }),
]);

/** POST /api/devices/pair: the tablet's bearer token and whom it votes for. */
export const pairReplySchema = z.strictObject({
  token: z.string().min(1),
  deviceId: z.string(),
  deputy: z.strictObject({ id: z.string(), name: z.string(), meetingId: z.string() }),
});
export type PairReply = z.infer<typeof pairReplySchema>;

/** GET /api/deputy/me: the tablet's deputy, check-in, and the meeting's open ballot if any. */
export const deputyMeSchema = z.strictObject({
  deputy: z.strictObject({ id: z.string(), name: z.string(), seat: z.string().nullable(), delegation: z.string(), meetingName: z.string() }),
  checkedIn: z.boolean(),
  openBallot: z
    .strictObject({ ballot: ballotViewSchema, candidates: z.array(ballotCandidateSchema), voted: z.boolean() })
    .nullable(),
  serverNow: msSchema,
});

/** POST /api/deputy/check-in: 201, or 200 when already in. */
export const deputyCheckInReplySchema = z.strictObject({ checkIn: checkInResultSchema });

/** One seated deputy's row of the 平板 screen (issue 13). */
export const tabletRowSchema = z.strictObject({
  deputyId: z.string(),
  name: z.string(),
  delegation: z.string(),
  seat: z.string().nullable(),
  /** The code issued and not yet used, while it can still pair (reprintable); null when none. */
  code: z.strictObject({ code: z.string().regex(/^\d{8}$/), expiresAt: msSchema, issuedAt: msSchema }).nullable(),
  /** The live paired tablet: when, and which (the device id the tablet shows). */
  paired: z.strictObject({ deviceId: z.string(), pairedAt: msSchema }).nullable(),
  /** A socket of that tablet is open now. */
  online: z.boolean(),
  checkedIn: z.boolean(),
  /** Whether the deputy has voted in the open ballot (only that: the cast table, never a mark); null with none open. */
  voted: z.boolean().nullable(),
});
export type TabletRow = z.infer<typeof tabletRowSchema>;

/**
 * Someone is guessing pairing codes (issue 12, server/devices/guard.ts): the network's budget of wrong codes was
 * spent in the last `sinceMinutes`. Counts of wrong codes in that time (all addresses; `reserveChecks` of them on
 * the reserve for addresses with no wrong code), the addresses that sent most, and when the budget was last spent.
 */
export const pairingGuessingSchema = z.strictObject({
  sinceMinutes: z.number().int().positive(),
  wrongCodes: z.number().int().nonnegative(),
  reserveChecks: z.number().int().nonnegative(),
  addresses: z.array(z.strictObject({ address: z.string(), wrongCodes: z.number().int().positive() })),
  spentAt: msSchema,
});
export type PairingGuessing = z.infer<typeof pairingGuessingSchema>;

/**
 * GET /api/meetings/:meetingId/tablets: every seated deputy's row, the open ballot's id (null: none open), and the
 * guessing warning (null: the budget of wrong pairing codes was not spent lately).
 */
export const tabletListSchema = z.strictObject({
  tablets: z.array(tabletRowSchema),
  ballotId: z.string().nullable(),
  guessing: pairingGuessingSchema.nullable(),
});
export type TabletList = z.infer<typeof tabletListSchema>;
