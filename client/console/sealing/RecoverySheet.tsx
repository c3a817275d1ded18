import { sheetQrText } from '../../../shared/recovery-sheet.ts';
import { QrCode } from '../cards/QrCode.tsx';
import type { Meeting } from '../../../shared/responses/meetings.ts';
import { useT } from '../useT.ts';

/** What a recovery sheet shows: the meeting, the key's fingerprint, when it was made, and the private key. */
export interface SheetContent {
  meeting: Pick<Meeting, 'name' | 'date'>;
  fingerprint: string;
  /** The 13 groups of 5 symbols (shared/recovery-sheet.ts sheetGroups). */
  groups: string[];
  /** Local date and time the key was made, as printed. */
  madeAt: string;
}

/**
 * 监票人密钥恢复单: one A4 page for the chief scrutineer (DESIGN §5) — QR code of the private key, the key as 13
 * checked groups (Crockford Base32 + Luhn mod 32), the meeting, the key's fingerprint, the date, what to do with it,
 * and signature lines. On screen it is a preview of the paper; print.css prints only this.
 */
export function RecoverySheet({ sheet }: { sheet: SheetContent }) {
  const { t } = useT();
  return (
    <article class="recovery-sheet" data-testid="recovery-sheet" data-fingerprint={sheet.fingerprint}>
      <h1 class="sheet-title">{t('sheet.title')}</h1>
      <div class="sheet-top">
        <dl class="sheet-facts">
          <dt>{t('sheet.meeting')}</dt>
          <dd data-testid="sheet-meeting">{sheet.meeting.name}</dd>
          <dt>{t('sheet.meetingDate')}</dt>
          <dd>{sheet.meeting.date}</dd>
          <dt>{t('sheet.made')}</dt>
          <dd>{sheet.madeAt}</dd>
          <dt>{t('sheet.fingerprint')}</dt>
          <dd class="mono sheet-fingerprint" data-testid="sheet-fingerprint">
            {sheet.fingerprint}
          </dd>
        </dl>
        <figure class="sheet-qr">
          <QrCode text={sheetQrText(sheet.groups)} label={t('sheet.qr')} />
          <figcaption>{t('sheet.qr')}</figcaption>
        </figure>
      </div>
      <h2 class="sheet-groups-title">{t('sheet.groups')}</h2>
      <ol class="sheet-groups" data-testid="sheet-groups">
        {sheet.groups.map((g, i) => (
          <li key={i} data-testid={`sheet-group-${i}`}>
            <span class="sheet-group-n">{i + 1}</span>
            <span class="mono sheet-group">
              {g.slice(0, 4)}
              <span class="sheet-check">{g.slice(4)}</span>
            </span>
          </li>
        ))}
      </ol>
      <ol class="sheet-how">
        <li>{t('sheet.how1')}</li>
        <li>{t('sheet.how2')}</li>
        <li>{t('sheet.how3')}</li>
        <li>{t('sheet.how4')}</li>
      </ol>
      <div class="signatures">
        <span class="sign">
          {t('sheet.maker')} <span class="sign-line" />
        </span>
        <span class="sign">
          {t('sheet.receiver')} <span class="sign-line" />
        </span>
        <span class="sign">
          {t('sheet.date')} <span class="sign-line short" />
        </span>
      </div>
    </article>
  );
}
