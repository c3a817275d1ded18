import { formatDate, formatPeriod, formatWan } from './format.ts';
import { useLocale } from './locale.tsx';
import type { ProjectMilestone } from '../../shared/responses/projects.ts';

type State = 'reached' | 'overdue' | 'pending';
const stateOf = (m: ProjectMilestone): State => (m.reached ? 'reached' : m.overdue ? 'overdue' : 'pending');

/** The plan as a timeline: each node's period, what it promises, its planned amount, reached or overdue. */
export function Timeline({ milestones }: { milestones: readonly ProjectMilestone[] }) {
  const { t, locale } = useLocale();
  if (milestones.length === 0) return <p class="muted">{t('detail.planEmpty')}</p>;
  const label = (m: ProjectMilestone, s: State) =>
    s === 'reached'
      ? m.reachedOn
        ? t('milestone.reachedOn', { date: formatDate(locale, m.reachedOn) })
        : t('milestone.reached')
      : t(s === 'overdue' ? 'milestone.overdue' : 'milestone.pending');
  return (
    <ol class="timeline" data-testid="timeline">
      {milestones.map((m) => {
        const s = stateOf(m);
        const meta = [
          m.amountWan !== null ? t('milestone.amount', { amount: formatWan(locale, m.amountWan) }) : null,
          m.percent !== null ? t('milestone.percent', { percent: m.percent }) : null,
          m.target !== null ? t('milestone.target', { target: m.target }) : null,
        ].filter((x) => x !== null);
        return (
          <li key={m.position} class={`tl-item is-${s}`} data-testid="milestone" data-state={s} data-period={m.period}>
            <span class="tl-dot" aria-hidden="true">
              {s === 'reached' ? '✓' : s === 'overdue' ? '!' : ''}
            </span>
            <div class="tl-head">
              <span class="tl-period">{formatPeriod(locale, m.period)}</span>
              <span class="tl-state">{label(m, s)}</span>
            </div>
            {m.text && <p class="tl-text">{m.text}</p>}
            {meta.length > 0 && <p class="tl-meta">{meta.join(' · ')}</p>}
          </li>
        );
      })}
    </ol>
  );
}
