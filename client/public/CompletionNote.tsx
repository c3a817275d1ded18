import { useLocale } from './locale.tsx';
import type { Completion } from '../../shared/responses/projects.ts';

/** 按期完成 / 逾期完成 with the date, and the reason when late (issue 16): what "已完成" alone does not say. */
export function CompletionNote({ completed: c }: { completed: Completion }) {
  const { t } = useLocale();
  return (
    <p class={`completion-note completion-${c.timeliness}`} data-testid="completion-note" data-timeliness={c.timeliness}>
      <strong>{t(`timeliness.${c.timeliness}`)}</strong> {t('completion.on', { on: c.on })}
      {c.lateReason && <span class="completion-reason"> {t('completion.lateReason', { reason: c.lateReason })}</span>}
    </p>
  );
}
