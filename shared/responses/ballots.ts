import { z } from 'zod';
import { BALLOT_KINDS, BALLOT_STATUSES, receiptSchema } from '../api.ts';
import { ballotRulesSchema, EVALUATION_REPORTS, tallySchema } from '../record.ts';
import { candidateSchema } from './candidates.ts';
import { countSchema, msSchema } from './common.ts';

// Answers of server/ballots/routes.ts. A ballot's papers are never in them: the tally once closed, the public
// record (shared/record.ts) for a recount.

/** Why a ballot closed: the operator, its deadline, or every present deputy having voted. */
export const CLOSE_REASONS = ['manual', 'deadline', 'all-voted'] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];

/** A ballot as console, tablets and projector see it (server/ballots/presenters.ts): settings and timing. */
export const ballotViewSchema = z.strictObject({
  id: z.string(),
  meetingId: z.string(),
  title: z.string(),
  kind: z.enum(BALLOT_KINDS),
  ...ballotRulesSchema.shape,
  durationSeconds: countSchema,
  closeWhenAllVoted: z.boolean(),
  /** The whole ballot runs on paper ballots (纸质选票, DESIGN §10): tablets do not vote in it. */
  paperOnly: z.boolean(),
  status: z.enum(BALLOT_STATUSES),
  /** The ballot whose tie this run-off settles. */
  runoffOf: z.string().nullable(),
  openedAt: msSchema.nullable(),
  deadlineAt: msSchema.nullable(),
  closedAt: msSchema.nullable(),
  closeReason: z.enum(CLOSE_REASONS).nullable(),
  announcedAt: msSchema.nullable(),
  /** Attendance fixed when the ballot closed; `issued`: paper ballots issued, when any were (record @2). */
  attendance: z.strictObject({ seated: countSchema, present: countSchema, issued: countSchema.optional() }).nullable(),
  /** The candidates the presidium (主席团) chose to settle a tie. */
  presidiumDecision: z.array(z.string()).nullable(),
  /** Open secret ballots: the key tablets seal their papers to, and the sealed plaintext's length (DESIGN §5). */
  sealing: z.strictObject({ publicKey: z.string(), plaintextLength: z.number().int().positive() }).nullable(),
  /** Closed, its sealed papers waiting for the scrutineer's recovery sheet. */
  openingPending: z.boolean(),
  /** Evaluations (满意度测评) only: announce a rating with its 满意率, or the 满意率 only; null otherwise. */
  evaluationReport: z.enum(EVALUATION_REPORTS).nullable(),
  /** The server's clock when this was sent: clients correct their countdown by it. */
  serverNow: msSchema,
});
export type BallotView = z.infer<typeof ballotViewSchema>;

/** A candidate as a ballot lists it, in ballot order. Money in 万元. */
export const ballotCandidateSchema = candidateSchema.pick({ id: true, seq: true, name: true, category: true, budgetWan: true, summary: true });
export type BallotCandidate = z.infer<typeof ballotCandidateSchema>;

/** GET /api/ballots/:id and every ballot action (create, edit a draft, open, extend, close, announce, runoff, presidium). */
export const ballotDetailSchema = z.strictObject({
  ballot: ballotViewSchema,
  candidates: z.array(ballotCandidateSchema),
  /** How many deputies have a paper in it (never who voted what). */
  voted: countSchema,
});
export type BallotDetail = z.infer<typeof ballotDetailSchema>;

/** A ballot in its meeting's list: also how many candidates it lists ("15 选 10"). */
export const listedBallotSchema = ballotViewSchema.extend({ candidateCount: countSchema });
export type ListedBallot = z.infer<typeof listedBallotSchema>;

/** GET /api/meetings/:meetingId/ballots, oldest first. */
export const ballotListSchema = z.strictObject({ ballots: z.array(listedBallotSchema) });

/** GET /api/ballots/:id/tally, once the ballot is closed. */
/** 发出/收回 of one source of papers: tablets, or paper ballots (纸质选票). */
const sourceCountSchema = z.strictObject({ issued: countSchema, returned: countSchema });

/**
 * Papers issued and returned per source (issue 17): tablets issued = present − paper ballots issued; paper ballots
 * returned = serials entered by the clerks. Null when no paper ballot was issued or entered.
 */
export const papersBySourceSchema = z.strictObject({ tablet: sourceCountSchema, paper: sourceCountSchema });
export type PapersBySource = z.infer<typeof papersBySourceSchema>;

export const tallyReplySchema = z.strictObject({ ballot: ballotViewSchema, tally: tallySchema, bySource: papersBySourceSchema.nullable() });
export type TallyReply = z.infer<typeof tallyReplySchema>;

/** GET /api/ballots/:id/turnout: who has voted (public knowledge in the hall), never what. */
export const turnoutSchema = z.strictObject({
  ballotId: z.string(),
  status: z.enum(BALLOT_STATUSES),
  present: countSchema,
  voted: countSchema,
  byDelegation: z.array(z.strictObject({ id: z.string(), name: z.string(), seated: countSchema, present: countSchema, voted: countSchema })),
  notVoted: z.array(z.strictObject({ id: z.string(), name: z.string(), seat: z.string().nullable(), delegation: z.string() })),
});
export type Turnout = z.infer<typeof turnoutSchema>;

/** POST /api/deputy/ballots/:id/papers: the receipt once the paper is committed (201), or again for a resend (200). */
export const paperOutcomeSchema = z.strictObject({
  receipt: receiptSchema,
  /** True when this answered a resend of a paper already committed. */
  duplicate: z.boolean(),
});
export type PaperOutcome = z.infer<typeof paperOutcomeSchema>;
