// 按期 or 逾期 (DESIGN §11): a completion is on time when its date is no later than the plan's last milestone, or
// the year's last day when the plan names no dated milestone. Pure, so the server, the screens and the tests
// judge it the same way. Dates are 'YYYY-MM-DD' strings, compared as text.
import type { Outputs } from '../projects.ts';
import { parsePeriod } from './progress.ts';

export const TIMELINESS = ['on_time', 'late'] as const;
export type Timeliness = (typeof TIMELINESS)[number];
export const TIMELINESS_LABELS: Record<Timeliness, string> = { on_time: '按期完成', late: '逾期完成' };

/**
 * The date a project is due: the end of the latest milestone period that can be read (parsePeriod), else
 * `${year}-12-31`. A plan whose last node runs to 2023-Q4 is due 2023-12-31; one ending '2023-10' is due 2023-10-31.
 */
export function plannedEnd(milestones: readonly { period: string }[], year: number): string {
  let end: string | null = null;
  for (const m of milestones) {
    const r = parsePeriod(m.period);
    if (r && (end === null || r.end > end)) end = r.end;
  }
  return end ?? `${year}-12-31`;
}

/** 'on_time' when `completedOn` ≤ `due`, else 'late'. */
export function timelinessOf(completedOn: string, due: string): Timeliness {
  return completedOn <= due ? 'on_time' : 'late';
}

export interface OpenItems {
  /** Positions of the milestones no report dated on or before the completion reached. */
  openMilestones: number[];
  /**
   * The plan's targets summed (a target counts one thing: 650 check-ups a month → 4368) against the largest
   * output total reported by then; null when the plan sets no target. `met` is achieved ≥ target.
   */
  target: { plannedTotal: number; achieved: number; met: boolean } | null;
}

/**
 * What is still open on `date`: milestones not reached and a target not met. Marking complete with anything
 * open needs a reason (issue 16: "marking complete with open milestones or unmet targets asks and records why").
 * Withdrawn reports must be left out by the caller.
 */
export function openItemsOn(
  milestones: readonly { position: number; target: number | null }[],
  reports: readonly { date: string; milestonesReached: readonly number[]; outputs: Outputs }[],
  date: string,
): OpenItems {
  const counted = reports.filter((r) => r.date <= date);
  const reached = new Set(counted.flatMap((r) => r.milestonesReached));
  const openMilestones = milestones.filter((m) => !reached.has(m.position)).map((m) => m.position);
  const targets = milestones.filter((m) => m.target !== null);
  if (targets.length === 0) return { openMilestones, target: null };
  const plannedTotal = targets.reduce((s, m) => s + m.target!, 0);
  const sums = new Map<string, number>();
  for (const r of counted) for (const [label, n] of Object.entries(r.outputs)) sums.set(label, (sums.get(label) ?? 0) + n);
  const achieved = Math.max(0, ...sums.values());
  return { openMilestones, target: { plannedTotal, achieved, met: achieved >= plannedTotal } };
}
