import type { ProjectStatus } from '../../shared/rules/progress.ts';

// The JSON of GET /api/public/projects and /api/public/projects/:id, as server/projects/presenters.ts shapes it
// for the public audience (no contacts, no who-filed-what). Only the fields this page reads are listed.

export type { ProjectStatus };
export type Rating = 'satisfied' | 'basically_satisfied' | 'dissatisfied';

export interface PublicPhoto {
  id: string;
  filename: string;
  url: string;
}

export interface PublicReport {
  id: string;
  kind: 'progress' | 'final';
  date: string;
  spentWan: number | null;
  milestonesReached: number[];
  outputs: Record<string, number>;
  note: string;
  photos: PublicPhoto[];
}

export interface PublicMilestone {
  position: number;
  period: string;
  amountWan: number | null;
  text: string;
  target: number | null;
  percent: number | null;
  due: boolean;
  reached: boolean;
  reachedOn: string | null;
  overdue: boolean;
}

export interface PublicProject {
  id: string;
  year: number;
  seq: number;
  name: string;
  category: string | null;
  budgetWan: number | null;
  summary: string;
  annualTask: string;
  units: { lead: string[]; cooperate: string[]; implement: string[] };
  countyLeader: string;
  responsibleLeader: string;
  leaderInCharge: string;
  source: 'ballot' | 'import';
  selection: {
    via: 'vote' | 'presidium' | 'runoff' | null;
    votes: { for: number | null; against: number | null; abstain: number | null };
    rank: number | null;
  } | null;
  status: ProjectStatus;
  statusLabel: string;
  /** The completion as of the view's date: 按期/逾期 against the plan's last milestone, the reason when late. */
  completed: { on: string; due: string; timeliness: 'on_time' | 'late'; timelinessLabel: string; note: string; lateReason: string | null } | null;
  lag: { overdue: number[]; spending: { plannedWan: number; spentWan: number } | null };
  progress: { milestonesReached: number; milestonesTotal: number; lastReportDate: string | null };
  money: { budgetWan: number | null; plannedToDateWan: number | null; spentToDateWan: number | null };
  milestones: PublicMilestone[];
  outputs: Record<string, number>;
  /** The deputies' 满意度测评 a year on; rating null when the county reports the 满意率 only. */
  evaluation: { rating: Rating | null; ratingLabel: string | null; satisfactionRate: number | null; rectification: boolean; unrated?: boolean } | null;
  /** The list carries the latest few; the detail carries all, in date order. */
  reports: PublicReport[];
  /** The server's "today" the status was judged on. */
  asOf: string;
}

export interface ProjectList {
  year: number | null;
  /** The county whose projects these are, as the year's report settings name it ('' when unset). */
  county: string;
  projects: PublicProject[];
}
