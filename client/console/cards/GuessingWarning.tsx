import type { PairingGuessing } from '../../../shared/responses/devices.ts';
import { clockTime } from './tablets.ts';
import { useT } from '../useT.ts';

/**
 * The secretariat is told that someone is guessing pairing codes (issue 12): the network's budget of wrong codes
 * was spent lately (GET …/tablets `guessing`, server/devices/guard.ts) — how many wrong codes in the last minutes,
 * from which addresses (most first), when last, and what it means for the hall's tablets (a tablet that typed no
 * wrong code still pairs, one code a minute). Nothing when `guessing` is null.
 */
export function GuessingWarning({ guessing }: { guessing: PairingGuessing | null }) {
  const { t } = useT();
  if (!guessing) return null;
  return (
    <div class="warning-box" role="alert" data-testid="pairing-guessing">
      <strong>{t('tablets.guessingTitle')}</strong>
      <p>
        {t('tablets.guessingBody', { minutes: guessing.sinceMinutes, n: guessing.wrongCodes, time: clockTime(guessing.spentAt) })}
      </p>
      {guessing.addresses.length > 0 && (
        <p>
          {t('tablets.guessingFrom')}{' '}
          {guessing.addresses.map((a, i) => (
            <span key={a.address} data-testid="pairing-guessing-address">
              {i > 0 && t('tablets.guessingSep')}
              <code>{a.address}</code> {t('tablets.guessingTimes', { n: a.wrongCodes })}
            </span>
          ))}
        </p>
      )}
      <p class="muted">{t('tablets.guessingHint')}</p>
    </div>
  );
}
