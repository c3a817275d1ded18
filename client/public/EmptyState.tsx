import { useLocale } from './locale.tsx';

/** No projects: for the chosen year, or none published at all (year null). */
export function EmptyState({ year }: { year: number | null }) {
  const { t } = useLocale();
  return (
    <p class="empty" data-testid="empty-state">
      {year === null ? t('list.emptyAll') : t('list.empty', { year })}
    </p>
  );
}
