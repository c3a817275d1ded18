import { useI18n } from '../components/i18n.tsx';
import { Notice } from '../components/Notice.tsx';
import type { TabletView } from './controller.ts';

/** Before anything else: the one big 签到 button. */
export function CheckInPanel({ view, onCheckIn }: { view: TabletView; onCheckIn: () => void }) {
  const { t } = useI18n();
  return (
    <main class="screen center-screen" data-testid="checkin-screen">
      <h1 class="checkin-title">{view.ballot ? t('checkin.needed') : t('checkin.prompt')}</h1>
      <button type="button" class="btn btn-primary btn-huge" data-testid="checkin-button" disabled={view.checkInBusy} onClick={onCheckIn}>
        {view.checkInBusy ? t('checkin.busy') : t('checkin.button')}
      </button>
      {view.notice && (
        <Notice key={view.notice.seq} tone="warn" testId="notice">
          {t(view.notice.key, view.notice.params)}
        </Notice>
      )}
    </main>
  );
}
