import { useLocale } from './locale.tsx';

/** The years that have projects, newest first; the chosen one pressed. */
export function YearSwitcher({ years, current, onChoose }: { years: readonly number[]; current: number; onChoose: (year: number) => void }) {
  const { t } = useLocale();
  return (
    <nav class="years" aria-label={t('year.label')} data-testid="year-switcher">
      {years.map((y) => (
        <button
          key={y}
          type="button"
          class="year"
          aria-pressed={y === current}
          data-testid="year-option"
          data-year={y}
          onClick={() => y !== current && onChoose(y)}
        >
          {t('year.option', { year: y })}
        </button>
      ))}
    </nav>
  );
}
