import { formatWan } from './format.ts';
import { useLocale } from './locale.tsx';
import type { PublicProject } from '../../shared/responses/projects.ts';

/**
 * Spent to date against planned to date against the budget, 万元. The bar is drawn against the budget only: a
 * project imported from a completion report knows what it spent but not what it was budgeted, and a full bar
 * would claim more than is known.
 */
export function MoneyBar({ money, behind }: { money: PublicProject['money']; behind: boolean }) {
  const { t, locale } = useLocale();
  const { budgetWan: budget, plannedToDateWan: planned, spentToDateWan: spent } = money;
  const amount = (x: number | null) => (x === null ? t('money.none') : formatWan(locale, x));
  if (budget === null && planned === null && spent === null) {
    return (
      <p class="muted figure-row" data-testid="money-none">
        {t('money.notStated')}
      </p>
    );
  }
  const pct = (x: number) => `${Math.min(100, Math.max(0, (x / budget!) * 100))}%`;
  return (
    <div class="figure-row" data-testid="money">
      <dl class="money-figures">
        <div>
          <dt>{t('money.spent')}</dt>
          <dd data-testid="money-spent" class={behind ? 'is-behind' : undefined}>{amount(spent)}</dd>
        </div>
        {planned !== null && (
          <div>
            <dt>{t('money.planned')}</dt>
            <dd data-testid="money-planned">{amount(planned)}</dd>
          </div>
        )}
        <div>
          <dt>{t('money.budget')}</dt>
          <dd data-testid="money-budget">{amount(budget)}</dd>
        </div>
      </dl>
      {budget !== null && budget > 0 && (
        <div class="money-bar" aria-hidden="true">
          <span class={`money-fill${behind ? ' is-behind' : ''}`} style={{ width: pct(spent ?? 0) }} />
          {planned !== null && <span class="money-plan" style={{ left: pct(planned) }} />}
        </div>
      )}
    </div>
  );
}
