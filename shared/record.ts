import { z } from 'zod';

// The public ballot record (DESIGN.md §9), "piaojue/ballot-record@1" and "@2". It is a contract read by people
// outside the system: every object is strict, and a change to its meaning needs a new format version. @2 adds
// `box` (a secret ballot's trackers), `papers[].source`, `attendance.issued` and the evaluation threshold
// "rated-majority"; a reader takes both.

export const BALLOT_RECORD_FORMAT_V1 = 'piaojue/ballot-record@1';
export const BALLOT_RECORD_FORMAT_V2 = 'piaojue/ballot-record@2';
/** The version the server writes. */
export const BALLOT_RECORD_FORMAT = BALLOT_RECORD_FORMAT_V2;
export const BALLOT_RECORD_FORMATS = [BALLOT_RECORD_FORMAT_V1, BALLOT_RECORD_FORMAT] as const;
export type BallotRecordFormat = (typeof BALLOT_RECORD_FORMATS)[number];

export const SELECTION_OPTIONS = ['for', 'against', 'abstain'] as const;
export const EVALUATION_OPTIONS = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;
export type SelectionOption = (typeof SELECTION_OPTIONS)[number];
export type EvaluationOption = (typeof EVALUATION_OPTIONS)[number];
export type BallotOption = SelectionOption | EvaluationOption;

export const THRESHOLDS = ['seated-majority', 'present-majority', 'valid-majority', 'none', 'rated-majority'] as const;
/** The thresholds a selection ballot (票决) may use; "rated-majority" is for evaluations only (DESIGN.md §9, @2). */
export const SELECTION_THRESHOLDS = ['seated-majority', 'present-majority', 'valid-majority', 'none'] as const;
/**
 * The base of an evaluation's rating (DESIGN.md §4.10, §9): all valid papers ("valid-majority"), or, per
 * project, the valid papers that rated it ("rated-majority", record @2).
 */
export const EVALUATION_THRESHOLDS = ['valid-majority', 'rated-majority'] as const;
export type EvaluationThreshold = (typeof EVALUATION_THRESHOLDS)[number];
/**
 * What an evaluation announces (DESIGN.md §4.10): "rating" — 满意/基本满意/不满意 with the 满意率 — or "rate", the
 * 满意率 only (a county setting). The record's tally carries both either way; this is what the screens report.
 */
export const EVALUATION_REPORTS = ['rating', 'rate'] as const;
export type EvaluationReport = (typeof EVALUATION_REPORTS)[number];
export const BLANK_RULES = ['abstain', 'invalid'] as const;
export const TIE_RULES = ['runoff', 'admit-all', 'presidium'] as const;
export type Threshold = (typeof THRESHOLDS)[number];
export type BlankRule = (typeof BLANK_RULES)[number];
export type TieRule = (typeof TIE_RULES)[number];

/** A ballot is an evaluation (满意度测评) iff its options are exactly the three evaluation options. */
export function isEvaluation(options: readonly string[]): boolean {
  return options.length === EVALUATION_OPTIONS.length && EVALUATION_OPTIONS.every((option, i) => options[i] === option);
}

const count = z.number().int().min(0);
const nonEmptyId = z.string().min(1, 'must not be empty');

export const ballotOptionsSchema = z.union(
  [
    z.tuple([z.literal('for'), z.literal('against'), z.literal('abstain')]),
    z.tuple([z.literal('satisfied'), z.literal('basically_satisfied'), z.literal('dissatisfied')]),
  ],
  { error: 'must be ["for","against","abstain"] or ["satisfied","basically_satisfied","dissatisfied"]' },
);

export const ballotRulesSchema = z.strictObject({
  options: ballotOptionsSchema,
  maxApprovals: z.number().int().min(1).nullable(),
  seats: z.number().int().min(1).nullable(),
  threshold: z.enum(THRESHOLDS),
  blank: z.enum(BLANK_RULES),
  ties: z.enum(TIE_RULES),
  secret: z.boolean(),
});
export type BallotRules = z.infer<typeof ballotRulesSchema>;

export const attendanceSchema = z
  .strictObject({
    seated: count,
    present: count,
    /** @2: paper ballots (纸质选票) issued, when any were (DESIGN §10). */
    issued: count.optional(),
  })
  .refine((a) => a.present <= a.seated, { path: ['present'], message: 'present cannot exceed seated' });
export type Attendance = z.infer<typeof attendanceSchema>;

export const recordCandidateSchema = z.strictObject({ id: nonEmptyId, name: z.string() });
export type RecordCandidate = z.infer<typeof recordCandidateSchema>;

/**
 * Candidate id → mark. Values are only required to be strings: a mark outside the ballot's options makes the
 * paper invalid (counted as 废票), it does not make the record unreadable. Parsed by hand rather than with
 * z.record, which silently drops a "__proto__" key — a recount must see every mark the file holds.
 */
export const recordMarksSchema = z.unknown().transform((value, ctx): Record<string, string> => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    ctx.addIssue({ code: 'custom', message: 'expected an object of candidate id → mark' });
    return z.NEVER;
  }
  const marks: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [candidateId, mark] of Object.entries(value)) {
    if (typeof mark === 'string') marks[candidateId] = mark;
    else ctx.addIssue({ code: 'custom', path: [candidateId], message: 'a mark must be a string' });
  }
  return marks;
});
export type Marks = Record<string, string>;

export const PAPER_SOURCES = ['tablet', 'paper'] as const;

export const recordPaperSchema = z.strictObject({
  id: nonEmptyId,
  marks: recordMarksSchema,
  /** @2: cast on a tablet, or a paper ballot entered by hand (DESIGN §10). */
  source: z.enum(PAPER_SOURCES).optional(),
  /** Named (记名) ballots only. */
  deputy: z.strictObject({ id: nonEmptyId, name: z.string() }).optional(),
});
export type RecordPaper = z.infer<typeof recordPaperSchema>;

export const tallyCandidateSchema = z.strictObject({
  id: nonEmptyId,
  counts: z.partialRecord(z.enum([...SELECTION_OPTIONS, ...EVALUATION_OPTIONS]), count),
  // Selection ballots only:
  passed: z.boolean().optional(),
  rank: z.number().int().min(1).nullable().optional(),
  selected: z.boolean().optional(),
  // Evaluation ballots only:
  rating: z.enum(EVALUATION_OPTIONS).optional(),
  satisfactionRate: z.number().min(0).max(1).optional(),
});
export type TallyCandidate = z.infer<typeof tallyCandidateSchema>;

export const tallyTieSchema = z.strictObject({
  candidates: z.array(nonEmptyId).min(2),
  places: z.number().int().min(1),
  resolution: z.enum(['runoff', 'presidium']),
});
export type TallyTie = z.infer<typeof tallyTieSchema>;

export const tallySchema = z.strictObject({
  papers: z.strictObject({ returned: count, valid: count, invalid: count }),
  notVoted: count,
  candidates: z.array(tallyCandidateSchema),
  selected: z.array(nonEmptyId),
  tie: tallyTieSchema.nullable(),
  shortfall: count,
});
export type Tally = z.infer<typeof tallySchema>;

function duplicates(ids: readonly string[]): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const id of ids) (seen.has(id) ? repeated : seen).add(id);
  return [...repeated];
}

export const ballotRecordSchema = z
  .strictObject({
    format: z.enum(BALLOT_RECORD_FORMATS, { error: `must be "${BALLOT_RECORD_FORMAT_V1}" or "${BALLOT_RECORD_FORMAT}"` }),
    ballot: z.strictObject({ id: nonEmptyId, title: z.string(), ...ballotRulesSchema.shape }),
    attendance: attendanceSchema,
    candidates: z
      .array(recordCandidateSchema)
      .min(1, 'at least one candidate')
      .superRefine((candidates, ctx) => {
        for (const id of duplicates(candidates.map((c) => c.id))) {
          ctx.addIssue({ code: 'custom', message: `duplicate candidate id ${JSON.stringify(id)}` });
        }
      }),
    papers: z.array(recordPaperSchema).superRefine((papers, ctx) => {
      for (const id of duplicates(papers.map((p) => p.id))) {
        ctx.addIssue({ code: 'custom', message: `duplicate paper id ${JSON.stringify(id)}` });
      }
    }),
    /** @2, secret ballots: the trackers (sha256 of each sealed envelope, hex), sorted — one per tablet paper. */
    box: z
      .array(z.string().regex(/^[0-9a-f]{64}$/, 'a tracker is 64 lower-case hex digits'))
      .superRefine((box, ctx) => {
        for (const t of duplicates(box)) ctx.addIssue({ code: 'custom', message: `duplicate tracker ${t}` });
      })
      .optional(),
    tally: tallySchema.optional(),
  })
  .superRefine((record, ctx) => {
    // "rated-majority" exists from version 2 on, and only for evaluations (DESIGN.md §9).
    if (record.ballot.threshold === 'rated-majority') {
      if (record.format === BALLOT_RECORD_FORMAT_V1) {
        ctx.addIssue({ code: 'custom', path: ['ballot', 'threshold'], message: `"rated-majority" needs format "${BALLOT_RECORD_FORMAT_V2}"` });
      }
      if (!isEvaluation(record.ballot.options)) {
        ctx.addIssue({ code: 'custom', path: ['ballot', 'threshold'], message: '"rated-majority" is for evaluation ballots only' });
      }
    }
    const v2 = record.format === BALLOT_RECORD_FORMAT;
    if (!v2) {
      if (record.box !== undefined) ctx.addIssue({ code: 'custom', path: ['box'], message: 'box is a field of @2 records' });
      if (record.attendance.issued !== undefined) ctx.addIssue({ code: 'custom', path: ['attendance', 'issued'], message: 'issued is a field of @2 records' });
      record.papers.forEach((p, i) => {
        if (p.source !== undefined) ctx.addIssue({ code: 'custom', path: ['papers', i, 'source'], message: 'source is a field of @2 records' });
      });
    } else {
      const tablet = record.papers.filter((p) => (p.source ?? 'tablet') === 'tablet').length;
      const onPaper = record.papers.length - tablet;
      if (record.ballot.secret && record.box === undefined) ctx.addIssue({ code: 'custom', path: ['box'], message: 'a secret ballot’s @2 record carries its box' });
      if (record.box !== undefined && record.box.length !== tablet) {
        ctx.addIssue({ code: 'custom', path: ['box'], message: `the box holds ${record.box.length} tracker(s) but there are ${tablet} tablet paper(s)` });
      }
      if (onPaper > (record.attendance.issued ?? 0)) {
        ctx.addIssue({ code: 'custom', path: ['attendance', 'issued'], message: `${onPaper} paper ballot(s) returned but ${record.attendance.issued ?? 0} issued` });
      }
    }
    // A secret (无记名) ballot's papers never name a deputy (DESIGN.md §5); a record that does is not one we made.
    if (!record.ballot.secret) return;
    record.papers.forEach((paper, i) => {
      if (paper.deputy) ctx.addIssue({ code: 'custom', path: ['papers', i, 'deputy'], message: 'a secret ballot paper must not name a deputy' });
    });
  });
export type BallotRecord = z.infer<typeof ballotRecordSchema>;
