import { pairingUrl } from '../../../shared/hall.ts';
import type { Deputy } from '../../../shared/responses/roster.ts';
import { useT } from '../useT.ts';
import { QrCode } from './QrCode.tsx';

/**
 * One deputy's card: who, where they sit, the 8-digit code, the QR code that opens the tablet page at the hall
 * address with the code in the URL fragment, the tablet address in print, and (with the local CA) the small QR
 * code of the root certificate's install page.
 */
export function PairingCard({ deputy, meetingName, code, origin, caUrl }: { deputy: Pick<Deputy, 'id' | 'name' | 'seat' | 'delegation'>; meetingName: string; code: string; origin: string; caUrl: string | null }) {
  const { t } = useT();
  return (
    <article class="pair-card" data-testid={`card-${deputy.id}`} data-code={code} data-deputy={deputy.name}>
      <header>
        <span class="pair-card-meeting">{meetingName}</span>
        <span class="pair-card-kind">{t('cards.cardTitle')}</span>
      </header>
      <div class="pair-card-body">
        <QrCode text={pairingUrl(origin, code)} label={t('cards.qrLabel', { name: deputy.name })} />
        <div>
          <div class="pair-card-name">{deputy.name}</div>
          <div class="pair-card-meta">{deputy.delegation}</div>
          {deputy.seat && <div class="pair-card-meta">{deputy.seat}</div>}
        </div>
      </div>
      <div class="pair-card-code-row">
        <span class="pair-card-code-label">{t('cards.code')}</span>
        <span class="pair-card-code" data-testid={`card-code-${deputy.id}`}>
          {code.slice(0, 4)} {code.slice(4)}
        </span>
      </div>
      <div class="pair-card-address" data-testid={`card-address-${deputy.id}`}>
        {t('cards.tabletAddress')}: <span class="mono">{origin}/tablet/</span>
      </div>
      {caUrl && (
        <div class="pair-card-ca" data-testid={`card-ca-${deputy.id}`}>
          <QrCode text={caUrl} label={t('hall.caQr')} />
          <span>
            {t('cards.caStep')} <span class="mono">{caUrl}</span>
          </span>
        </div>
      )}
      <footer>{t('cards.howTo')}</footer>
    </article>
  );
}
