import type { TabletRow } from './tablets.ts';
import { clockTime } from './tablets.ts';
import { useT } from '../useT.ts';

/**
 * The explicit choice before a deputy who already has a paired tablet gets a new code (issue 13): what happens to
 * the old tablet, and two buttons. The server refuses the code without this choice (already_paired).
 */
export function ReplaceWarning({ row, onConfirm, onCancel }: { row: TabletRow; onConfirm: () => void; onCancel: () => void }) {
  const { t } = useT();
  const paired = row.paired!;
  return (
    <div class="warning-box" role="alertdialog" aria-labelledby="replace-title" data-testid="tablet-replace-warning">
      <strong id="replace-title">{t('tablets.replaceTitle', { name: row.name })}</strong>
      <p>{t('tablets.replaceBody', { time: clockTime(paired.pairedAt), id: paired.deviceId })}</p>
      <div class="actions">
        <button type="button" class="btn btn-danger" data-testid="tablet-replace-confirm" onClick={onConfirm}>
          {t('tablets.replaceConfirm')}
        </button>
        <button type="button" class="btn btn-secondary" data-testid="tablet-replace-cancel" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </div>
  );
}
