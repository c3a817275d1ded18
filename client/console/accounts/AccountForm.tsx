import { useState } from 'preact/hooks';
import { type Account, unitListSchema } from '../../../shared/responses/accounts.ts';
import { post } from '../api.ts';
import { Field, FormFoot, Options } from '../Field.tsx';
import { serverErrors } from '../forms.ts';
import { useResource } from '../useResource.ts';
import { useT } from '../useT.ts';

type Role = Account['role'];

/** Creates an operator, scrutineer, admin or 责任单位 account; a unit is chosen from the candidate tables' units. */
export function AccountForm({ onCreated }: { onCreated: (username: string) => void }) {
  const { t, locale } = useT();
  const units = useResource('/api/units', unitListSchema);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>('operator');
  const [unitName, setUnitName] = useState('');
  const [mustChange, setMustChange] = useState(true);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const chosen = units.data?.units.find((u) => u.name === unitName);

  const submit = async (e: Event) => {
    e.preventDefault();
    const local: Record<string, string> = {};
    if (!username.trim()) local.username = t('check.required');
    if (!password) local.password = t('check.required');
    if (role === 'unit' && !unitName) local.unitName = t('check.required');
    setErrors(local);
    if (Object.keys(local).length) return;
    setBusy(true);
    const res = await post('/api/accounts', { username: username.trim(), password, role, mustChangePassword: mustChange, ...(role === 'unit' ? { unitName } : {}) });
    setBusy(false);
    if (!res.ok) {
      setErrors(serverErrors(res.error, ['username', 'password', 'role', 'unitName'], locale));
      return;
    }
    setUsername('');
    setPassword('');
    setUnitName('');
    onCreated(username.trim());
  };

  return (
    <form class="card" onSubmit={(e) => void submit(e)} noValidate data-testid="account-form">
      <h2>{t('accounts.create')}</h2>
      <Field id="acc-username" label={t('accounts.username')} hint={t('accounts.usernameHint')} error={errors.username}>
        <input id="acc-username" autoComplete="off" value={username} onInput={(e) => setUsername(e.currentTarget.value)} />
      </Field>
      <Field id="acc-password" label={t('accounts.password')} hint={t('accounts.passwordHint')} error={errors.password}>
        <input id="acc-password" type="text" autoComplete="off" value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
      </Field>
      <Field id="acc-role" label={t('accounts.role')} error={errors.role}>
        <select id="acc-role" value={role} onChange={(e) => setRole(e.currentTarget.value as Role)}>
          <Options values={['operator', 'scrutineer', 'unit', 'admin'] as const} label={(r) => t(`role.${r}`)} />
        </select>
      </Field>
      {role === 'unit' && (
        <Field id="acc-unit" label={t('accounts.unit')} hint={t('accounts.unitHint')} error={errors.unitName}>
          {units.data && units.data.units.length === 0 ? (
            <p class="hint">{t('accounts.noUnits')}</p>
          ) : (
            <select id="acc-unit" value={unitName} onChange={(e) => setUnitName(e.currentTarget.value)}>
              <option value="">{t('accounts.unitPick')}</option>
              {units.data?.units.map((u) => (
                <option value={u.name} key={u.name}>
                  {u.similar.length ? `⚠ ${u.name}` : u.name}
                </option>
              ))}
            </select>
          )}
          {chosen && chosen.similar.length > 0 && (
            <p class="warning" role="alert" data-testid="unit-similar">
              {t('accounts.similar', { names: chosen.similar.join('、') })}
            </p>
          )}
        </Field>
      )}
      <label class="check">
        <input type="checkbox" checked={mustChange} onChange={(e) => setMustChange(e.currentTarget.checked)} data-testid="acc-must-change" /> {t('accounts.mustChange')}
      </label>
      <FormFoot id="account" error={errors['']} label={t('accounts.submit')} testId="account-submit" busy={busy} bare />
    </form>
  );
}
