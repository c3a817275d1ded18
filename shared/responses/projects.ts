import { z } from 'zod';
import { contactSchema, milestoneSchema } from '../candidate.ts';
import { reportSettingsSchema } from '../projects.ts';
import { EVALUATION_OPTIONS } from '../record.ts';
import { TIMELINESS } from '../rules/completion.ts';
import { FLAG_CODES } from '../rules/plausibility.ts';
import { PROJECT_STATUSES } from '../rules/progress.ts';
import { ballotCandidateSchema, ballotViewSchema } from './ballots.ts';
import { projectDescriptionFields } from './candidates.ts';
import { countSchema, dateSchema, msSchema } from './common.ts';
import { publicRectificationSchema } from './supervision.ts';
import { projectSettingsSchema } from '../projects-review.ts';

// Answers of server/projects/*: a tracked project (民生实事项目) as server/projects/presenters.ts shapes it for
// the staff and for the public (no contacts, no who-filed-what), and the completion report. Money in 万元.

export const PROJECT_SOURCES = ['ballot', 'import'] as const;
export const SELECTION_VIA = ['vote', 'presidium', 'runoff'] as const;
export const REPORT_KINDS = ['progress', 'final'] as const;
/** The secretariat's review of a report (server/projects/review.ts): pending reports are not public yet. */
export const REVIEW_STATUSES = ['pending', 'approved', 'returned'] as const;
export type ProjectSource = (typeof PROJECT_SOURCES)[number];
export type SelectionVia = (typeof SELECTION_VIA)[number];
export type ReportKind = (typeof REPORT_KINDS)[number];
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];
export type Rating = (typeof EVALUATION_OPTIONS)[number];

/** A count per output label (体检人数 → 650). */
const outputTotalsSchema = z.record(z.string(), z.number());

export const photoSchema = z.strictObject({ id: z.string(), filename: z.string(), contentType: z.string(), bytes: countSchema, url: z.string() });
export type Photo = z.infer<typeof photoSchema>;

/** A progress report as the public sees it. */
export const publicReportSchema = z.strictObject({
  id: z.string(),
  kind: z.enum(REPORT_KINDS),
  date: dateSchema,
  spentWan: z.number().nullable(),
  milestonesReached: z.array(z.number().int()),
  outputs: outputTotalsSchema,
  note: z.string(),
  photos: z.array(photoSchema),
  /** This report replaces a withdrawn one (更正). */
  corrected: z.boolean(),
});
/** A plausibility flag (shared/rules/plausibility.ts): asks the secretariat for a look, blocks nothing. */
export const flagSchema = z.strictObject({ code: z.enum(FLAG_CODES), params: z.record(z.string(), z.union([z.number(), z.string()])), text: z.string() });
export type Flag = z.infer<typeof flagSchema>;

/** The secretariat's review of a report: its status, when and by whom it was decided, why it was sent back. */
export const reviewSchema = z.strictObject({ status: z.enum(REVIEW_STATUSES), at: msSchema.nullable(), by: z.string().nullable(), reason: z.string().nullable() });

/**
 * …and as staff see it: also who filed it, when, the withdrawn report it corrects, its review, whether a 责任单位
 * filed it, and its plausibility flags.
 */
export const staffReportSchema = publicReportSchema.extend({
  by: z.string(),
  filedAt: msSchema,
  correctsReportId: z.string().nullable(),
  review: reviewSchema,
  byUnit: z.boolean(),
  /** The 责任单位 whose account filed it (null: the secretariat did); only that unit or the secretariat amends it. */
  unit: z.string().nullable(),
  flags: z.array(flagSchema),
});
/** A withdrawn report (or one replaced by a correction), staff only: when and why. */
export const withdrawnReportSchema = staffReportSchema.extend({ withdrawn: z.strictObject({ at: msSchema, reason: z.string() }).nullable() });
export type PublicReport = z.infer<typeof publicReportSchema>;
export type StaffReport = z.infer<typeof staffReportSchema>;
export type WithdrawnReport = z.infer<typeof withdrawnReportSchema>;

/** A 推进计划 node and where it stands on the project's `asOf` day. */
export const projectMilestoneSchema = z.strictObject({
  position: z.number().int(),
  period: z.string(),
  amountWan: z.number().nullable(),
  text: z.string(),
  target: z.number().nullable(),
  percent: z.number().nullable(),
  /** The parallel sub-plan, and whether the node is a recurring duty's occurrence or a yearly target (null: a step). */
  track: z.string().nullable(),
  kind: milestoneSchema.shape.kind.unwrap().nullable(),
  /** The last day of the period; null when the period is not one the rules read. */
  until: dateSchema.nullable(),
  due: z.boolean(),
  reached: z.boolean(),
  reachedOn: dateSchema.nullable(),
  overdue: z.boolean(),
});
export type ProjectMilestone = z.infer<typeof projectMilestoneSchema>;

/** Why a project is 滞后 (both may hold); empty otherwise. */
export const lagSchema = z.strictObject({
  overdue: z.array(z.number().int()),
  spending: z.strictObject({ plannedWan: z.number(), spentWan: z.number() }).nullable(),
});
export type Lag = z.infer<typeof lagSchema>;

/** The 满意度测评 result of a project: the rating with its Chinese label and the satisfaction rate (0–1). */
export const projectEvaluationSchema = z.strictObject({
  ballotId: z.string(),
  /** null when the county reports the 满意率 only. */
  rating: z.enum(EVALUATION_OPTIONS).nullable(),
  ratingLabel: z.string().nullable(),
  satisfactionRate: z.number().min(0).max(1).nullable(),
  /** Nobody rated it (rated-majority, zero base): shown 无人评价 (shared/rules/unrated.ts); rating and rate null. */
  unrated: z.boolean(),
  /** Rated 不满意: flagged for 整改 (DESIGN.md §11). */
  rectification: z.boolean(),
});
export type ProjectEvaluation = z.infer<typeof projectEvaluationSchema>;

/**
 * A completion as of the view's date (server/projects/presenters.ts completionOf): its date, 按期/逾期 against the
 * plan's last milestone (or the year's end), the reasons recorded. `marked: false` — every milestone reached by
 * the reports, not marked by the secretariat (then `at` is null and the reasons empty).
 */
export const completionSchema = z.strictObject({
  on: dateSchema,
  due: dateSchema,
  timeliness: z.enum(TIMELINESS),
  timelinessLabel: z.string(),
  marked: z.boolean(),
  at: msSchema.nullable(),
  note: z.string(),
  lateReason: z.string().nullable(),
  openReason: z.string().nullable(),
});
export type Completion = z.infer<typeof completionSchema>;

/** What marking a project complete today would have to explain (shared/rules/completion.ts openItemsOn). */
export const completionCheckSchema = z.strictObject({
  due: dateSchema,
  openMilestones: z.array(z.number().int()),
  target: z.strictObject({ plannedTotal: z.number(), achieved: z.number(), met: z.boolean() }).nullable(),
});
export type CompletionCheck = z.infer<typeof completionCheckSchema>;

const projectFields = {
  ...projectDescriptionFields,
  year: z.number().int(),
  /**
   * Its number as the public knows it: its place 1…n in the year's list (server/projects/numbering.ts), shown as
   * "第 N 项", 序号 and on the 满意度测评 paper. `seq` stays the selecting ballot's candidate number.
   */
  number: z.number().int().positive(),
  source: z.enum(PROJECT_SOURCES),
  /** How a ballot selected it; null for an imported project. */
  selection: z
    .strictObject({
      ballotId: z.string().nullable(),
      selectedByBallotId: z.string().nullable(),
      via: z.enum(SELECTION_VIA).nullable(),
      votes: z.strictObject({ for: countSchema.nullable(), against: countSchema.nullable(), abstain: countSchema.nullable() }),
      rank: z.number().int().nullable(),
    })
    .nullable(),
  status: z.enum(PROJECT_STATUSES),
  statusLabel: z.string(),
  /** 结转续建: carried into the next year's project (on that day, why), or null. */
  carriedOver: z.strictObject({ projectId: z.string(), year: z.number().int(), on: dateSchema, reason: z.string().nullable() }).nullable(),
  /** The previous year's project this one continues, or null. */
  carriedFrom: z.strictObject({ projectId: z.string(), year: z.number().int() }).nullable(),
  completed: completionSchema.nullable(),
  lag: lagSchema,
  progress: z.strictObject({ milestonesReached: countSchema, milestonesTotal: countSchema, lastReportDate: dateSchema.nullable() }),
  money: z.strictObject({
    budgetWan: z.number().nullable(),
    plannedToDateWan: z.number().nullable(),
    spentToDateWan: z.number().nullable(),
    planned: z.array(z.strictObject({ period: z.string(), until: dateSchema, amountWan: z.number(), cumulativeWan: z.number() })),
    actual: z.array(z.strictObject({ date: dateSchema, spentWan: z.number().nullable() })),
  }),
  milestones: z.array(projectMilestoneSchema),
  /** Each output label summed over the reports. */
  outputs: outputTotalsSchema,
  evaluation: projectEvaluationSchema.nullable(),
  /** A list carries the latest few reports; a single project all, in date order. */
  reports: z.array(publicReportSchema),
  /** The server's "today" the status was judged on. */
  asOf: dateSchema,
};

export const publicProjectSchema = z.strictObject(projectFields);
export const staffProjectSchema = z.strictObject({
  ...projectFields,
  contacts: z.array(contactSchema),
  /** Not yet complete: what marking it complete would have to explain. */
  completionCheck: completionCheckSchema.optional(),
  reports: z.array(staffReportSchema),
  /** Plausibility flags of the project as of `asOf`. */
  flags: z.array(flagSchema),
  /** A single project: its withdrawn or corrected reports with the reason. */
  withdrawnReports: z.array(withdrawnReportSchema).optional(),
  /** A single project: the reports the secretariat sent back, with the reason. */
  returnedReports: z.array(staffReportSchema).optional(),
  /** How many of its reports wait for the secretariat's review. */
  pendingReports: countSchema,
});
export type PublicProject = z.infer<typeof publicProjectSchema>;
export type StaffProject = z.infer<typeof staffProjectSchema>;

/** GET /api/projects: the projects as of `asOf` (?asOf, else the server's today). */
export const staffProjectListSchema = z.strictObject({ asOf: dateSchema, projects: z.array(staffProjectSchema) });
/**
 * GET /api/projects/:id, and the project after POST …/complete, …/complete/undo, …/edit and
 * …/reports/:reportId/withdraw.
 */
export const staffProjectReplySchema = z.strictObject({ project: staffProjectSchema });
/**
 * POST /api/projects/:id/reports: 201 with the new report, or 200 with `replayed` when its clientKey was filed
 * before (the report filed then); POST …/reports/:reportId/correct: the correcting report.
 */
export const reportFiledSchema = z.strictObject({ reportId: z.string(), replayed: z.boolean().optional(), project: staffProjectSchema });
/** POST /api/projects/import-completed (201). */
export const importCompletedReplySchema = z.strictObject({ imported: countSchema, projects: z.array(staffProjectSchema) });

/** POST /api/ballots/:id/promote: what announcing created (a selection) or rated (an evaluation). */
export const promotionReplySchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('selection'), rootBallotId: z.string(), changed: z.array(z.string()), projects: z.array(staffProjectSchema) }),
  z.strictObject({ kind: z.literal('evaluation'), changed: z.array(z.string()), projects: z.array(staffProjectSchema) }),
]);

/**
 * POST /api/meetings/:meetingId/evaluations (201): the draft 满意度测评 ballot, its items as the paper lists them,
 * and for each item the tracked project it rates — `itemId` the id papers mark, `number` the one the paper shows.
 */
export const evaluationCreatedSchema = z.strictObject({
  ballot: ballotViewSchema,
  candidates: z.array(ballotCandidateSchema),
  projects: z.array(z.strictObject({ itemId: z.string(), projectId: z.string(), number: z.number().int().positive(), name: z.string() })),
});

/** GET /api/public/projects: without ?year the latest year that has projects (null when there is none), as of `asOf`. */
export const publicProjectListSchema = z.strictObject({
  year: z.number().int().nullable(),
  /** The county whose projects these are, as the year's report settings name it ('' when unset). */
  county: z.string(),
  asOf: dateSchema,
  projects: z.array(publicProjectSchema),
});
export type PublicProjectList = z.infer<typeof publicProjectListSchema>;
/** GET /api/public/projects/:id. */
export const publicProjectReplySchema = z.strictObject({ project: publicProjectSchema });

/** How many projects got each rating (every rating listed). */
const ratingCountsSchema = z.record(z.enum(EVALUATION_OPTIONS), countSchema);

/** A project's line in the completion report. investmentWan: the latest cumulative spending reported. */
export const completionProjectSchema = z.strictObject({
  id: z.string(),
  seq: z.number().int(),
  /** Its year number (1…n, server/projects/numbering.ts): the 附表's 序号, as on every screen. */
  number: z.number().int().positive(),
  name: z.string(),
  status: z.enum(PROJECT_STATUSES),
  statusLabel: z.string(),
  budgetWan: z.number().nullable(),
  investmentWan: z.number().nullable(),
  outputs: outputTotalsSchema,
  note: z.string(),
  /** Its place within its theme: "一是", "二是"… */
  ordinal: z.string(),
  /** Its sentence in the report: the latest outcome, then each figure it does not state yet; ends with "。". */
  sentence: z.string(),
  evaluation: projectEvaluationSchema.nullable(),
  /** Its completion as of the report's date; null when not complete. */
  completion: completionSchema.nullable(),
  /** Why it is 滞后 (the periods of overdue milestones, spending against plan); null unless lagging. */
  lag: z.strictObject({ overduePeriods: z.array(z.string()), spending: z.strictObject({ plannedWan: z.number(), spentWan: z.number() }).nullable() }).nullable(),
  /** Its lines in the report (server/projects/completion.ts projectLines): "一是…" and the indented reasons and rating. */
  lines: z.array(z.string()),
  /** Its latest 整改 task (rated 不满意), as of the report's date; null when it has none. */
  rectification: publicRectificationSchema.nullable(),
});
export type CompletionProject = z.infer<typeof completionProjectSchema>;

/** 民生实事项目完成情况 of a year: the projects by category, and the totals. */
export const completionReportSchema = z.strictObject({
  title: z.string(),
  /** The county's name as the year's report settings give it ('' when unset). */
  county: z.string(),
  year: z.number().int(),
  asOf: dateSchema,
  /** "2022 年实施民生实事项目 12 件，全部按期完成，完成投资 3.6214 亿元。" */
  headline: z.string(),
  /** Each theme (or category) with its heading: "一、完善基础设施（4 件，完成投资 3.139 亿元）". */
  categories: z.array(z.strictObject({ category: z.string(), heading: z.string(), investmentWan: z.number(), projects: z.array(completionProjectSchema) })),
  totals: z.strictObject({
    projects: countSchema,
    statuses: z.record(z.enum(PROJECT_STATUSES), countSchema),
    /** 按期完成 / 逾期完成 counts among the completed. */
    onTime: countSchema,
    late: countSchema,
    investmentWan: z.number(),
    /** How many projects the investment total covers (the others reported no figure). */
    projectsWithInvestment: countSchema,
    outputs: outputTotalsSchema,
    evaluation: ratingCountsSchema.nullable(),
  }),
});
export type CompletionReport = z.infer<typeof completionReportSchema>;

/** GET /api/projects/report?format=json (format=text answers the same report as plain Chinese text). */
export const completionReportReplySchema = z.strictObject({ report: completionReportSchema });

/** GET and PUT /api/projects/report-settings?year=: the year's report settings (county, themes; shared/projects.ts). */
export const reportSettingsReplySchema = z.strictObject({ year: z.number().int(), settings: reportSettingsSchema });

/** GET and PUT /api/projects/settings: the secretariat's project settings (review of unit reports). */
export const projectSettingsReplySchema = z.strictObject({ settings: projectSettingsSchema });

/** GET /api/projects/review-queue: unit reports waiting for review, oldest first, each with its flags. */
export const reviewQueueSchema = z.strictObject({
  asOf: dateSchema,
  items: z.array(
    z.strictObject({
      project: z.strictObject({ id: z.string(), year: z.number().int(), seq: z.number().int(), number: z.number().int().positive(), name: z.string(), budgetWan: z.number().nullable(), units: projectDescriptionFields.units }),
      report: z.strictObject({
        id: z.string(),
        date: dateSchema,
        spentWan: z.number().nullable(),
        milestonesReached: z.array(z.number().int()),
        outputs: outputTotalsSchema,
        note: z.string(),
        by: z.string(),
        filedAt: msSchema,
        /** How many photos it carries. */
        photos: countSchema,
        corrected: z.boolean(),
      }),
      flags: z.array(flagSchema),
      projectFlags: z.array(flagSchema),
    }),
  ),
});
export type ReviewQueue = z.infer<typeof reviewQueueSchema>;
export type ReviewItem = ReviewQueue['items'][number];

/** A milestone in the calendar: its project, the node, the day it is due and where it stands. */
export const calendarEntrySchema = z.strictObject({
  projectId: z.string(),
  year: z.number().int(),
  seq: z.number().int(),
  name: z.string(),
  position: z.number().int(),
  period: z.string(),
  text: z.string(),
  due: dateSchema,
  reached: z.boolean(),
  reachedOn: dateSchema.nullable(),
  overdue: z.boolean(),
});
export type CalendarEntry = z.infer<typeof calendarEntrySchema>;

/** GET /api/projects/calendar: per month from `asOf`'s on, per lead unit, the milestones due. */
export const calendarSchema = z.strictObject({
  asOf: dateSchema,
  months: z.array(z.strictObject({ month: z.string().regex(/^\d{4}-\d{2}$/), units: z.array(z.strictObject({ unit: z.string(), milestones: z.array(calendarEntrySchema) })) })),
});
export type Calendar = z.infer<typeof calendarSchema>;

/** POST /api/projects/:id/carry-over (201): the project carried over, and the next year's that continues it. */
export const carriedOverSchema = z.strictObject({ project: staffProjectSchema, next: staffProjectSchema });

/** GET /api/ballots/:id/promoted: the projects this ballot's announcements promoted (from the audit log). */
export const promotedSchema = z.strictObject({ count: countSchema, year: z.number().int().nullable(), projects: z.array(z.strictObject({ id: z.string(), name: z.string() })) });
export type Promoted = z.infer<typeof promotedSchema>;
