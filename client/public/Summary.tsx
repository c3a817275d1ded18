import { formatDate, formatWan } from './format.ts';
import { useLocale } from './locale.tsx';
import type { YearSummary } from './summary.ts';

/** The year's counts and money; the heading names the county when the year's report settings do. */
export function Summary({ year, county, summary: s }: { year: number; county: string; summary: YearSummary }) {
  const { t, locale } = useLocale();
  const wan = (x: number | null) => (x === null ? t('money.none') : formatWan(locale, x));
  return (
    <section class="summary" data-testid="summary" aria-labelledby="summary-heading">
      <h2 id="summary-heading">{county ? t('summary.headingCounty', { year, county }) : t('summary.heading', { year })}</h2>
      <dl class="summary-counts">
        <div>
          <dt>{t('summary.projects')}</dt>
          <dd data-testid="summary-projects" data-value={s.projects}>{t('summary.count', { n: s.projects })}</dd>
        </div>
        <div class="is-completed">
          <dt>{t('summary.completed')}</dt>
          <dd data-testid="summary-completed" data-value={s.completed}>{t('summary.count', { n: s.completed })}</dd>
        </div>
        <div class={s.lagging > 0 ? 'is-lagging' : undefined}>
          <dt>{t('summary.lagging')}</dt>
          <dd data-testid="summary-lagging" data-value={s.lagging}>{t('summary.count', { n: s.lagging })}</dd>
        </div>
      </dl>
      <dl class="summary-money">
        <div>
          <dt>{t('summary.budget')}</dt>
          <dd data-testid="summary-budget">{wan(s.budgetWan)}</dd>
        </div>
        <div>
          <dt>{t('summary.spent')}</dt>
          <dd data-testid="summary-spent">{wan(s.spentWan)}</dd>
        </div>
      </dl>
      {s.asOf && <p class="as-of">{t('summary.asOf', { date: formatDate(locale, s.asOf) })}</p>}
    </section>
  );
}
