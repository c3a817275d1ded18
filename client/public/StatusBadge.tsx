import { useLocale } from './locale.tsx';
import type { ProjectStatus } from '../../shared/rules/progress.ts';

// A mark beside the word, so colour is never the only signal.
const MARKS: Record<ProjectStatus, string> = { not_started: '○', in_progress: '▶', lagging: '!', completed: '✓', carried_over: '→' };

export function StatusBadge({ status }: { status: ProjectStatus }) {
  const { t } = useLocale();
  return (
    <span class={`badge badge-${status}`} data-testid="status-badge" data-status={status}>
      <span aria-hidden="true">{MARKS[status]}</span> {t(`status.${status}`)}
    </span>
  );
}
