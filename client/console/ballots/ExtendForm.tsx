import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { post } from '../api.ts';
import { Field, FormError } from '../Field.tsx';
import { serverErrors } from '../forms.ts';
import { useT } from '../useT.ts';

/**
 * Extend an open ballot by some minutes (audited); the server refuses less than 10 s or more than an hour. The first
 * press asks, saying the minutes back (issue 13); keyboard focus moves to the question, so a screen reader reads
 * it, and back to 延长 once answered (issue 19, WCAG 2.4.3).
 */
export function ExtendForm({ ballotId, onDone }: { ballotId: string; onDone: () => void }) {
  const { t, server, locale } = useT();
  const [minutes, setMinutes] = useState('2');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  // The first press asks (how many minutes, said back); the second extends.
  const [asking, setAsking] = useState(false);
  const questionId = useId();
  const question = useRef<HTMLSpanElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);
  useEffect(() => {
    if (asking) question.current?.focus();
    else if (returnFocus.current && !busy) {
      // After the extension is sent: once 延长 is enabled again (a disabled button cannot take focus).
      returnFocus.current = false;
      trigger.current?.focus();
    }
  }, [asking, busy]);
  const submit = async (e: Event) => {
    e.preventDefault();
    const m = Number(minutes.trim());
    if (!minutes.trim() || !Number.isFinite(m)) {
      setErrors({ seconds: t('check.number') });
      return;
    }
    if (!asking) {
      setErrors({});
      setAsking(true);
      return;
    }
    returnFocus.current = true;
    setAsking(false);
    setBusy(true);
    const res = await post(`/api/ballots/${encodeURIComponent(ballotId)}/extend`, { seconds: Math.round(m * 60) });
    setBusy(false);
    if (res.ok) {
      setErrors({});
      onDone();
    } else setErrors(serverErrors(res.error, ['seconds'], locale));
  };
  return (
    <form class="extend-form" onSubmit={(e) => void submit(e)} noValidate data-testid="extend-form">
      <Field id="extend-minutes" label={t('ballot.extendMinutes')} error={errors.seconds}>
        <input
          id="extend-minutes"
          inputMode="decimal"
          value={minutes}
          onInput={(e) => {
            setMinutes(e.currentTarget.value);
            setAsking(false);
          }}
        />
      </Field>
      <FormError id="extend" error={errors['']} />
      {asking ? (
        <span class="confirm" role="group" aria-labelledby={questionId} data-testid="extend-asking">
          <span class="confirm-question" id={questionId} ref={question} tabIndex={-1} data-testid="extend-question">
            {t('ballot.extendQuestion', { minutes: minutes.trim() })}
          </span>
          <button type="submit" class="btn btn-secondary" disabled={busy} data-testid="extend-confirm">
            {t('ballot.extendConfirm')}
          </button>
          <button
            type="button"
            class="btn btn-quiet"
            data-testid="extend-cancel"
            onClick={() => {
              returnFocus.current = true;
              setAsking(false);
            }}
          >
            {t('cancel')}
          </button>
        </span>
      ) : (
        <button ref={trigger} type="submit" class="btn btn-secondary" disabled={busy} data-testid="extend-submit">
          {t('ballot.extend')}
        </button>
      )}
    </form>
  );
}
