import { z } from 'zod';
import { coded } from './issues.ts';
import { paperMarksSchema } from './paper.ts';
import { BLANK_RULES, THRESHOLDS, TIE_RULES } from './record.ts';

// Bodies and params of the HTTP API. Objects are strict: an unknown field is an error, not ignored.

/** Accounts that sign in with a password. 'unit' is a responsible unit (责任单位) filing progress reports. */
export const ROLES = ['admin', 'operator', 'scrutineer', 'unit'] as const;
export type StaffRole = (typeof ROLES)[number];

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `at most ${max} characters`);
const id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'not a valid id');

/** For actions that take no body: anything sent must be {} (or nothing). */
export const emptyBodySchema = z.strictObject({});

export const idParamsSchema = z.strictObject({ id });
export const meetingParamsSchema = z.strictObject({ meetingId: id });
export const meetingDeputyParamsSchema = z.strictObject({ meetingId: id, deputyId: id });

export const loginBodySchema = z.strictObject({
  username: text(64),
  password: z.string().min(1, 'must not be empty').max(256),
});

export const createAccountBodySchema = z
  .strictObject({
    username: text(64).regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, dot, dash and underscore only'),
    password: z.string().min(10, 'at least 10 characters').max(256),
    role: z.enum(ROLES),
    /** Required for role 'unit': the unit's name as the candidate tables write it (e.g. 住建局). */
    unitName: text(100).optional(),
    /** The password is one the admin hands over: the holder must change it at first sign-in. */
    mustChangePassword: z.boolean().optional(),
  })
  .superRefine((b, ctx) => {
    if (b.role === 'unit' && !b.unitName) ctx.addIssue({ code: 'custom', path: ['unitName'], message: 'required for a unit account' });
    if (b.role !== 'unit' && b.unitName) ctx.addIssue({ code: 'custom', path: ['unitName'], message: 'only unit accounts have a unit' });
  });

/** An X25519 public or secret key, standard base64 (32 bytes: 44 characters). */
export const sealKeySchema = z.string().regex(/^[A-Za-z0-9+/]{43}=$/, 'a key is 32 bytes in base64 (44 characters)');

export const createMeetingBodySchema = z.strictObject({
  name: text(200),
  date: z.iso.date('a date as YYYY-MM-DD'),
  /** The chief scrutineer's public key, made in the console with the recovery sheet (DESIGN §5). Absent: a
   *  training meeting whose ballot keys the server escrows itself — every screen and report says so. */
  scrutineerPublicKey: sealKeySchema.optional(),
});

export const scrutineerKeyBodySchema = z.strictObject({ publicKey: sealKeySchema });
/** A ballot's secret key, opened from the recovery sheet in the console. */
export const unsealBodySchema = z.strictObject({ secretKey: sealKeySchema });

export const deputyEditBodySchema = z
  .strictObject({
    name: text(64).optional(),
    delegation: text(64).optional(),
    seat: text(32).nullable().optional(),
    seated: z.boolean().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'nothing to change');

export const manualCheckInBodySchema = z.strictObject({
  deputyId: id,
  note: z.string().max(200).optional(),
});

export const BALLOT_KINDS = ['selection', 'evaluation'] as const;
export type BallotKind = (typeof BALLOT_KINDS)[number];
/** draft → open → closed → announced (DESIGN §3). */
export const BALLOT_STATUSES = ['draft', 'open', 'closed', 'announced'] as const;
export type BallotStatus = (typeof BALLOT_STATUSES)[number];

export const createBallotBodySchema = z.strictObject({
  title: text(200),
  kind: z.enum(BALLOT_KINDS).default('selection'),
  /** Defaults to every candidate of the meeting in 序号 order. */
  candidateIds: z.array(id).max(500).refine((a) => a.length >= 1, coded('min_candidates', 'at least one candidate')).optional(),
  seats: z.number().int().min(1).max(500).nullable().optional(),
  /** Defaults to seats: at most as many 赞成 as places. */
  maxApprovals: z.number().int().min(1).max(500).nullable().optional(),
  threshold: z.enum(THRESHOLDS).default('seated-majority'),
  blank: z.enum(BLANK_RULES).default('abstain'),
  ties: z.enum(TIE_RULES).default('runoff'),
  secret: z.boolean().default(true),
  durationSeconds: z.number().int().max(24 * 3600).refine((s) => s >= 10, coded('min_seconds', 'at least 10 seconds', { min: 10 })).default(600),
  closeWhenAllVoted: z.boolean().default(false),
  /** The whole ballot runs on paper ballots (纸质选票) from the start (DESIGN §10): tablets do not vote in it. */
  paper: z.boolean().default(false),
});
export type CreateBallotBody = z.infer<typeof createBallotBodySchema>;

export const extendBallotBodySchema = z.strictObject({
  seconds: z
    .number()
    .int()
    .refine((s) => s >= 10, coded('min_seconds', 'at least 10 seconds', { min: 10 }))
    .refine((s) => s <= 3600, coded('max_extension', 'at most one hour at a time')),
});

export const runoffBodySchema = z.strictObject({
  title: text(200).optional(),
  durationSeconds: z.number().int().min(10).max(24 * 3600).optional(),
});

export const presidiumDecisionBodySchema = z.strictObject({
  selected: z.array(id).min(1).max(500),
  note: z.string().max(500).optional(),
});

/**
 * Issuing a pairing code. `replace: true` is the operator's explicit choice to give a deputy who already has a
 * paired tablet a new one (the new tablet revokes the old when it pairs); without it that is refused
 * (already_paired, issue 13).
 */
export const pairingCodeBodySchema = z.strictObject({ replace: z.boolean().optional() });

export const pairBodySchema = z.strictObject({
  code: z.string().trim().min(1).max(32),
});

/** The tablet's idempotency key: random, chosen by the tablet, resent unchanged after a reconnect. */
export const paperKeySchema = z
  .string()
  .min(16, 'at least 16 characters')
  .max(128)
  .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, dash and underscore only');

/** A sealed paper (DESIGN §5): libsodium sealed box, standard base64; its length is fixed per ballot. */
export const envelopeSchema = z
  .string()
  .min(1)
  .max(64 * 1024)
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'base64 only');

/**
 * A paper: sealed (`envelope`) in a secret ballot, plain (`key` + `marks`) in a named (记名) one. Which the
 * ballot takes is checked against the ballot (sealed_paper_required / invalid_input).
 */
export const submitPaperBodySchema = z.union([
  z.strictObject({ envelope: envelopeSchema }),
  z.strictObject({ key: paperKeySchema, marks: paperMarksSchema }),
]);
export type SubmitPaperBody = z.infer<typeof submitPaperBodySchema>;

/** The receipt of a sealed paper: its tracker (sha256 of the envelope, hex), to look up in the public box. */
export const sealedReceiptSchema = z.object({ ballotId: z.string(), tracker: z.string().regex(/^[0-9a-f]{64}$/) });
/** The receipt of a named paper: its id and digest in the ballot record. */
export const namedReceiptSchema = z.object({ ballotId: z.string(), paperId: z.string(), digest: z.string() });
export const receiptSchema = z.union([sealedReceiptSchema, namedReceiptSchema]);
export type Receipt = z.infer<typeof receiptSchema>;

/** POST /api/password: every staff user changes their own password (the current one proves it is them). */
export const changePasswordBodySchema = z.strictObject({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().min(10, 'at least 10 characters').max(256),
});

/** PATCH /api/accounts/:accountId: disable or re-enable an account (disabling ends its sessions). */
export const accountEditBodySchema = z.strictObject({ disabled: z.boolean() });

export const accountParamsSchema = z.strictObject({ accountId: z.string().min(1).max(64) });
