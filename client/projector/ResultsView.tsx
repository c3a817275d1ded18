import { useEffect, useState } from 'preact/hooks';
import { EvaluationResults } from './EvaluationResults.tsx';
import { ResultsChart } from './ResultsChart.tsx';
import { SelectedList } from './SelectedList.tsx';
import type { Results } from './state.ts';
import { useT } from './useT.ts';

/**
 * After announcement: the bar chart of 赞成 in rank order, then the selected projects with their budgets, in
 * turn (a hall reads one thing at a time from 20 m).
 */
export function ResultsView({ results, cycleMs }: { results: Results; cycleMs: number }) {
  const [phase, setPhase] = useState<'chart' | 'list'>('chart');
  useEffect(() => {
    const timer = setInterval(() => setPhase((p) => (p === 'chart' ? 'list' : 'chart')), cycleMs);
    return () => clearInterval(timer);
  }, [cycleMs]);
  const { t } = useT();
  // The audit log's head after the announcement, small in a corner: anyone may write it down (issue 12).
  const anchor = results.anchor && (
    <p class="results-anchor" data-testid="projector-anchor">
      {t('results.anchor', { seq: results.anchor.seq, hash: results.anchor.hash })}
    </p>
  );
  if (results.rules.options[0] !== 'for') {
    return (
      <>
        <EvaluationResults results={results} cycleMs={cycleMs} />
        {anchor}
      </>
    );
  }
  return (
    <section class="results" data-testid="projector-results" data-ballot-id={results.ballotId} data-phase={phase}>
      {phase === 'chart' ? <ResultsChart results={results} /> : <SelectedList results={results} />}
      {anchor}
    </section>
  );
}
