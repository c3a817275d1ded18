import type { BallotStatus } from '../../../shared/api.ts';
import { useT } from '../useT.ts';

export function StatusPill({ status }: { status: BallotStatus }) {
  const { t } = useT();
  return (
    <span class={`pill pill-status-${status}`} data-testid="ballot-status" data-status={status}>
      {t(`status.${status}`)}
    </span>
  );
}
