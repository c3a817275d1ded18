import { useState } from 'preact/hooks';
import { post } from '../api.ts';
import { Field, FormError } from '../Field.tsx';
import { serverErrors } from '../forms.ts';
import { useT } from '../useT.ts';

/** Extend an open ballot by some minutes (audited); the server refuses less than 10 s or more than an hour. */
export function ExtendForm({ ballotId, onDone }: { ballotId: string; onDone: () => void }) {
  const { t, server, locale } = useT();
  const [minutes, setMinutes] = useState('2');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  // The first press asks (how many minutes, said back); the second extends.
  const [asking, setAsking] = useState(false);
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
        <span class="confirm" role="group">
          <span class="confirm-question" data-testid="extend-question">
            {t('ballot.extendQuestion', { minutes: minutes.trim() })}
          </span>
          <button type="submit" class="btn btn-secondary" disabled={busy} data-testid="extend-confirm">
            {t('ballot.extendConfirm')}
          </button>
          <button type="button" class="btn btn-quiet" onClick={() => setAsking(false)}>
            {t('cancel')}
          </button>
        </span>
      ) : (
        <button type="submit" class="btn btn-secondary" disabled={busy} data-testid="extend-submit">
          {t('ballot.extend')}
        </button>
      )}
    </form>
  );
}
