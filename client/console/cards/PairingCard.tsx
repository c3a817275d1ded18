import type { Deputy } from '../types.ts';
import { useT } from '../useT.ts';
import { QrCode } from './QrCode.tsx';

export const pairingUrl = (code: string) => `${location.origin}/tablet/?code=${code}`;

/** One deputy's card: who, where they sit, the 8-digit code and the QR code that opens the tablet with it. */
export function PairingCard({ deputy, meetingName, code }: { deputy: Deputy; meetingName: string; code: string }) {
  const { t } = useT();
  return (
    <article class="pair-card" data-testid={`card-${deputy.id}`} data-code={code} data-deputy={deputy.name}>
      <header>
        <span class="pair-card-meeting">{meetingName}</span>
        <span class="pair-card-kind">{t('cards.cardTitle')}</span>
      </header>
      <div class="pair-card-body">
        <QrCode text={pairingUrl(code)} label={t('cards.qrLabel', { name: deputy.name })} />
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
      <footer>{t('cards.howTo')}</footer>
    </article>
  );
}
