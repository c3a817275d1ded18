import { useState } from 'preact/hooks';
import { LanguageToggle } from '../components/LanguageToggle.tsx';
import { serverErrors } from './forms.ts';
import { Field, FormError } from './Field.tsx';
import { useSession } from './useSession.ts';
import { useT } from './useT.ts';

export function LoginScreen() {
  const { t, server, locale } = useT();
  const { login } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    const local: Record<string, string> = {};
    if (!username.trim()) local.username = t('check.required');
    if (!password) local.password = t('check.required');
    setErrors(local);
    if (Object.keys(local).length) return;
    setBusy(true);
    const res = await login(username.trim(), password);
    setBusy(false);
    if (res.ok) return;
    if (res.error.code === 'unauthenticated') setErrors({ password: t('login.wrong') });
    else if (res.error.code === 'rate_limited') setErrors({ '': t('login.locked') });
    else setErrors(serverErrors(res.error, ['username', 'password'], locale));
  };

  return (
    <main class="login">
      <form class="card login-card" onSubmit={(e) => void submit(e)} noValidate data-testid="login-form">
        <div class="login-head">
          <h1>{t('app.title')}</h1>
          <LanguageToggle />
        </div>
        <Field id="login-username" label={t('login.username')} error={errors.username}>
          <input id="login-username" name="username" autoComplete="username" value={username} onInput={(e) => setUsername(e.currentTarget.value)} />
        </Field>
        <Field id="login-password" label={t('login.password')} error={errors.password}>
          <input id="login-password" name="password" type="password" autoComplete="current-password" value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
        </Field>
        <FormError id="login" error={errors['']} />
        <button type="submit" class="btn btn-primary" data-testid="login-submit" disabled={busy}>
          {t('login.submit')}
        </button>
      </form>
    </main>
  );
}
