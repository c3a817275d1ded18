import { rankOrder, thresholdLine } from '../components/results-view.ts';
import type { Results } from './state.ts';
import { useT } from './useT.ts';

/** 赞成 per candidate in rank order, selected ones marked, and the threshold line (none for pure ranking). */
export function ResultsChart({ results }: { results: Results }) {
  const { t } = useT();
  const rows = rankOrder(results.tally, results.candidates);
  const line = thresholdLine(results.rules.threshold, results.attendance, results.tally.papers.valid);
  const max = Math.max(1, results.attendance.present, line?.votes ?? 0, ...rows.map((r) => r.votesFor));
  const x = (votes: number) => `${(100 * votes) / max}%`;
  const tie = results.tally.tie;
  const names = (ids: string[]) => ids.map((id) => results.candidates.find((c) => c.id === id)?.name ?? id).join('、');
  const p = results.tally.papers;
  return (
    <div class="chart-wrap" style={{ '--rows': String(Math.max(rows.length, 3)) }}>
      <header class="results-head">
        <h2 class="results-title" data-testid="projector-results-title">
          {results.title}
        </h2>
        <p class="results-sub">{t('results.papers', { seated: results.attendance.seated, present: results.attendance.present, returned: p.returned, valid: p.valid, invalid: p.invalid })}</p>
      </header>
      <div class="chart" data-testid="projector-chart" data-threshold={line ? String(line.votes) : ''}>
        <div class="chart-row chart-axis">
          <span />
          <span class="chart-caption">{t('results.chartTitle')}</span>
          <span class="bar-cell">
            {line ? (
              <span class="line-label" style={{ left: x(line.votes) }} data-testid="threshold-label">
                {t('results.line', { votes: line.votes, rule: t(`rule.${line.threshold}`, { base: line.base }) })}
              </span>
            ) : (
              <span class="line-label none">{t('results.noLine')}</span>
            )}
          </span>
          <span />
        </div>
        {rows.map((r) => (
          <div
            key={r.candidate.id}
            class={`chart-row${r.selected ? ' is-selected' : ''}${r.tied ? ' is-tied' : ''}`}
            data-testid={`bar-row-${r.candidate.id}`}
            data-selected={String(r.selected)}
          >
            <span class="chart-rank">{r.rank ?? ''}</span>
            <span class="chart-name">
              <span class="mark">{r.selected ? '✓' : ''}</span>
              <span class={r.candidate.name.length > 17 ? 'long' : undefined}>{r.candidate.name}</span>
            </span>
            <span class="bar-cell">
              <span class="bar" style={{ width: x(r.votesFor) }} />
              {line && <span class="threshold" style={{ left: x(line.votes) }} />}
            </span>
            <span class="chart-count" data-testid={`bar-${r.candidate.id}`} data-count={r.votesFor}>
              {r.votesFor}
            </span>
          </div>
        ))}
      </div>
      {tie && <p class="tie-note">{t('results.tie', { names: names(tie.candidates), places: tie.places })}</p>}
    </div>
  );
}
