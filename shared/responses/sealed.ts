import { z } from 'zod';
import { BALLOT_KINDS } from '../api.ts';
import { tallySchema } from '../record.ts';
import { ballotViewSchema } from './ballots.ts';
import { countSchema, msSchema } from './common.ts';
import { meetingSchema } from './meetings.ts';

// Answers of server/ballots/sealed-routes.ts: sealed papers (DESIGN §5) — the scrutineer key, the opening with the
// recovery sheet, the public ballot box.

/** PUT /api/meetings/:meetingId/scrutineer-key: the meeting, its keyEscrow now 'scrutineer'. */
export const scrutineerKeyReplySchema = z.strictObject({ meeting: meetingSchema });

/** GET /api/ballots/:id/sealed-key: the ballot's secret key sealed to the scrutineer, for the recovery sheet. */
export const sealedKeySchema = z.strictObject({
  ballotId: z.string(),
  /** Who holds the key that opens it: the scrutineer's recovery sheet, or the server (a training meeting). */
  escrow: z.enum(['scrutineer', 'server']),
  publicKey: z.string(),
  sealedSecretKey: z.string(),
});

/** POST /api/ballots/:id/unseal: the ballot once its papers are opened and counted. */
export const unsealReplySchema = z.strictObject({ ballot: ballotViewSchema });

/** GET /api/public/ballots?year=: the announced secret ballots of that year, whose boxes anyone may check. */
export const publicBallotListSchema = z.strictObject({
  year: z.number().int(),
  ballots: z.array(z.strictObject({ id: z.string(), title: z.string(), announcedAt: msSchema.nullable(), meeting: z.string() })),
});

/** GET /api/public/ballots/:id/box: the ballot box of an announced secret ballot — every tracker, and the tally. */
export const publicBoxSchema = z.strictObject({
  ballot: z.strictObject({
    id: z.string(),
    title: z.string(),
    kind: z.enum(BALLOT_KINDS),
    /** The marks a paper may carry (for/against/abstain, or the 测评 ratings), in the order the paper lists them. */
    options: z.array(z.string()),
    announcedAt: msSchema.nullable(),
    attendance: z.strictObject({ seated: countSchema, present: countSchema }).nullable(),
  }),
  /** The ballot's candidates in ballot order, for reading the tally. */
  candidates: z.array(z.strictObject({ id: z.string(), seq: z.number().int(), name: z.string() })),
  meeting: z.strictObject({ id: z.string(), name: z.string(), year: z.number().int(), keyEscrow: z.enum(['scrutineer', 'server']) }),
  /** Trackers of the papers in the box, sorted (never who cast them). */
  box: z.array(z.string()),
  tally: tallySchema.optional(),
});
