import { useEffect, useState } from 'preact/hooks';
import { formatCountdown, remainingMs } from '../lib/clock.ts';
import { useI18n } from './i18n.tsx';

/** Time left until `deadlineAt`, by the server's clock (`serverNow` already corrects for this device's clock). */
export function Countdown({ deadlineAt, serverNow }: { deadlineAt: number; serverNow: () => number }) {
  const { t } = useI18n();
  const [left, setLeft] = useState(() => remainingMs(deadlineAt, serverNow()));
  useEffect(() => {
    const tick = () => setLeft(remainingMs(deadlineAt, serverNow()));
    tick();
    const timer = setInterval(tick, 250);
    return () => clearInterval(timer);
  }, [deadlineAt, serverNow]);
  const urgent = left <= 60_000;
  return (
    <div class={`countdown${urgent ? ' countdown-urgent' : ''}`} data-testid="countdown" role="timer">
      <span class="countdown-label">{left > 0 ? t('ballot.countdown') : t('ballot.timeUp')}</span>
      <span class="countdown-value">{formatCountdown(left)}</span>
    </div>
  );
}
