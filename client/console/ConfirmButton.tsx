import { useState } from 'preact/hooks';
import { useT } from './useT.ts';

/**
 * A button for a step that cannot be undone (close, announce): the first press asks, the second does it. In the
 * page, not a browser dialog, so it reads the same in both languages and in tests.
 */
export function ConfirmButton({ label, question, onConfirm, disabled, testId, tone = 'primary' }: { label: string; question: string; onConfirm: () => Promise<void> | void; disabled?: boolean; testId: string; tone?: 'primary' | 'danger' }) {
  const { t } = useT();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  if (!asking) {
    return (
      <button type="button" class={`btn btn-${tone}`} disabled={disabled} data-testid={testId} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <span class="confirm" role="group">
      <span class="confirm-question">{question}</span>
      <button
        type="button"
        class={`btn btn-${tone}`}
        disabled={busy}
        data-testid={`${testId}-confirm`}
        onClick={async () => {
          setBusy(true);
          await onConfirm();
          setBusy(false);
          setAsking(false);
        }}
      >
        {t('confirm.yes', { action: label })}
      </button>
      <button type="button" class="btn btn-secondary" data-testid={`${testId}-cancel`} onClick={() => setAsking(false)}>
        {t('cancel')}
      </button>
    </span>
  );
}
