import { useEffect, useRef } from 'preact/hooks';
import type { TabletRow } from './tablets.ts';
import { clockTime } from './tablets.ts';
import { useT } from '../useT.ts';

/**
 * The explicit choice before a deputy who already has a paired tablet gets a new code (issue 13): what happens to
 * the old tablet, and two buttons. The server refuses the code without this choice (already_paired). It is drawn
 * above the table, so keyboard focus (and the scroll) moves to its title when it appears — for the 150th deputy it
 * would be off screen — and goes back to the row's button when it is answered (issue 19, WCAG 2.4.3).
 */
export function ReplaceWarning({ row, onConfirm, onCancel }: { row: TabletRow; onConfirm: () => void; onCancel: () => void }) {
  const { t } = useT();
  const paired = row.paired!;
  const title = useRef<HTMLElement>(null);
  const from = useRef<HTMLElement | null>(null);
  useEffect(() => {
    from.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    title.current?.focus();
    title.current?.scrollIntoView({ block: 'center' });
  }, [row.deputyId]);
  const back = () => {
    const to = from.current;
    if (to) setTimeout(() => to.isConnected && to.focus(), 0);
  };
  return (
    <div class="warning-box" role="alertdialog" aria-labelledby="replace-title" aria-describedby="replace-body"
      data-testid="tablet-replace-warning"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          back();
          onCancel();
        }
      }}
    >
      <strong id="replace-title" ref={title} tabIndex={-1}>{t('tablets.replaceTitle', { name: row.name })}</strong>
      <p id="replace-body">{t('tablets.replaceBody', { time: clockTime(paired.pairedAt), id: paired.deviceId })}</p>
      <div class="actions">
        <button type="button" class="btn btn-danger" data-testid="tablet-replace-confirm" onClick={() => { back(); onConfirm(); }}>
          {t('tablets.replaceConfirm')}
        </button>
        <button type="button" class="btn btn-secondary" data-testid="tablet-replace-cancel" onClick={() => { back(); onCancel(); }}>
          {t('cancel')}
        </button>
      </div>
    </div>
  );
}
