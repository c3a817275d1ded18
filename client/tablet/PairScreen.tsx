import { useEffect, useState } from 'preact/hooks';
import type { ErrorCode } from '../../shared/errors.ts';
import type { SectionKey } from '../i18n/catalogue.ts';
import { useI18n } from '../components/i18n.tsx';
import { Keypad } from '../components/Keypad.tsx';
import { LanguageToggle } from '../components/LanguageToggle.tsx';
import { Notice } from '../components/Notice.tsx';
import { isPairingCode, pair, PAIRING_CODE_LENGTH, type PairedDevice } from './device.ts';

interface Props {
  /** A code from the QR code's URL: paired with at once. */
  autoCode: string | null;
  revoked: boolean;
  onAutoCodeUsed: () => void;
  onPaired: (device: PairedDevice) => void;
  /** Present when this tablet is already paired (a QR code was opened): go back to it. */
  onCancel?: () => void;
}

/** What the deputy is told when pairing is refused, by the server's stable code (a network failure is 'network'). */
const PAIRING_ERRORS: Partial<Record<string, SectionKey<'tablet'>>> = {
  pairing_code_invalid: 'error.pairing_code_invalid',
  rate_limited: 'error.rate_limited',
  invalid_input: 'error.invalid_input',
  network: 'error.network',
} satisfies Partial<Record<ErrorCode | 'network', SectionKey<'tablet'>>>;

export function PairScreen({ autoCode, revoked, onAutoCodeUsed, onPaired, onCancel }: Props) {
  const { t } = useI18n();
  const [code, setCode] = useState(autoCode ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (value: string) => {
    if (!isPairingCode(value)) {
      setError(t('error.invalid_input'));
      return;
    }
    setBusy(true);
    setError(null);
    const res = await pair(value);
    setBusy(false);
    if (res.ok) {
      onPaired(res.body);
      return;
    }
    setError(t(PAIRING_ERRORS[res.code] ?? 'error.unknown', { code: res.code }));
    setCode('');
  };

  useEffect(() => {
    if (!autoCode) return;
    onAutoCodeUsed();
    void submit(autoCode);
  }, []); // once: the code the page was opened with

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (busy) return;
      if (/^\d$/.test(e.key)) setCode((c) => (c.length < PAIRING_CODE_LENGTH ? c + e.key : c));
      else if (e.key === 'Backspace') setCode((c) => c.slice(0, -1));
      else if (e.key === 'Enter') void submit(code);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const digits = Array.from({ length: PAIRING_CODE_LENGTH }, (_, i) => code[i] ?? '');
  return (
    <main class="screen pair-screen" data-testid="pair-screen">
      <header class="pair-top">
        <h1>{t('pair.title')}</h1>
        <LanguageToggle />
      </header>
      {revoked && <Notice tone="warn" testId="pair-revoked">{t('pair.revoked')}</Notice>}
      <div class="pair-body">
        <div class="pair-entry">
          <p class="lead">{busy && autoCode ? t('pair.auto') : t('pair.prompt')}</p>
          <div class="code-boxes" data-testid="pair-code" data-code={code} aria-label={code}>
            {digits.map((d, i) => (
              <span key={i} class={`code-box${d ? ' filled' : ''}`}>
                {d}
              </span>
            ))}
          </div>
          {error && (
            <Notice tone="error" testId="pair-error">
              {error}
            </Notice>
          )}
        </div>
        <Keypad
          disabled={busy}
          onDigit={(d) => setCode((c) => (c.length < PAIRING_CODE_LENGTH ? c + d : c))}
          onClear={() => setCode('')}
          onBackspace={() => setCode((c) => c.slice(0, -1))}
        />
        <div class="actions">
          {onCancel && (
            <button type="button" class="btn btn-secondary" data-testid="pair-cancel" onClick={onCancel}>
              {t('pair.cancel')}
            </button>
          )}
          <button
            type="button"
            class="btn btn-primary"
            data-testid="pair-submit"
            disabled={busy || code.length !== PAIRING_CODE_LENGTH}
            onClick={() => void submit(code)}
          >
            {busy ? t('pair.busy') : t('pair.submit')}
          </button>
        </div>
      </div>
    </main>
  );
}
