import { EVALUATION_RATING_LABELS, type Outputs } from '../../shared/projects.ts';
import { assessProgress, plannedSchedule, PROJECT_STATUS_LABELS, roundWan, type ProgressAssessment } from '../../shared/rules/progress.ts';
import { openItemsOn, plannedEnd, timelinessOf, TIMELINESS_LABELS } from '../../shared/rules/completion.ts';
import type { Completion, ProjectEvaluation, PublicProject, PublicReport, StaffProject, StaffReport } from '../../shared/responses/projects.ts';
import { candidateSummary } from '../candidates/store.ts';
import { projectFlags, reportFlags } from './flags.ts';
import type { Project, ProgressReport } from './store.ts';

export const LATEST_REPORTS = 3;
/** A project no paper rated (issue 16). */
export const UNRATED_LABEL = '无人评价';

/** The project as the public knows it: only the reports the secretariat approved count (review.ts). */
export const approvedOnly = (p: Project): Project => ({ ...p, reports: p.reports.filter((r) => r.review.status === 'approved') });

/** Marked complete on or before `today` (a completion dated later is not yet one, for an as-of view). */
export const markedCompleteBy = (p: Project, today: string) => p.row.completed_on !== null && p.row.completed_on <= today;

/** Carried over into the next year (结转续建) on or before `today`. */
export const isCarriedOver = (p: Project, today: string) => p.row.carried_to_id !== null && p.row.carried_on !== null && p.row.carried_on <= today;

/** Where the project stands on `today` ('YYYY-MM-DD'; shared/rules/progress.ts), counting only reports not withdrawn. */
export function assess(p: Project, today: string, margin: number): ProgressAssessment {
  return assessProgress(p.milestones, p.reports, today, margin, markedCompleteBy(p, today));
}

/**
 * The completion as of `today`: its date, 按期/逾期 against the plan's last milestone (or the year's end) and the
 * reasons recorded; null when not complete by then. A project whose every milestone was reached without being
 * marked complete counts as completed on the day the last one was reported (`marked: false`). Shape:
 * shared/responses/projects.ts `completionSchema`.
 */
export function completionOf(p: Project, today: string, a: ProgressAssessment): Completion | null {
  const r = p.row;
  const due = plannedEnd(p.milestones, r.year);
  let on: string | null = null;
  if (markedCompleteBy(p, today)) on = r.completed_on;
  else if (a.status === 'completed') on = a.milestones.reduce((d, m) => (m.reachedOn && m.reachedOn > d ? m.reachedOn : d), '');
  if (!on) return null;
  const timeliness = timelinessOf(on, due);
  const marked = markedCompleteBy(p, today);
  return {
    on,
    due,
    timeliness,
    timelinessLabel: TIMELINESS_LABELS[timeliness],
    marked,
    at: marked ? r.completed_at : null,
    note: marked ? (r.completion_note ?? '') : '',
    lateReason: marked ? r.completion_late_reason : null,
    openReason: marked ? r.completion_open_reason : null,
  };
}

/** Each output label summed over the project's reports (a report counts what was done since the one before). */
export function sumOutputs(reports: readonly { outputs: Outputs }[]): Outputs {
  const sums: Outputs = {};
  for (const r of reports) for (const [label, n] of Object.entries(r.outputs)) sums[label] = roundWan((sums[label] ?? 0) + n);
  return sums;
}

/**
 * The project's latest announced 满意度测评 (shared/responses/projects.ts `projectEvaluationSchema`), or null: its
 * rating (null when the county reports the 满意率 only, and when nobody rated it — `unrated`, shown 无人评价,
 * shared/rules/unrated.ts), the 满意率 (0–1; null when unrated) and whether it is flagged for 整改 — rated 不满意
 * by someone (DESIGN.md §11; the workflow: server/supervision/).
 */
export function presentEvaluation(p: Project): ProjectEvaluation | null {
  const { evaluation_rating: rating, evaluation_rate: rate, evaluation_ballot_id: ballotId } = p.row;
  if (ballotId === null || (rating === null && rate === null)) return null;
  const unrated = p.row.evaluation_unrated === 1;
  const shown = unrated ? null : rating;
  return {
    ballotId,
    rating: shown,
    ratingLabel: unrated ? UNRATED_LABEL : shown ? EVALUATION_RATING_LABELS[shown] : null,
    satisfactionRate: unrated ? null : rate,
    unrated,
    rectification: shown === 'dissatisfied',
  };
}

function presentReport(r: ProgressReport): PublicReport {
  return {
    id: r.id,
    kind: r.kind,
    date: r.date,
    spentWan: r.spentWan,
    milestonesReached: r.milestonesReached,
    outputs: r.outputs,
    note: r.note,
    photos: r.photos.map((ph) => ({ id: ph.id, filename: ph.filename, contentType: ph.contentType, bytes: ph.bytes, url: `/api/public/photos/${ph.id}` })),
    /** This report replaces a withdrawn one (更正). */
    corrected: r.correctsReportId !== null,
  };
}

/**
 * A report as staff see it: also who filed it, when (ms), the report it corrects, the secretariat's review, whether
 * a 责任单位 filed it, and its plausibility flags against project `p` (none without one).
 */
const presentStaffReport = (r: ProgressReport, p?: Project): StaffReport => ({
  ...presentReport(r),
  by: r.actor,
  filedAt: r.createdAt,
  correctsReportId: r.correctsReportId,
  review: r.review,
  byUnit: r.byUnit,
  unit: r.unitName,
  flags: p ? reportFlags(p, r) : [],
});

/**
 * A tracked project with its standing on `today` ('YYYY-MM-DD'; reports dated later are not yet known), `margin`
 * the share of spending below plan that is 滞后. The public view counts approved reports only (review.ts) and
 * leaves out contacts (names and phones of the people responsible), who filed each report, what marking complete
 * would have to explain, flags, and withdrawn, returned and pending reports. Lists carry only the latest reports.
 * Shapes: shared/responses/projects.ts (`staffProjectSchema`, `publicProjectSchema`).
 */
export function presentProject(p: Project, today: string, margin: number, view: { audience: 'staff'; allReports: boolean }): StaffProject;
export function presentProject(p: Project, today: string, margin: number, view: { audience: 'public'; allReports: boolean }): PublicProject;
export function presentProject(whole: Project, today: string, margin: number, view: { audience: 'staff' | 'public'; allReports: boolean }): StaffProject | PublicProject {
  // The public sees approved reports only (review.ts); staff count pending ones too, each marked with its review.
  const p = view.audience === 'public' ? approvedOnly(whole) : whole;
  const known = p.reports.filter((x) => x.date <= today);
  const reports = view.allReports ? known : known.slice(-LATEST_REPORTS);
  const a = assess(p, today, margin);
  const project = presentPublicProject(p, today, a, known, reports);
  if (view.audience === 'public') return project;
  return {
    ...project,
    contacts: p.contacts,
    // What marking it complete today would have to explain: open milestones, an unmet target, lateness.
    ...(project.completed ? {} : { completionCheck: { due: plannedEnd(p.milestones, p.row.year), ...openItemsOn(p.milestones, p.reports, today) } }),
    reports: reports.map((x) => presentStaffReport(x, p)),
    // Plausibility flags: they ask for a look and block nothing (shared/rules/plausibility.ts).
    flags: projectFlags(p, today, margin),
    // Staff see what was withdrawn, corrected or sent back, and why; the public sees the corrected state only.
    ...(view.allReports
      ? {
          withdrawnReports: p.withdrawnReports.map((x) => ({ ...presentStaffReport(x), withdrawn: x.withdrawn })),
          returnedReports: p.returnedReports.map((x) => presentStaffReport(x)),
        }
      : {}),
    pendingReports: p.reports.filter((x) => x.review.status === 'pending').length,
  };
}

function presentPublicProject(p: Project, today: string, a: ProgressAssessment, known: readonly ProgressReport[], reports: readonly ProgressReport[]): PublicProject {
  const r = p.row;
  const carried = isCarriedOver(p, today);
  const status = carried ? 'carried_over' : a.status;
  return {
    ...candidateSummary(r),
    year: r.year,
    number: p.number,
    units: p.units,
    countyLeader: r.county_leader,
    responsibleLeader: r.responsible_leader,
    leaderInCharge: r.leader_in_charge,
    remarks: r.remarks,
    source: r.source,
    selection:
      r.source === 'ballot'
        ? {
            ballotId: r.ballot_id,
            selectedByBallotId: r.selected_by_ballot_id,
            via: r.selected_via,
            votes: { for: r.votes_for, against: r.votes_against, abstain: r.votes_abstain },
            rank: r.vote_rank,
          }
        : null,
    status,
    statusLabel: PROJECT_STATUS_LABELS[status],
    // 续建: the next year's project continuing this one, and the one this continues (both link to the original vote).
    carriedOver: carried ? { projectId: r.carried_to_id!, year: r.year + 1, on: r.carried_on!, reason: r.carry_reason } : null,
    carriedFrom: r.carried_from_id ? { projectId: r.carried_from_id, year: r.year - 1 } : null,
    completed: carried ? null : completionOf(p, today, a),
    lag: carried ? { overdue: [], spending: null } : a.lag,
    progress: { milestonesReached: a.reachedCount, milestonesTotal: a.milestones.length, lastReportDate: a.lastReportDate },
    money: {
      budgetWan: r.budget_wan,
      plannedToDateWan: a.plannedToDateWan,
      spentToDateWan: a.spentToDateWan,
      planned: plannedSchedule(p.milestones),
      actual: known.filter((x) => x.spentWan !== null).map((x) => ({ date: x.date, spentWan: x.spentWan })),
    },
    milestones: p.milestones.map((m, i) => {
      const s = a.milestones[i]!;
      return { ...m, until: s.range?.end ?? null, due: s.due, reached: s.reached, reachedOn: s.reachedOn, overdue: s.overdue };
    }),
    outputs: sumOutputs(known),
    evaluation: presentEvaluation(p),
    reports: reports.map(presentReport),
    asOf: today,
  };
}
