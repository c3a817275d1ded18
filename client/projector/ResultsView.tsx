import { useEffect, useState } from 'preact/hooks';
import { EvaluationResults } from './EvaluationResults.tsx';
import { ResultsChart } from './ResultsChart.tsx';
import { SelectedList } from './SelectedList.tsx';
import type { Results } from './state.ts';

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
  if (results.rules.options[0] !== 'for') return <EvaluationResults results={results} />;
  return (
    <section class="results" data-testid="projector-results" data-ballot-id={results.ballotId} data-phase={phase}>
      {phase === 'chart' ? <ResultsChart results={results} /> : <SelectedList results={results} />}
    </section>
  );
}
