import { issueText } from '../../i18n/server-error.ts';
import type { ImportProblem } from '../../../shared/errors.ts';
import { useT } from '../useT.ts';

/**
 * Import problems or notes as a list, each "第 N 行 · 列" then what is wrong in the console's language (said by its
 * stable issue code); a problem on no column names the whole row. `itemTestId` marks each item.
 */
export function IssueList({ items, itemTestId, class: className, testId }: { items: readonly ImportProblem[]; itemTestId: string; class?: string; testId?: string }) {
  const { t, locale } = useT();
  return (
    <ul class={className} data-testid={testId}>
      {items.map((p, i) => (
        <li key={i} data-testid={itemTestId}>
          {t('import.where', { row: p.row, column: p.column || t('import.wholeRow') })} · {issueText(locale, p)}
        </li>
      ))}
    </ul>
  );
}
