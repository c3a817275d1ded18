import { z } from 'zod';
import { coded } from './issues.ts';
import { EVALUATION_REPORTS, EVALUATION_THRESHOLDS } from './record.ts';

// Bodies and queries of the tracked-project API (民生实事项目): promotion, progress reports, evaluation,
// completion report and the import of a completed year. Objects are strict, as everywhere in the API.

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `at most ${max} characters`);
const id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'not a valid id');

const YEAR = coded('year', 'a year such as 2023');
export const yearSchema = z.number().refine((y) => Number.isInteger(y) && y >= 2000 && y <= 2100, YEAR);
/** A year in a query string. */
const yearQuery = z.string().refine((s) => /^\d{4}$/.test(s), YEAR).transform(Number).pipe(yearSchema);

export const projectParamsSchema = z.strictObject({ id });
export const photoParamsSchema = z.strictObject({ photoId: id });

/** 统计至: statuses, flags and figures as they stood at the end of that day (reports dated later not counted). */
const asOf = z.iso.date('a date as YYYY-MM-DD').optional();

export const projectListQuerySchema = z.strictObject({ year: yearQuery.optional(), asOf });
export const projectViewQuerySchema = z.strictObject({ asOf });
export const completionReportQuerySchema = z.strictObject({
  year: yearQuery,
  asOf,
  format: z.enum(['json', 'text']).default('json'),
});

/** What a report counts (体检人数 → 650): the amount achieved since the previous report, summed per label. */
export const outputsSchema = z
  .record(text(64), z.number().nonnegative('must not be negative').max(1e12))
  .refine((o) => Object.keys(o).length <= 50, 'at most 50 outputs');
export type Outputs = z.infer<typeof outputsSchema>;

export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type PhotoType = (typeof PHOTO_TYPES)[number];
export const MAX_PHOTO_BYTES = 2 * 1024 * 1024;
export const MAX_PHOTOS_PER_REPORT = 4;
const MAX_PHOTO_BASE64 = Math.ceil(MAX_PHOTO_BYTES / 3) * 4;

export const photoUploadSchema = z.strictObject({
  filename: text(200),
  contentType: z.custom<PhotoType>(
    (v) => typeof v === 'string' && (PHOTO_TYPES as readonly string[]).includes(v),
    coded('photo_type', 'image/jpeg, image/png or image/webp only'),
  ),
  dataBase64: z
    .string()
    .min(1, 'must not be empty')
    .refine((s) => s.length <= MAX_PHOTO_BASE64, coded('photo_too_large', 'the photo is larger than 2 MB'))
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64')
    .refine((s) => s.length % 4 === 0, 'not base64 (length is not a multiple of 4)'),
});
export type PhotoUpload = z.infer<typeof photoUploadSchema>;

/**
 * A form's idempotency key (8–64 of A–Z a–z 0–9 - _), made once per filled form and kept across its retries: what a
 * project's creating forms (progress report, inspection, opinion, 整改进展) send so that a double click or a resend
 * after a lost answer files once. Unique per project (per 整改 task for its follow-ups).
 */
export const clientKeySchema = z.string().min(8, 'at least 8 characters').max(64).regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _ only');

export const progressReportBodySchema = z.strictObject({
  date: z.iso.date('a date as YYYY-MM-DD'),
  /** Positions (as the project lists its milestones) of the nodes this report declares reached. */
  milestonesReached: z
    .array(z.number().int('a milestone position').min(0, 'a milestone position'))
    .max(100)
    .refine((a) => new Set(a).size === a.length, coded('milestone_twice', 'a milestone is listed twice'))
    .default(() => []),
  /** Spending to date, 万元, cumulative since the project began. */
  spentWan: z.number().nonnegative('must not be negative').max(1e8),
  outputs: outputsSchema.default(() => ({})),
  note: z.string().trim().max(2000, 'at most 2000 characters').default(''),
  photos: z.array(photoUploadSchema).max(MAX_PHOTOS_PER_REPORT, `at most ${MAX_PHOTOS_PER_REPORT} photos`).default(() => []),
  /**
   * The form's idempotency key: a second submission with the same key (a double click, a retry after a lost
   * answer) files nothing and answers with the first report.
   */
  clientKey: clientKeySchema.optional(),
});
export type ProgressReportBody = z.infer<typeof progressReportBodySchema>;

const reason = z.string().trim().min(1, 'must not be empty').max(500, 'at most 500 characters');

/**
 * 标记完成: `date` defaults to today (China time). `lateReason` is required when the date is after the plan's last
 * milestone (逾期), `openReason` when milestones are open or a target is unmet on that date (shared/rules/completion.ts).
 */
export const completeProjectBodySchema = z.strictObject({
  date: z.iso.date('a date as YYYY-MM-DD').optional(),
  note: z.string().trim().max(500, 'at most 500 characters').optional(),
  lateReason: reason.optional(),
  openReason: reason.optional(),
});
export type CompleteProjectBody = z.infer<typeof completeProjectBodySchema>;

/** Any correction (undo a completion, withdraw a report, edit a project) says why; the reason is audited. */
export const correctionReasonBodySchema = z.strictObject({ reason });

export const reportParamsSchema = z.strictObject({ id, reportId: id });

/** 更正填报: the corrected figures replace the report (which is withdrawn); its photos move to the correction. */
export const correctReportBodySchema = z.strictObject({
  reason,
  report: progressReportBodySchema.omit({ photos: true, clientKey: true }),
});
export type CorrectReportBody = z.infer<typeof correctReportBodySchema>;

const milestoneEditSchema = z.strictObject({
  period: text(64),
  amountWan: z.number().nonnegative('must not be negative').max(1e8).nullable().default(null),
  text: z.string().trim().max(500, 'at most 500 characters').default(''),
  target: z.number().nonnegative('must not be negative').max(1e12).nullable().default(null),
  percent: z.number().min(0).max(100).nullable().default(null),
});

/**
 * 更正项目: the fields given replace the project's (absent ones stay); `milestones`, when given, replaces the whole
 * plan. Audited with the values before and after and the reason.
 */
export const editProjectBodySchema = z.strictObject({
  reason,
  fields: z
    .strictObject({
      name: text(200).optional(),
      category: z.string().trim().min(1).max(64).nullable().optional(),
      budgetWan: z.number().nonnegative('must not be negative').max(1e8).nullable().optional(),
      summary: z.string().trim().max(4000).optional(),
      annualTask: z.string().trim().max(4000).optional(),
      remarks: z.string().trim().max(2000).optional(),
      countyLeader: z.string().trim().max(64).optional(),
      responsibleLeader: z.string().trim().max(64).optional(),
      leaderInCharge: z.string().trim().max(64).optional(),
      units: z
        .strictObject({ lead: z.array(text(100)).max(20), cooperate: z.array(text(100)).max(20), implement: z.array(text(100)).max(20) })
        .optional(),
    })
    .default(() => ({})),
  milestones: z.array(milestoneEditSchema).max(100, 'at most 100 milestones').optional(),
});
export type EditProjectBody = z.infer<typeof editProjectBodySchema>;

export const createEvaluationBodySchema = z.strictObject({
  /** The year whose tracked projects the deputies rate. */
  year: yearSchema,
  title: text(200),
  /** The projects to rate, any order (the paper lists them in the year's order); defaults to all of the year's. */
  projectIds: z.array(id).min(1, 'at least one project').max(200).optional(),
  /**
   * The county's rating base (DESIGN.md §4.10, §9): all valid papers, or those that rated the project
   * ("rated-majority", record @2).
   */
  threshold: z.enum(EVALUATION_THRESHOLDS).default('valid-majority'),
  /** Announce a rating (满意/基本满意/不满意) with its 满意率, or the 满意率 only. */
  report: z.enum(EVALUATION_REPORTS).default('rating'),
  durationSeconds: z.number().int().min(10, 'at least 10 seconds').max(24 * 3600).default(600),
});
export type CreateEvaluationBody = z.infer<typeof createEvaluationBodySchema>;

export const completedProjectSchema = z.strictObject({
  category: z.string().trim().min(1, 'must not be empty').max(64).nullable().default(null),
  name: text(200),
  /** 万元; null when the report names no amount. */
  investmentWan: z.number().nonnegative('must not be negative').max(1e8).nullable(),
  outputs: outputsSchema,
  text: z.string().trim().max(4000, 'at most 4000 characters').default(''),
  /** The date it was completed; absent: the report's date (the year's last day). */
  completedOn: z.iso.date('a date as YYYY-MM-DD').optional(),
});

/** The shape of qinshui-2022-completed.json: a year's 完成情况, every project complete. */
export const importCompletedBodySchema = z
  .strictObject({
    source: z.string().max(2000).optional(),
    year: yearSchema,
    projects: z
      .array(completedProjectSchema)
      .max(500, 'at most 500 projects')
      .refine((a) => a.length >= 1, coded('no_projects', 'no projects')),
  })
  .superRefine((body, ctx) => {
    const seen = new Set<string>();
    body.projects.forEach((p, i) => {
      if (seen.has(p.name)) ctx.addIssue({ code: 'custom', path: ['projects', i, 'name'], message: `"${p.name}" is listed twice` });
      seen.add(p.name);
    });
  });
export type ImportCompletedBody = z.infer<typeof importCompletedBodySchema>;

export const EVALUATION_RATING_LABELS = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  dissatisfied: '不满意',
} as const;

export const reportSettingsQuerySchema = z.strictObject({ year: yearQuery });

/**
 * A year's completion report settings (DESIGN §11): the county named in the title ("沁水县", may be empty) and the
 * year's themes in order, each with its projects in order (the secretariat regroups the projects into the county's
 * themes; a project not named by any theme stays under its category). A project is in at most one theme.
 */
export const reportSettingsSchema = z
  .strictObject({
    county: z.string().trim().max(40, 'at most 40 characters'),
    themes: z
      .array(z.strictObject({ name: text(60), projectIds: z.array(id).max(500) }))
      .max(30, 'at most 30 themes'),
  })
  .superRefine((s, ctx) => {
    const names = new Set<string>();
    const placed = new Set<string>();
    s.themes.forEach((t, i) => {
      if (names.has(t.name)) ctx.addIssue({ code: 'custom', path: ['themes', i, 'name'], message: `"${t.name}" is listed twice` });
      names.add(t.name);
      t.projectIds.forEach((p, j) => {
        if (placed.has(p)) ctx.addIssue({ code: 'custom', path: ['themes', i, 'projectIds', j], message: `${p} is in two themes` });
        placed.add(p);
      });
    });
  });
export type ReportSettings = z.infer<typeof reportSettingsSchema>;
