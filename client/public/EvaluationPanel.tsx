import { formatPercent } from './format.ts';
import { useLocale } from './locale.tsx';
import type { PublicProject } from './types.ts';

/** The deputies' 满意度测评 of the project, a year on. */
export function EvaluationPanel({ evaluation }: { evaluation: NonNullable<PublicProject['evaluation']> }) {
  const { t } = useLocale();
  return (
    <section class={`evaluation is-${evaluation.rating}`} data-testid="evaluation" data-rating={evaluation.rating}>
      <h3>{t('detail.evaluation')}</h3>
      <p class="evaluation-rating">{t(`rating.${evaluation.rating}`)}</p>
      {evaluation.satisfactionRate !== null && (
        <p class="evaluation-rate" data-testid="satisfaction-rate">
          {t('evaluation.rate', { rate: formatPercent(evaluation.satisfactionRate) })}
        </p>
      )}
    </section>
  );
}
