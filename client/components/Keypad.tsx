import { useI18n } from './i18n.tsx';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

/** A large numeric keypad: digits, clear and backspace. Big enough for any finger. */
export function Keypad({ onDigit, onClear, onBackspace, disabled }: { onDigit: (d: string) => void; onClear: () => void; onBackspace: () => void; disabled?: boolean }) {
  const { t } = useI18n();
  return (
    <div class="keypad" role="group">
      {KEYS.map((d) => (
        <button type="button" class="key" key={d} data-testid={`key-${d}`} disabled={disabled} onClick={() => onDigit(d)}>
          {d}
        </button>
      ))}
      <button type="button" class="key key-fn" data-testid="key-clear" disabled={disabled} onClick={onClear}>
        {t('pair.clear')}
      </button>
      <button type="button" class="key" data-testid="key-0" disabled={disabled} onClick={() => onDigit('0')}>
        0
      </button>
      <button type="button" class="key key-fn" data-testid="key-backspace" aria-label={t('pair.backspace')} disabled={disabled} onClick={onBackspace}>
        ⌫
      </button>
    </div>
  );
}
