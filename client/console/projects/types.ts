import type { ProjectStatus } from '../../../shared/rules/progress.ts';

// The shapes the console's project screens read: server/projects/presenters.ts (staff audience) and
// server/projects/completion.ts. Only the fields these screens use are listed.

export type { ProjectStatus };
export type Rating = 'satisfied' | 'basically_satisfied' | 'dissatisfied';

export interface Photo {
  id: string;
  filename: string;
  contentType: string;
  bytes: number;
  url: string;
}

export interface Report {
  id: string;
  kind: 'progress' | 'final';
  date: string;
  spentWan: number | null;
  milestonesReached: number[];
  outputs: Record<string, number>;
  note: string;
  photos: Photo[];
  by?: string;
  filedAt?: number;
  /** Replaces a withdrawn report (更正). */
  corrected?: boolean;
  correctsReportId?: string | null;
  withdrawn?: { at: number; reason: string } | null;
  /** Staff: the secretariat's review (pending reports are not public yet). */
  review?: { status: 'pending' | 'approved' | 'returned'; at: number | null; by: string | null; reason: string | null };
  flags?: Flag[];
}
/** A plausibility flag (shared/rules/plausibility.ts): asks for a look, blocks nothing. */
export interface Flag {
  code: string;
  params: Record<string, number | string>;
  text: string;
}

export interface Milestone {
  position: number;
  period: string;
  amountWan: number | null;
  text: string;
  until: string | null;
  due: boolean;
  reached: boolean;
  reachedOn: string | null;
  overdue: boolean;
}

export interface Lag {
  overdue: number[];
  spending: { plannedWan: number; spentWan: number } | null;
}

export interface Evaluation {
  ballotId: string;
  /** null when the county reports the 满意率 only. */
  rating: Rating | null;
  ratingLabel: string | null;
  satisfactionRate: number | null;
  /** Nobody rated it (rated-majority, zero base): shown 无人评价 (issue 16). */
  unrated?: boolean;
  /** Rated 不满意: flagged for 整改. */
  rectification: boolean;
}

export interface Project {
  id: string;
  year: number;
  seq: number;
  name: string;
  category: string | null;
  budgetWan: number | null;
  annualTask: string;
  units: { lead: string[]; cooperate: string[]; implement: string[] };
  source: 'ballot' | 'import';
  status: ProjectStatus;
  statusLabel: string;
  completed: Completion | null;
  /** Staff, not yet complete: what marking it complete would have to explain. */
  completionCheck?: { due: string; openMilestones: number[]; target: { plannedTotal: number; achieved: number; met: boolean } | null };
  lag: Lag;
  progress: { milestonesReached: number; milestonesTotal: number; lastReportDate: string | null };
  money: {
    budgetWan: number | null;
    plannedToDateWan: number | null;
    spentToDateWan: number | null;
    planned: { period: string; until: string; amountWan: number; cumulativeWan: number }[];
    actual: { date: string; spentWan: number | null }[];
  };
  milestones: Milestone[];
  outputs: Record<string, number>;
  evaluation: Evaluation | null;
  reports: Report[];
  /** Staff, full view: withdrawn or corrected reports with the reason. */
  withdrawnReports?: Report[];
  /** Staff, full view: reports the secretariat sent back, with the reason. */
  returnedReports?: Report[];
  pendingReports?: number;
  flags?: Flag[];
  /** 结转续建: into the next year's project, or from the previous year's. */
  carriedOver?: { projectId: string; year: number; on: string; reason: string } | null;
  carriedFrom?: { projectId: string; year: number } | null;
  asOf: string;
}

export interface CompletionProject {
  id: string;
  seq: number;
  name: string;
  status: ProjectStatus;
  statusLabel: string;
  budgetWan: number | null;
  investmentWan: number | null;
  outputs: Record<string, number>;
  note: string;
  evaluation: Evaluation | null;
  /** Its completion as of the report's date; null when not complete. */
  completion: Completion | null;
  /** "一是", "二是"… within its theme. */
  ordinal: string;
  /** Its sentence: the latest outcome, then each figure it does not state yet. */
  sentence: string;
  /** Its lines in the report as the county writes it (server/projects/completion.ts projectLines). */
  lines: string[];
}

export interface CompletionReport {
  /** The county's title: "沁水县 2022 年民生实事项目完成情况". */
  title: string;
  county: string;
  year: number;
  asOf: string;
  /** "2022 年实施民生实事项目 12 件，全部按期完成，完成投资 3.6214 亿元。" */
  headline: string;
  categories: { category: string; heading: string; investmentWan: number; projects: CompletionProject[] }[];
  totals: {
    projects: number;
    statuses: Record<ProjectStatus, number>;
    investmentWan: number;
    projectsWithInvestment: number;
    outputs: Record<string, number>;
    evaluation: Record<Rating, number> | null;
  };
}

/** A completion as of the view's date (server/projects/presenters.ts completionOf). */
export interface Completion {
  on: string;
  due: string;
  timeliness: 'on_time' | 'late';
  timelinessLabel: string;
  /** false: every milestone reached by the reports, not marked by the secretariat. */
  marked: boolean;
  at: number | null;
  note: string;
  lateReason: string | null;
  openReason: string | null;
}
