import { formatWan } from './format.ts';
import { useLocale } from './locale.tsx';
import type { PublicProject } from '../../shared/responses/projects.ts';

/** Why a project is 滞后, in plain words. */
export function LagNote({ lag }: { lag: PublicProject['lag'] }) {
  const { t, locale } = useLocale();
  const reasons: string[] = [];
  if (lag.overdue.length > 0) reasons.push(t('lag.overdue', { n: lag.overdue.length }));
  if (lag.spending) {
    reasons.push(t('lag.spending', { spent: formatWan(locale, lag.spending.spentWan), planned: formatWan(locale, lag.spending.plannedWan) }));
  }
  if (reasons.length === 0) return null;
  return (
    <p class="lag-note" data-testid="lag-note">
      <span aria-hidden="true">! </span>
      {reasons.join(t('sep.clause'))}
    </p>
  );
}
