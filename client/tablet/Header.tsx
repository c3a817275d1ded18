import { ConnectionBadge } from '../components/ConnectionBadge.tsx';
import { FullscreenButton } from '../components/FullscreenButton.tsx';
import { useI18n } from '../components/i18n.tsx';
import { LanguageToggle } from '../components/LanguageToggle.tsx';
import { TrainingBanner } from '../components/TrainingBanner.tsx';
import type { TabletView } from './controller.ts';

/** Who this tablet votes for, whether they are checked in, and whether the tablet is connected. */
export function Header({ view, fallbackName }: { view: TabletView; fallbackName: string }) {
  const { t } = useI18n();
  const deputy = view.deputy;
  return (
    <>
    <header class="tablet-header">
      <div class="who">
        <div class="deputy-name" data-testid="deputy-name">
          {deputy?.name ?? fallbackName}
        </div>
        <div class="deputy-meta" data-testid="deputy-meta">
          {deputy && (
            <>
              <span>{deputy.delegation}</span>
              {deputy.seat && <span>{t('deputy.seat', { seat: deputy.seat })}</span>}
            </>
          )}
          {view.meeting && <span class="meeting-name">{view.meeting.name}</span>}
        </div>
      </div>
      <div class="header-status">
        {view.ready && (
          <span class={`pill ${view.checkedIn ? 'pill-ok' : 'pill-warn'}`} data-testid="checkin-status" data-checked-in={String(view.checkedIn)}>
            {view.checkedIn ? `✓ ${t('checkin.done')}` : t('checkin.not')}
          </span>
        )}
        <ConnectionBadge state={view.conn} />
        <LanguageToggle />
        <FullscreenButton />
      </div>
    </header>
    <TrainingBanner keyEscrow={view.meeting?.keyEscrow} detail={false} />
    </>
  );
}
