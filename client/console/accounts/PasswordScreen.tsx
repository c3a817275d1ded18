import { useState } from 'preact/hooks';
import { post } from '../api.ts';
import { Field, FormFoot } from '../Field.tsx';
import { serverErrors } from '../forms.ts';
import { useSession } from '../useSession.ts';
import { useT } from '../useT.ts';

/**
 * Change one's own password (POST /api/password). `forced`: the account holds a one-time password and the server
 * refuses everything else (password_change_required) until this is done.
 */
export function PasswordScreen({ forced }: { forced: boolean }) {
  const { t, locale } = useT();
  const { refresh } = useSession();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    const local: Record<string, string> = {};
    if (!current) local.currentPassword = t('check.required');
    if (!next) local.newPassword = t('check.required');
    if (next !== repeat) local.repeat = t('password.mismatch');
    setErrors(local);
    setDone(false);
    if (Object.keys(local).length) return;
    setBusy(true);
    const res = await post('/api/password', { currentPassword: current, newPassword: next });
    setBusy(false);
    if (!res.ok) {
      setErrors(serverErrors(res.error, ['currentPassword', 'newPassword'], locale));
      return;
    }
    setCurrent('');
    setNext('');
    setRepeat('');
    setDone(true);
    refresh();
  };

  return (
    <main class="page narrow">
      <form class="card" onSubmit={(e) => void submit(e)} noValidate data-testid="password-form">
        <h1>{t('password.title')}</h1>
        {forced && (
          <p class="notice" role="alert" data-testid="password-forced">
            {t('password.forced')}
          </p>
        )}
        <Field id="pw-current" label={t('password.current')} error={errors.currentPassword}>
          <input id="pw-current" type="password" autoComplete="current-password" value={current} onInput={(e) => setCurrent(e.currentTarget.value)} />
        </Field>
        <Field id="pw-new" label={t('password.new')} hint={t('password.newHint')} error={errors.newPassword}>
          <input id="pw-new" type="password" autoComplete="new-password" value={next} onInput={(e) => setNext(e.currentTarget.value)} />
        </Field>
        <Field id="pw-repeat" label={t('password.repeat')} error={errors.repeat}>
          <input id="pw-repeat" type="password" autoComplete="new-password" value={repeat} onInput={(e) => setRepeat(e.currentTarget.value)} />
        </Field>
        {done && <p class="ok" role="status" data-testid="password-done">{t('password.done')}</p>}
        <FormFoot id="password" error={errors['']} label={t('password.submit')} testId="password-submit" busy={busy} bare />
      </form>
    </main>
  );
}
