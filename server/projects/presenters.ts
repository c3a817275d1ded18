import { EVALUATION_RATING_LABELS, type Outputs } from '../../shared/projects.ts';
import { assessProgress, plannedSchedule, PROJECT_STATUS_LABELS, roundWan, type ProgressAssessment } from '../../shared/rules/progress.ts';
import type { Project, ProgressReport } from './store.ts';

export const LATEST_REPORTS = 3;

export function assess(p: Project, today: string, margin: number): ProgressAssessment {
  return assessProgress(p.milestones, p.reports, today, margin, p.row.completed_at !== null);
}

/** Each output label summed over the project's reports (a report counts what was done since the one before). */
export function sumOutputs(reports: readonly { outputs: Outputs }[]): Outputs {
  const sums: Outputs = {};
  for (const r of reports) for (const [label, n] of Object.entries(r.outputs)) sums[label] = roundWan((sums[label] ?? 0) + n);
  return sums;
}

/**
 * The project's latest announced 满意度测评, or null: its rating (null when the county reports the 满意率 only),
 * the 满意率 (0–1) and whether it is flagged for 整改 — rated 不满意 (DESIGN.md §11; the workflow is elsewhere).
 */
export function presentEvaluation(p: Project) {
  const { evaluation_rating: rating, evaluation_rate: rate, evaluation_ballot_id: ballotId } = p.row;
  if (ballotId === null || (rating === null && rate === null)) return null;
  return {
    ballotId,
    rating,
    ratingLabel: rating ? EVALUATION_RATING_LABELS[rating] : null,
    satisfactionRate: rate,
    rectification: rating === 'dissatisfied',
  };
}

function presentReport(r: ProgressReport, audience: 'staff' | 'public') {
  return {
    id: r.id,
    kind: r.kind,
    date: r.date,
    spentWan: r.spentWan,
    milestonesReached: r.milestonesReached,
    outputs: r.outputs,
    note: r.note,
    photos: r.photos.map((ph) => ({ id: ph.id, filename: ph.filename, contentType: ph.contentType, bytes: ph.bytes, url: `/api/public/photos/${ph.id}` })),
    ...(audience === 'staff' ? { by: r.actor, filedAt: r.createdAt } : {}),
  };
}

/**
 * A tracked project with its standing on `today`. The public view leaves out contacts (names and phones of the
 * people responsible) and who filed each report. Lists carry only the latest reports.
 */
export function presentProject(p: Project, today: string, margin: number, view: { audience: 'staff' | 'public'; allReports: boolean }) {
  const { audience } = view;
  const a = assess(p, today, margin);
  const r = p.row;
  const reports = view.allReports ? p.reports : p.reports.slice(-LATEST_REPORTS);
  return {
    id: r.id,
    year: r.year,
    seq: r.seq,
    name: r.name,
    category: r.category,
    budgetWan: r.budget_wan,
    summary: r.summary,
    annualTask: r.annual_task,
    units: p.units,
    countyLeader: r.county_leader,
    responsibleLeader: r.responsible_leader,
    leaderInCharge: r.leader_in_charge,
    ...(audience === 'staff' ? { contacts: p.contacts } : {}),
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
    status: a.status,
    statusLabel: PROJECT_STATUS_LABELS[a.status],
    completed: r.completed_at !== null ? { at: r.completed_at, note: r.completion_note ?? '' } : null,
    lag: a.lag,
    progress: { milestonesReached: a.reachedCount, milestonesTotal: a.milestones.length, lastReportDate: a.lastReportDate },
    money: {
      budgetWan: r.budget_wan,
      plannedToDateWan: a.plannedToDateWan,
      spentToDateWan: a.spentToDateWan,
      planned: plannedSchedule(p.milestones),
      actual: p.reports.filter((x) => x.spentWan !== null && x.date <= today).map((x) => ({ date: x.date, spentWan: x.spentWan })),
    },
    milestones: p.milestones.map((m, i) => {
      const s = a.milestones[i]!;
      return { ...m, until: s.range?.end ?? null, due: s.due, reached: s.reached, reachedOn: s.reachedOn, overdue: s.overdue };
    }),
    outputs: sumOutputs(p.reports),
    evaluation: presentEvaluation(p),
    reports: reports.map((x) => presentReport(x, audience)),
    asOf: today,
  };
}
