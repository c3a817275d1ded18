import { useT } from '../useT.ts';
import type { ProjectEvaluation as Evaluation } from '../../../shared/responses/projects.ts';

/**
 * A project's announced 满意度测评 in the console and the printed completion report: the rating (none when the
 * county reports 满意率 only), the 满意率, and the 整改 mark for a project rated 不满意 — one short line each.
 */
export function EvaluationCell({ evaluation }: { evaluation: Evaluation | null }) {
  const { t } = useT();
  if (!evaluation) return <span class="muted">—</span>;
  // Nobody rated it (issue 16): 无人评价, neither 不满意 nor 整改.
  if (evaluation.unrated) return <span data-testid="eval-unrated">{t('eval.unrated')}</span>;
  return (
    <>
      {evaluation.rating && <span data-testid="eval-rating">{t(`option.${evaluation.rating}`)}</span>}
      {evaluation.satisfactionRate !== null && (
        <span class="eval-rate" data-testid="eval-rate">
          {t('eval.rate')} {(evaluation.satisfactionRate * 100).toFixed(1)}%
        </span>
      )}
      {evaluation.rectification && (
        <span>
          <span class="rectify-mark" data-testid="rectify">
            {t('eval.rectify')}
          </span>
        </span>
      )}
    </>
  );
}

/** The evaluation as a table cell of the project list and the completion report (`data-rating`: the rating, or ''). */
export function EvaluationTd({ evaluation, testId }: { evaluation: Evaluation | null; testId: string }) {
  return (
    <td class="small completion-eval" data-testid={testId} data-rating={evaluation?.rating ?? ''}>
      <EvaluationCell evaluation={evaluation} />
    </td>
  );
}
