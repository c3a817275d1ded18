import type { Results } from './state.ts';
import { useT } from './useT.ts';

/** 满意度测评: per project, the three counts and the rating. */
export function EvaluationResults({ results }: { results: Results }) {
  const { t } = useT();
  const byId = new Map(results.candidates.map((c) => [c.id, c]));
  return (
    <section class="results evaluation" data-testid="projector-results" data-ballot-id={results.ballotId}>
      <h2 class="results-title">{results.title}</h2>
      <table class="eval-table">
        <thead>
          <tr>
            <th />
            <th>{t('option.satisfied')}</th>
            <th>{t('option.basically_satisfied')}</th>
            <th>{t('option.dissatisfied')}</th>
            <th>{t('eval.title')}</th>
          </tr>
        </thead>
        <tbody>
          {results.tally.candidates.map((c) => (
            <tr key={c.id}>
              <td>{byId.get(c.id)?.name ?? c.id}</td>
              <td>{c.counts.satisfied ?? 0}</td>
              <td>{c.counts.basically_satisfied ?? 0}</td>
              <td>{c.counts.dissatisfied ?? 0}</td>
              <td>{c.rating ? t(`option.${c.rating}`) : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
