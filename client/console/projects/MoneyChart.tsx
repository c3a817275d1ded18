import { useT } from '../useT.ts';
import { wan } from './parts.tsx';
import type { StaffProject } from '../../../shared/responses/projects.ts';

const W = 560;
const H = 220;
const PAD = { left: 56, right: 16, top: 14, bottom: 30 };

const dayOf = (date: string) => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));

/** Planned (cumulative by the end of each priced node) against actual (spending to date as reported), 万元. */
export function MoneyChart({ project }: { project: StaffProject }) {
  const { t } = useT();
  const { planned, actual, budgetWan } = project.money;
  const reported = actual.filter((a): a is { date: string; spentWan: number } => a.spentWan !== null);
  if (planned.length === 0 && reported.length === 0) return <p class="muted small">{t('projects.chart.none')}</p>;
  const dates = [...planned.map((p) => p.until), ...reported.map((a) => a.date)];
  const from = Math.min(dayOf(`${project.year}-01-01`), ...dates.map(dayOf));
  const to = Math.max(dayOf(`${project.year}-12-31`), ...dates.map(dayOf));
  const top = Math.max(1, budgetWan ?? 0, ...planned.map((p) => p.cumulativeWan), ...reported.map((a) => a.spentWan));
  const x = (date: string) => PAD.left + ((dayOf(date) - from) / (to - from || 1)) * (W - PAD.left - PAD.right);
  const y = (v: number) => H - PAD.bottom - (v / top) * (H - PAD.top - PAD.bottom);
  const start = `${project.year}-01-01`;
  const plannedPts = [[x(start), y(0)], ...planned.map((p) => [x(p.until), y(p.cumulativeWan)])];
  const actualPts = [[x(start), y(0)], ...reported.map((a) => [x(a.date), y(a.spentWan)])];
  const line = (pts: number[][]) => pts.map(([a, b]) => `${a!.toFixed(1)},${b!.toFixed(1)}`).join(' ');
  const months = [1, 4, 7, 10].map((m) => `${project.year}-${String(m).padStart(2, '0')}-01`);
  return (
    <figure class="money-chart" data-testid="money-chart" data-planned={planned.length} data-actual={reported.length}>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={t('projects.chart.label')}>
        <line class="axis" x1={PAD.left} y1={y(0)} x2={W - PAD.right} y2={y(0)} />
        <line class="axis" x1={PAD.left} y1={PAD.top} x2={PAD.left} y2={y(0)} />
        {budgetWan !== null && (
          <>
            <line class="budget-line" x1={PAD.left} y1={y(budgetWan)} x2={W - PAD.right} y2={y(budgetWan)} />
            <text class="chart-label" x={PAD.left - 4} y={y(budgetWan) + 4} text-anchor="end">
              {wan(budgetWan)}
            </text>
          </>
        )}
        <text class="chart-label" x={PAD.left - 4} y={y(0) + 4} text-anchor="end">
          0
        </text>
        {months.map((m) => (
          <text key={m} class="chart-label" x={x(m)} y={H - 10} text-anchor="middle">
            {m.slice(0, 7)}
          </text>
        ))}
        <polyline class="planned-line" points={line(plannedPts)} data-testid="chart-planned" />
        <polyline class="actual-line" points={line(actualPts)} data-testid="chart-actual" />
        {reported.map((a) => (
          <circle key={a.date} class="actual-dot" cx={x(a.date)} cy={y(a.spentWan)} r={3.5}>
            <title>{`${a.date} ${wan(a.spentWan)}`}</title>
          </circle>
        ))}
      </svg>
      <figcaption class="small">
        <span class="legend legend-planned">{t('projects.chart.planned')}</span>
        <span class="legend legend-actual">{t('projects.chart.actual')}</span>
        {budgetWan !== null && <span class="legend legend-budget">{t('projects.chart.budget', { wan: wan(budgetWan) })}</span>}
      </figcaption>
    </figure>
  );
}
