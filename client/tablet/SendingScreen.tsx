import { useI18n } from '../components/i18n.tsx';
import { Notice } from '../components/Notice.tsx';
import type { ConnectionState } from '../lib/ws-client.ts';
import type { WsBallot } from '../../shared/ws.ts';

/** Confirmed, saved on the tablet, waiting for the server's receipt (resent automatically after a reconnect). */
export function SendingScreen({ ballot, conn }: { ballot: WsBallot; conn: ConnectionState }) {
  const { t } = useI18n();
  return (
    <main class="screen center-screen" data-testid="sending-screen" data-ballot-id={ballot.id}>
      <h1>{ballot.title}</h1>
      <div class="spinner" aria-hidden="true" />
      <h2>{t('sending.title')}</h2>
      {conn === 'online' ? (
        <p class="lead">{t('sending.hint')}</p>
      ) : (
        <Notice tone="warn" testId="sending-offline">
          {t('sending.offline')}
        </Notice>
      )}
    </main>
  );
}
