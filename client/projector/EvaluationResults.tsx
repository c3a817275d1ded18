import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { nobodyRated } from '../../shared/rules/unrated.ts';
import type { Results } from './state.ts';
import { useT } from './useT.ts';

/** At most this many rows on one page: at 1080p each row's text is then ≥ 30 px, legible from 20 m. */
export const MAX_ROWS_PER_PAGE = 10;

/** Pages of nearly equal size (15 rows → 8 + 7), none above `max` rows. */
export function pageRows<T>(rows: readonly T[], max: number): T[][] {
  const pages = Math.max(1, Math.ceil(rows.length / max));
  const size = Math.ceil(rows.length / pages);
  return Array.from({ length: pages }, (_, i) => rows.slice(i * size, (i + 1) * size));
}

/**
 * 满意度测评 after the announcement (DESIGN.md §4.10): per project its number, name, the three counts, 满意率 and
 * rating (no rating when the county reports 满意率 only), and the summary 满意 N 件 / 基本满意 N 件 / 不满意 N 件.
 * Up to 10 rows a page, pages turning every `cycleMs`; if a page still does not fit (long names that wrap), it
 * takes fewer rows until it does — every row stays on screen at the size the hall can read.
 */
export function EvaluationResults({ results, cycleMs }: { results: Results; cycleMs: number }) {
  const { t } = useT();
  const byId = new Map(results.candidates.map((c) => [c.id, c]));
  const withRating = results.evaluationReport !== 'rate';
  const [max, setMax] = useState(MAX_ROWS_PER_PAGE);
  const pages = pageRows(results.tally.candidates, max);
  const [page, setPage] = useState(0);
  const current = Math.min(page, pages.length - 1);
  const body = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (pages.length < 2) return;
    const timer = setInterval(() => setPage((p) => (p + 1) % pages.length), cycleMs);
    return () => clearInterval(timer);
  }, [pages.length, cycleMs]);
  useLayoutEffect(() => {
    const el = body.current;
    if (el && el.scrollHeight > el.clientHeight + 1 && max > 3) setMax((m) => m - 1);
  });

  const ratings = { satisfied: 0, basically_satisfied: 0, dissatisfied: 0 };
  // Nobody rated it (issue 16): 无人评价, counted under no rating; the record keeps the tally's (DESIGN §9).
  const unrated = (c: { counts: Partial<Record<string, number>> }) => nobodyRated(c.counts, results.rules.threshold);
  for (const c of results.tally.candidates) if (c.rating && !unrated(c)) ratings[c.rating] += 1;
  const rows = pages[current] ?? [];
  return (
    <section class="results evaluation" data-testid="projector-results" data-ballot-id={results.ballotId} data-page={current + 1} data-pages={pages.length}>
      <header class="eval-head">
        <h2 class="results-title">{results.title}</h2>
        {pages.length > 1 && (
          <span class="eval-page" data-testid="eval-page">
            {t('eval.page', { page: current + 1, pages: pages.length })}
          </span>
        )}
      </header>
      <div class="eval-body" ref={body}>
        <table class="eval-table">
          <thead>
            <tr>
              <th class="eval-no">{t('eval.no')}</th>
              <th class="eval-name">{t('eval.project')}</th>
              <th>{t('option.satisfied')}</th>
              <th>{t('option.basically_satisfied')}</th>
              <th>{t('option.dissatisfied')}</th>
              <th>{t('eval.rate')}</th>
              {withRating && <th>{t('eval.title')}</th>}
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => {
              const item = byId.get(c.id);
              return (
                <tr key={c.id} data-testid="eval-row" data-id={c.id} data-rating={withRating ? (unrated(c) ? 'unrated' : (c.rating ?? '')) : ''}>
                  <td class="eval-no">{item?.seq ?? ''}</td>
                  <td class="eval-name">{item?.name ?? c.id}</td>
                  <td>{c.counts.satisfied ?? 0}</td>
                  <td>{c.counts.basically_satisfied ?? 0}</td>
                  <td>{c.counts.dissatisfied ?? 0}</td>
                  <td>{c.satisfactionRate === undefined || unrated(c) ? '—' : `${(c.satisfactionRate * 100).toFixed(1)}%`}</td>
                  {withRating && unrated(c) && <td class="eval-rating rating-unrated">{t('eval.unrated')}</td>}
                  {withRating && !unrated(c) && <td class={`eval-rating rating-${c.rating ?? ''}`}>{c.rating ? t(`option.${c.rating}`) : ''}</td>}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {withRating && (
        <p class="eval-summary" data-testid="eval-summary">
          {t('eval.summary', { satisfied: ratings.satisfied, basic: ratings.basically_satisfied, dissatisfied: ratings.dissatisfied })}
        </p>
      )}
    </section>
  );
}
