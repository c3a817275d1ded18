import { formatWan, selectedCandidates, totalBudget } from '../components/results-view.ts';
import type { Results } from './state.ts';
import { useT } from './useT.ts';

/** The selected projects with their budgets; after a run-off or a presidium decision, all rounds together. */
export function SelectedList({ results }: { results: Results }) {
  const { t } = useT();
  const final = results.final;
  const list = final ? selectedCandidates(final.selected, final.candidates) : selectedCandidates(results.tally.selected, results.candidates);
  const title = final
    ? t(final.rounds.length > 1 ? 'results.finalTitle' : 'results.presidiumTitle', { n: list.length })
    : t('results.selectedTitle', { n: list.length });
  return (
    <div class="selected" data-testid="projector-selected" data-ids={list.map((c) => c.id).join(',')} data-final={String(final !== undefined)}>
      <h2 class="results-title">{results.title}</h2>
      <h3 class="selected-title">{title}</h3>
      {list.length === 0 ? (
        <p class="hall-message">{t('results.none')}</p>
      ) : (
        <ol class={`selected-list${list.length > 6 ? ' two-col' : ''}`} style={{ '--half': String(Math.ceil(list.length / 2)) }}>
          {list.map((c) => (
            <li key={c.id} data-testid={`selected-${c.id}`}>
              <span class="sel-name">{c.name}</span>
              <span class="sel-budget">{c.budgetWan !== null ? t('results.wan', { wan: formatWan(c.budgetWan) }) : ''}</span>
            </li>
          ))}
        </ol>
      )}
      <p class="selected-total">{t('results.total', { wan: formatWan(totalBudget(list)) })}</p>
    </div>
  );
}
