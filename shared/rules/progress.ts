// Where a tracked project (民生实事项目) stands against its plan: pure, so the server, the screens and the
// tests all judge 滞后 the same way. Dates are 'YYYY-MM-DD' strings, compared as text.

/** 'carried_over' (结转续建) is set by the secretariat at year end (server/projects/carry-over.ts), never assessed here. */
export const PROJECT_STATUSES = ['not_started', 'in_progress', 'lagging', 'completed', 'carried_over'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];
export const PROJECT_STATUS_LABELS: Record<ProjectStatus, string> = {
  not_started: '未开工',
  in_progress: '推进中',
  lagging: '滞后',
  completed: '已完成',
  carried_over: '结转续建',
};

/** Spending more than this share below the plan-to-date is 滞后. */
export const DEFAULT_LAG_MARGIN = 0.2;

/** Both ends inclusive. */
export interface PeriodRange {
  start: string;
  end: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const monthRange = (y: number, from: number, to: number): PeriodRange => ({
  start: `${y}-${pad(from)}-01`,
  end: `${y}-${pad(to)}-${pad(lastDay(y, to))}`,
});

function parseSingle(text: string): PeriodRange | null {
  let m = /^(\d{4})(?:-monthly)?$/i.exec(text);
  // 'YYYY-monthly' is a node repeated every month of the year: it is done when the year is.
  if (m) return monthRange(Number(m[1]), 1, 12);
  m = /^(\d{4})-(\d{2})$/.exec(text);
  if (m) {
    const month = Number(m[2]);
    return month >= 1 && month <= 12 ? monthRange(Number(m[1]), month, month) : null;
  }
  m = /^(\d{4})-Q([1-4])$/i.exec(text);
  if (m) {
    const q = Number(m[2]);
    return monthRange(Number(m[1]), 3 * q - 2, 3 * q);
  }
  m = /^(\d{4})-H([12])$/i.exec(text);
  if (m) return m[2] === '1' ? monthRange(Number(m[1]), 1, 6) : monthRange(Number(m[1]), 7, 12);
  m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return mo >= 1 && mo <= 12 && d >= 1 && d <= lastDay(y, mo) ? { start: text, end: text } : null;
  }
  return null;
}

/**
 * The dates a plan period covers: '2023', '2023-02', '2023-Q1', '2023-H2', '2023-02-15', '2023-monthly', and
 * ranges of those ('2023-03~2023-05', full-width ～ too). null when the period cannot be read: such a node is
 * never due, so it can make a project neither late nor on time.
 */
export function parsePeriod(period: string): PeriodRange | null {
  const parts = period.trim().split(/\s*[~～]\s*/);
  if (parts.length === 1) return parseSingle(parts[0]!);
  if (parts.length !== 2) return null;
  const from = parseSingle(parts[0]!);
  const to = parseSingle(parts[1]!);
  if (!from || !to || from.start > to.end) return null;
  return { start: from.start, end: to.end };
}

/** The calendar date at `ms` in China (UTC+8 all year: no daylight saving). */
export function chinaDate(ms: number): string {
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);
}

export interface PlanNode {
  position: number;
  period: string;
  amountWan: number | null;
}
export interface ReportFacts {
  date: string;
  /** Cumulative spending reported on that date; null: not reported this time. */
  spentWan: number | null;
  milestonesReached: readonly number[];
}

export interface MilestoneState {
  position: number;
  period: string;
  range: PeriodRange | null;
  /** The period has ended. */
  due: boolean;
  reached: boolean;
  /** The first report that marked it reached. */
  reachedOn: string | null;
  overdue: boolean;
}

export interface ProgressAssessment {
  status: ProjectStatus;
  milestones: MilestoneState[];
  reachedCount: number;
  /** Sum of the planned amounts of the nodes whose period has ended; null when the plan names no amount. */
  plannedToDateWan: number | null;
  spentToDateWan: number | null;
  lastReportDate: string | null;
  /** Why the project is 滞后 (both may hold); empty otherwise. */
  lag: { overdue: number[]; spending: { plannedWan: number; spentWan: number } | null };
}

export const roundWan = (x: number) => Math.round(x * 10_000) / 10_000;

/** Planned spending over time: cumulative 万元 at the end of each node that names an amount, in date order. */
export function plannedSchedule(milestones: readonly PlanNode[]): { period: string; until: string; amountWan: number; cumulativeWan: number }[] {
  const dated = milestones
    .map((m) => ({ m, range: parsePeriod(m.period) }))
    .filter((x): x is { m: PlanNode; range: PeriodRange } => x.range !== null && x.m.amountWan !== null)
    .sort((a, b) => (a.range.end < b.range.end ? -1 : a.range.end > b.range.end ? 1 : a.m.position - b.m.position));
  let sum = 0;
  return dated.map(({ m, range }) => {
    sum = roundWan(sum + m.amountWan!);
    return { period: m.period, until: range.end, amountWan: m.amountWan!, cumulativeWan: sum };
  });
}

/**
 * Status on `today`: 已完成 when every node is reached (or the secretariat marked it complete); else 滞后 when a
 * node whose period has ended is not reached, or spending to date is below the plan-to-date by more than
 * `margin`; else 未开工 with no report yet; else 推进中. Reports dated after today are not yet counted.
 */
export function assessProgress(
  milestones: readonly PlanNode[],
  reports: readonly ReportFacts[],
  today: string,
  margin: number = DEFAULT_LAG_MARGIN,
  markedComplete = false,
): ProgressAssessment {
  const known = [...reports].filter((r) => r.date <= today).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const reachedOn = new Map<number, string>();
  let spent: number | null = null;
  for (const r of known) {
    for (const p of r.milestonesReached) if (!reachedOn.has(p)) reachedOn.set(p, r.date);
    if (r.spentWan !== null) spent = r.spentWan;
  }
  const states = milestones.map((m): MilestoneState => {
    const range = parsePeriod(m.period);
    const due = range !== null && range.end < today;
    const reached = reachedOn.has(m.position);
    return { position: m.position, period: m.period, range, due, reached, reachedOn: reachedOn.get(m.position) ?? null, overdue: due && !reached };
  });
  const priced = milestones.some((m) => m.amountWan !== null);
  const plannedToDate = priced
    ? roundWan(states.reduce((sum, s, i) => sum + (s.due ? (milestones[i]!.amountWan ?? 0) : 0), 0))
    : null;
  const overdue = states.filter((s) => s.overdue).map((s) => s.position);
  const spendingLag =
    plannedToDate !== null && plannedToDate > 0 && (spent ?? 0) < plannedToDate * (1 - margin)
      ? { plannedWan: plannedToDate, spentWan: spent ?? 0 }
      : null;
  const reachedCount = states.filter((s) => s.reached).length;
  const allReached = states.length > 0 && reachedCount === states.length;

  let status: ProjectStatus;
  if (markedComplete || allReached) status = 'completed';
  else if (overdue.length > 0 || spendingLag) status = 'lagging';
  else if (known.length === 0) status = 'not_started';
  else status = 'in_progress';

  return {
    status,
    milestones: states,
    reachedCount,
    plannedToDateWan: plannedToDate,
    spentToDateWan: spent,
    lastReportDate: known.at(-1)?.date ?? null,
    lag: status === 'lagging' ? { overdue, spending: spendingLag } : { overdue: [], spending: null },
  };
}
