import { rankOrder, thresholdLine } from '../components/results-view.ts';
import type { Results } from './state.ts';
import { useT } from './useT.ts';

/**
 * Per candidate in rank order: 赞成 as a bar and a number, then 反对 and 弃权 (issue 13); selected ones marked ✓ in
 * green, and under the rows a legend saying what ✓, green, amber and the orange line mean (the line's caption sits
 * in the legend, so it never leaves the screen however far right the line is; issue 19).
 */
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
    <div class="chart-wrap">
      <header class="results-head">
        <h2 class="results-title" data-testid="projector-results-title">
          {results.title}
        </h2>
        <p class="results-sub">{t('results.papers', { seated: results.attendance.seated, present: results.attendance.present, returned: p.returned, valid: p.valid, invalid: p.invalid })}</p>
      </header>
      <div class="chart" data-testid="projector-chart" data-threshold={line ? String(line.votes) : ''} style={{ '--rows': String(Math.max(rows.length, 5)) }}>
        <div class="chart-grid">
        <div class="chart-row chart-axis">
          <span />
          <span />
          <span class="chart-caption">{t('results.chartTitle')}</span>
          <span class="chart-count">{t('option.for')}</span>
          <span class="chart-other">{t('option.against')}</span>
          <span class="chart-other">{t('option.abstain')}</span>
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
              <span class="mark" aria-hidden={r.selected ? undefined : 'true'}>
                {r.selected ? '✓' : ''}
              </span>
              <span class={r.candidate.name.length > 15 ? 'long' : undefined}>{r.candidate.name}</span>
            </span>
            <span class="bar-cell">
              <span class="bar" style={{ width: x(r.votesFor) }} />
              {line && <span class="threshold" style={{ left: x(line.votes) }} />}
            </span>
            <span class="chart-count" data-testid={`bar-${r.candidate.id}`} data-count={r.votesFor}>
              {r.votesFor}
            </span>
            <span class="chart-other" data-testid={`against-${r.candidate.id}`} data-count={r.counts.against ?? 0}>
              {r.counts.against ?? 0}
            </span>
            <span class="chart-other" data-testid={`abstain-${r.candidate.id}`} data-count={r.counts.abstain ?? 0}>
              {r.counts.abstain ?? 0}
            </span>
          </div>
        ))}
        </div>
      </div>
      <p class="chart-legend" data-testid="projector-legend">
        <span class="legend-item legend-selected">
          <span class="legend-swatch" aria-hidden="true">✓</span>
          {t('results.legendSelected')}
        </span>
        {tie && (
          <span class="legend-item legend-tied">
            <span class="legend-swatch" aria-hidden="true" />
            {t('results.tiedMark')}
          </span>
        )}
        {line ? (
          <span class="legend-item legend-line" data-testid="threshold-label">
            <span class="legend-swatch" aria-hidden="true" />
            {t('results.line', { votes: line.votes, rule: t(`rule.${line.threshold}`, { base: line.base }) })}
          </span>
        ) : (
          <span class="legend-item">{t('results.noLine')}</span>
        )}
      </p>
      {tie && <p class="tie-note">{t('results.tie', { names: names(tie.candidates), places: tie.places })}</p>}
    </div>
  );
}
