import { formatWan } from '../../components/results-view.ts';
import type { T } from '../useT.ts';
import type { Lag, ProjectMilestone } from '../../../shared/responses/projects.ts';
import type { ProjectStatus } from '../../../shared/rules/progress.ts';

/** 万元 figures as the rest of the console writes them; '—' when the plan or the reports name none. */
export const wan = (n: number | null | undefined) => (n === null || n === undefined ? '—' : formatWan(n));

export function StatusBadge({ status, t }: { status: ProjectStatus; t: T }) {
  const tone = status === 'lagging' ? 'pill-bad' : status === 'completed' ? 'pill-ok' : status === 'in_progress' ? 'pill-progress' : 'pill-idle';
  return (
    <span class={`pill ${tone}`} data-testid="project-status" data-status={status}>
      {status === 'lagging' && <span aria-hidden="true">! </span>}
      {t(`projects.status.${status}`)}
    </span>
  );
}

/** Why a project is 滞后: the overdue nodes by period, and spending below the plan. Nothing when it is not. */
export function LagReason({ lag, milestones, t }: { lag: Lag; milestones: readonly ProjectMilestone[]; t: T }) {
  const reasons: string[] = [];
  if (lag.overdue.length > 0) {
    const periods = lag.overdue.map((pos) => milestones.find((m) => m.position === pos)?.period ?? `#${pos + 1}`);
    const shown = periods.length > 3 ? `${periods.slice(0, 3).join('、')}…` : periods.join('、');
    reasons.push(t('projects.lag.overdue', { n: lag.overdue.length, periods: shown }));
  }
  if (lag.spending) reasons.push(t('projects.lag.spending', { spent: wan(lag.spending.spentWan), planned: wan(lag.spending.plannedWan) }));
  if (reasons.length === 0) return null;
  return (
    <p class="lag-reason" data-testid="lag-reason">
      {reasons.join(t('projects.sep'))}
    </p>
  );
}

export const outputsText = (outputs: Record<string, number>, sep: string) =>
  Object.entries(outputs)
    .map(([label, n]) => `${label} ${formatWan(n)}`)
    .join(sep);
