import { z } from 'zod';
import { ERROR_CODES } from './errors.ts';
import { BALLOT_KINDS, BALLOT_STATUSES, envelopeSchema, paperKeySchema, receiptSchema } from './api.ts';
import { paperMarksSchema } from './paper.ts';
import { paperProgressSchema } from './paper-ballot.ts';
import { BLANK_RULES, ballotRulesSchema, EVALUATION_REPORTS, EVALUATION_THRESHOLDS, tallySchema } from './record.ts';

// The realtime channel, GET /ws. Every message either way is one of these, checked with safeParse on both
// ends; a message that does not parse is answered with a typed error, never dropped in silence.
// Times are the server's clock (ms since epoch); clients correct their countdown with `serverNow`.

export const WS_PATH = '/ws';
/** Largest message the server reads; a paper for 500 candidates fits easily. */
export const WS_MAX_MESSAGE_BYTES = 64 * 1024;

const requestId = z.string().min(1).max(64);

// ---- client → server ----

/** First message. A tablet sends its device token; a console relies on its session cookie; a projector
 *  sends its display token. Until hello succeeds nothing else is accepted. */
export const helloSchema = z.discriminatedUnion('role', [
  z.strictObject({ type: z.literal('hello'), role: z.literal('tablet'), token: z.string().min(1).max(200) }),
  z.strictObject({ type: z.literal('hello'), role: z.literal('console'), meetingId: z.string().min(1).max(64) }),
  z.strictObject({ type: z.literal('hello'), role: z.literal('projector'), token: z.string().min(1).max(200) }),
]);

export const clientMessageSchema = z.discriminatedUnion('type', [
  helloSchema,
  z.strictObject({ type: z.literal('checkIn'), id: requestId }),
  /** A sealed paper (`envelope`, secret ballots) or a plain one (`key` + `marks`, named ballots). */
  z
    .strictObject({
      type: z.literal('submitPaper'),
      id: requestId,
      ballotId: z.string().min(1).max(64),
      envelope: envelopeSchema.optional(),
      key: paperKeySchema.optional(),
      marks: paperMarksSchema.optional(),
    })
    .refine((m) => (m.envelope === undefined ? m.key !== undefined && m.marks !== undefined : m.key === undefined && m.marks === undefined), {
      message: 'send either envelope, or key and marks',
    }),
  z.strictObject({ type: z.literal('ping'), id: requestId }),
]);
export type ClientMessage = z.infer<typeof clientMessageSchema>;

// ---- server → client ----
// Strict: a field the schema does not name fails the contract (test/realtime.test.ts, test/reliability/), so a
// screen never relies on something the contract does not state.

export const wsMilestoneSchema = z.strictObject({
  period: z.string(),
  amountWan: z.number().nullable(),
  text: z.string(),
});

/** A candidate as a tablet shows it: one row, with the full task and plan behind a tap. */
export const wsCandidateSchema = z.strictObject({
  id: z.string(),
  seq: z.number(),
  name: z.string(),
  category: z.string().nullable(),
  budgetWan: z.number().nullable(),
  summary: z.string(),
  annualTask: z.string(),
  milestones: z.array(wsMilestoneSchema),
});
export type WsCandidate = z.infer<typeof wsCandidateSchema>;

export const wsBallotSchema = z.strictObject({
  id: z.string(),
  title: z.string(),
  kind: z.enum(BALLOT_KINDS),
  options: z.array(z.string()),
  maxApprovals: z.number().nullable(),
  seats: z.number().nullable(),
  blank: z.enum(BLANK_RULES),
  secret: z.boolean(),
  status: z.enum(BALLOT_STATUSES),
  openedAt: z.number().nullable(),
  deadlineAt: z.number().nullable(),
  /** Secret ballots while open: what the tablet seals its paper to (DESIGN §5). */
  sealing: z.strictObject({ publicKey: z.string(), plaintextLength: z.number().int().positive() }).nullable(),
  /**
   * Evaluations (满意度测评) only: the rating base — all valid papers ("valid-majority"), or those that rated the
   * project ("rated-majority"), which decides what a skipped project means — and whether a rating is reported.
   */
  evaluation: z.strictObject({ base: z.enum(EVALUATION_THRESHOLDS), report: z.enum(EVALUATION_REPORTS) }).optional(),
  /** The whole ballot runs on paper ballots (纸质选票, DESIGN §10): tablets show 请使用纸质选票. */
  paperOnly: z.boolean().optional(),
});
export type WsBallot = z.infer<typeof wsBallotSchema>;

export const attendanceMessageSchema = z.strictObject({
  seated: z.number(),
  present: z.number(),
  quorum: z.strictObject({ required: z.number(), met: z.boolean() }),
  byDelegation: z.array(z.strictObject({ id: z.string(), name: z.string(), seated: z.number(), present: z.number() })),
});

/** What the hall screen shows between ballots (the 'display' message). */
export const DISPLAY_SHOWS = ['latest', 'attendance'] as const;
export type DisplayShow = (typeof DISPLAY_SHOWS)[number];

export const serverMessageSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('welcome'),
    role: z.enum(['tablet', 'console', 'projector']),
    serverNow: z.number(),
    /** keyEscrow 'server': a training meeting whose ballot keys the server holds — every screen says so (DESIGN §5). */
    meeting: z.strictObject({ id: z.string(), name: z.string(), keyEscrow: z.enum(['scrutineer', 'server']).optional() }),
    /** Tablets only: who this tablet votes for. */
    deputy: z.strictObject({ id: z.string(), name: z.string(), seat: z.string().nullable(), delegation: z.string() }).optional(),
    checkedIn: z.boolean().optional(),
  }),
  /** The meeting's open ballot (or null): sent on hello, on open, on extend and on close. */
  z.strictObject({
    type: z.literal('ballot'),
    serverNow: z.number(),
    ballot: wsBallotSchema.nullable(),
    candidates: z.array(wsCandidateSchema),
    /** Tablets: whether this deputy has a paper in it. */
    voted: z.boolean().optional(),
    /** Tablets: this deputy was issued a paper ballot (纸质选票): 请使用纸质选票, the tablet does not vote. */
    paper: z.boolean().optional(),
  }),
  /** Console and projector: a ballot's progress on paper (issued, returned, entered twice, disputed). */
  z.strictObject({ type: z.literal('paperProgress'), progress: paperProgressSchema }),
  /** A ballot left the open state (closed, or announced later). */
  z.strictObject({ type: z.literal('ballotStatus'), serverNow: z.number(), ballotId: z.string(), status: z.enum(BALLOT_STATUSES) }),
  z.strictObject({ type: z.literal('checkedIn'), id: z.string(), at: z.number() }),
  z.strictObject({ type: z.literal('receipt'), id: z.string(), receipt: receiptSchema, duplicate: z.boolean() }),
  /** Console and projector, coalesced to a few a second. */
  z.strictObject({ type: z.literal('attendance'), attendance: attendanceMessageSchema }),
  z.strictObject({ type: z.literal('turnout'), ballotId: z.string(), voted: z.number(), present: z.number() }),
  /**
   * Consoles and projectors: what the hall screen shows between ballots, as the console chose (issue 13):
   * 'latest' — the last closed ballot (counting, then its result); 'attendance' — the attendance board. An
   * open ballot always shows; opening one returns to 'latest'.
   */
  z.strictObject({ type: z.literal('display'), show: z.enum(['latest', 'attendance']) }),
  /** After announcement (宣布) only, to consoles and projectors: the result to show in the hall. */
  z.strictObject({
    type: z.literal('results'),
    ballotId: z.string(),
    title: z.string(),
    rules: ballotRulesSchema,
    attendance: z.strictObject({ seated: z.number(), present: z.number() }),
    candidates: z.array(z.strictObject({ id: z.string(), seq: z.number(), name: z.string(), budgetWan: z.number().nullable() })),
    tally: tallySchema,
    announcedAt: z.number(),
    /** The audit log's head after the announcement (issue 12), shown small for anyone to write down. */
    anchor: z.strictObject({ seq: z.number(), hash: z.string() }).optional(),
    /** Evaluations only: "rate" when the county reports the 满意率 alone, no rating. */
    evaluationReport: z.enum(EVALUATION_REPORTS).optional(),
    /** When a run-off or the presidium settled a tie: the selection of all rounds together. */
    final: z
      .object({
        selected: z.array(z.string()),
        candidates: z.array(z.strictObject({ id: z.string(), seq: z.number(), name: z.string(), budgetWan: z.number().nullable() })),
        rounds: z.array(z.string()),
      })
      .optional(),
  }),
  z.strictObject({ type: z.literal('pong'), id: z.string(), serverNow: z.number() }),
  z.strictObject({
    type: z.literal('error'),
    /** The request this answers, when there is one. */
    id: z.string().optional(),
    code: z.enum(ERROR_CODES),
    message: z.string(),
  }),
]);
export type ServerMessage = z.infer<typeof serverMessageSchema>;
export type ServerMessageOf<K extends ServerMessage['type']> = Extract<ServerMessage, { type: K }>;
export type ResultsMessage = ServerMessageOf<'results'>;
