import { useCallback, useEffect } from 'preact/hooks';
import type { WsBallot } from '../../shared/ws.ts';
import { useI18n } from '../components/i18n.tsx';
import type { KeyValueStore } from '../lib/storage.ts';
import { BallotScreen } from './BallotScreen.tsx';
import { CheckInPanel } from './CheckInPanel.tsx';
import type { TabletController, TabletView } from './controller.ts';
import type { PairedDevice } from './device.ts';
import { Header } from './Header.tsx';
import { ProblemScreen } from './ProblemScreen.tsx';
import { ReceiptScreen } from './ReceiptScreen.tsx';
import { ReviewScreen } from './ReviewScreen.tsx';
import { SendingScreen } from './SendingScreen.tsx';
import { useTablet } from './useTablet.ts';
import { WaitingScreen } from './WaitingScreen.tsx';

interface Props {
  device: PairedDevice;
  store: KeyValueStore;
  onRevoked: () => void;
}

/** The paired tablet: a header that is always there, and the one screen the deputy's situation calls for. */
export function TabletScreen({ device, store, onRevoked }: Props) {
  const { controller, view } = useTablet(device, store);
  const serverNow = useCallback(() => controller.client.clock.now(), [controller]);
  useEffect(() => {
    if (view.revoked) onRevoked();
  }, [view.revoked]);

  return (
    <div class="tablet" data-testid="tablet" data-conn={view.conn}>
      <Header view={view} fallbackName={device.deputy.name} />
      <Body view={view} controller={controller} serverNow={serverNow} />
    </div>
  );
}

/** 请使用纸质选票: this deputy votes on the paper ballot the secretariat hands out; the tablet does not vote. */
function PaperBallotScreen({ ballot }: { ballot: WsBallot }) {
  const { t } = useI18n();
  return (
    <main class="screen center-screen" data-testid="paper-ballot-notice">
      <h1>{t('paper.use')}</h1>
      <p class="lead">{ballot.title}</p>
      <p>{t('paper.useHint')}</p>
    </main>
  );
}

function Body({ view, controller, serverNow }: { view: TabletView; controller: TabletController; serverNow: () => number }) {
  if (!view.ready) return <WaitingScreen view={view} />;
  if (!view.checkedIn) return <CheckInPanel view={view} onCheckIn={() => controller.checkIn()} />;
  const { ballot } = view;
  if (!ballot) return <WaitingScreen view={view} />;
  if (view.receipt) return <ReceiptScreen ballot={ballot} receipt={view.receipt} />;
  if (view.onPaper) return <PaperBallotScreen ballot={ballot} />;
  if (view.pending) return <SendingScreen ballot={ballot} conn={view.conn} />;
  if (view.problem) return <ProblemScreen ballot={ballot} problem={view.problem} />;
  if (view.votedOnServer) return <ReceiptScreen ballot={ballot} receipt={null} />;
  if (view.step === 'review') return <ReviewScreen view={view} ballot={ballot} controller={controller} serverNow={serverNow} />;
  return <BallotScreen view={view} ballot={ballot} controller={controller} serverNow={serverNow} />;
}
