import { useState } from 'preact/hooks';
import { accountListSchema, passwordResetSchema, sessionsEndedSchema } from '../../../shared/responses/accounts.ts';
import { okReplySchema } from '../../../shared/responses/common.ts';
import { api, post, type ApiResult } from '../api.ts';
import { ConfirmButton } from '../ConfirmButton.tsx';
import { FormError } from '../Field.tsx';
import { useResource } from '../useResource.ts';
import { useSession } from '../useSession.ts';
import { useT } from '../useT.ts';
import { AccountForm } from './AccountForm.tsx';
import { TableHead } from '../TableHead.tsx';

/** Admin only: create accounts; disable/enable, reset a password (a one-time one, shown once), end sessions. */
export function AccountsScreen() {
  const { t, server } = useT();
  const me = useSession().account;
  const list = useResource('/api/accounts', accountListSchema);
  const [notice, setNotice] = useState('');
  const [error, setError] = useState('');

  const act = async <T,>(run: () => Promise<ApiResult<T>>, ok: (body: T) => string) => {
    setError('');
    setNotice('');
    const res = await run();
    if (res.ok) setNotice(ok(res.body));
    else setError(server(res.error));
    list.reload();
  };

  return (
    <main class="page" data-testid="accounts-screen">
      <h1>{t('accounts.title')}</h1>
      <AccountForm
        onCreated={(username) => {
          setNotice(t('accounts.created', { username }));
          list.reload();
        }}
      />
      {notice && (
        <p class="notice" role="status" data-testid="accounts-notice">
          {notice}
        </p>
      )}
      <FormError id="accounts" error={error} />
      <section class="card">
        <h2>{t('accounts.list')}</h2>
        <table class="dense" data-testid="accounts-table">
          <TableHead cols={['accounts.username', 'accounts.role', 'accounts.status', 'accounts.sessions', 'accounts.actions']} />
          <tbody>
            {list.data?.accounts.map((a) => (
              <tr key={a.id} data-testid={`account-${a.username}`}>
                <td>{a.username}</td>
                <td>
                  {t(`role.${a.role}`)}
                  {a.unitName ? ` · ${a.unitName}` : ''}
                </td>
                <td>{a.disabledAt !== null ? t('accounts.disabled') : a.mustChangePassword ? t('accounts.pendingChange') : t('accounts.active')}</td>
                <td>{a.sessions}</td>
                <td>
                  <div class="row-actions">
                  {a.id !== me?.id && (
                    <button
                      type="button"
                      class="btn btn-quiet"
                      data-testid={`account-toggle-${a.username}`}
                      onClick={() => void act(() => api('PATCH', `/api/accounts/${a.id}`, { disabled: a.disabledAt === null }, okReplySchema), () => '')}
                    >
                      {a.disabledAt === null ? t('accounts.disable') : t('accounts.enable')}
                    </button>
                  )}
                  {a.id !== me?.id && (
                    <ConfirmButton
                      tone="danger"
                      label={t('accounts.reset')}
                      question={`${t('accounts.reset')} · ${a.username}?`}
                      testId={`account-reset-${a.username}`}
                      onConfirm={() =>
                        act(
                          () => post(`/api/accounts/${a.id}/password-reset`, {}, passwordResetSchema),
                          (b) => t('accounts.resetDone', { username: a.username, password: b.password }),
                        )
                      }
                    />
                  )}
                  {a.id !== me?.id && a.sessions > 0 && (
                    <button
                      type="button"
                      class="btn btn-quiet"
                      data-testid={`account-end-${a.username}`}
                      onClick={() =>
                        void act(
                          () => post(`/api/accounts/${a.id}/end-sessions`, {}, sessionsEndedSchema),
                          (b) => t('accounts.endedSessions', { username: a.username, count: b.ended }),
                        )
                      }
                    >
                      {t('accounts.endSessions')}
                    </button>
                  )}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </main>
  );
}
