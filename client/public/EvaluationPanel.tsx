import { formatPercent } from './format.ts';
import { useLocale } from './locale.tsx';
import type { PublicProject } from '../../shared/responses/projects.ts';

/**
 * The deputies' 满意度测评 of the project, a year on: rating (none when only the 满意率 is reported), 满意率, and
 * the 整改 flag of a project rated 不满意. `compact` is the list card's one line.
 */
export function EvaluationPanel({ evaluation, compact }: { evaluation: NonNullable<PublicProject['evaluation']>; compact?: boolean }) {
  const { t } = useLocale();
  return (
    <section class={`evaluation is-${evaluation.rating ?? 'rate'}${compact ? ' evaluation-compact' : ''}`} data-testid="evaluation" data-rating={evaluation.rating ?? ''}>
      <h3>{t('detail.evaluation')}</h3>
      {evaluation.rating && <p class="evaluation-rating">{t(`rating.${evaluation.rating}`)}</p>}
      {evaluation.unrated && (
        <p class="evaluation-rating" data-testid="unrated">
          {t('evaluation.unrated')}
        </p>
      )}
      {evaluation.rectification && (
        <p class="evaluation-rectify" data-testid="rectify">
          {t('evaluation.rectify')}
        </p>
      )}
      {evaluation.satisfactionRate !== null && (
        <p class="evaluation-rate" data-testid="satisfaction-rate">
          {t('evaluation.rate', { rate: formatPercent(evaluation.satisfactionRate) })}
        </p>
      )}
    </section>
  );
}
