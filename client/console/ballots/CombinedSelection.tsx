import { formatWan, selectedCandidates, totalBudget } from '../../components/results-view.ts';
import { useT } from '../useT.ts';
import type { Combined } from './useCombinedSelection.ts';

/** After a run-off or a presidium decision: the selected projects of all rounds together. */
export function CombinedSelection({ combined }: { combined: Combined }) {
  const { t } = useT();
  const list = selectedCandidates(combined.selected, combined.candidates);
  return (
    <section class="card" data-testid="combined-selection" data-ids={combined.selected.join(',')}>
      <h2>{t(combined.how === 'runoff' ? 'combined.titleRunoff' : 'combined.titlePresidium', { n: list.length })}</h2>
      <ul class="selected-list plain">
        {list.map((c) => (
          <li key={c.id} data-testid={`combined-${c.id}`}>
            <span class="seq">{c.seq}</span> {c.name}
            {c.budgetWan !== null && <span class="muted"> · {formatWan(c.budgetWan)} {t('unit.wan')}</span>}
          </li>
        ))}
      </ul>
      <p class="muted">{t('combined.total', { wan: formatWan(totalBudget(list)) })}</p>
    </section>
  );
}
