import { createContext } from 'preact';
import { useCallback, useContext, useEffect, useState } from 'preact/hooks';
import { get, post, type ApiResult } from './api.ts';
import type { Account } from '../../shared/responses/accounts.ts';
import { accountReplySchema } from '../../shared/responses/accounts.ts';

export interface Session {
  /** undefined while asking the server, null when nobody is signed in. */
  account: Account | null | undefined;
  login: (username: string, password: string) => Promise<ApiResult<{ account: Account }>>;
  logout: () => Promise<void>;
  /** The session ended on the server (401 somewhere): back to the sign-in form. */
  expired: () => void;
  /** Ask the server again who is signed in (after a password change clears the must-change flag). */
  refresh: () => void;
}

export function useSessionState(): Session {
  const [account, setAccount] = useState<Account | null | undefined>(undefined);
  const refresh = useCallback(() => {
    void get('/api/me', accountReplySchema).then((res) => setAccount(res.ok ? res.body.account : null));
  }, []);
  useEffect(refresh, [refresh]);
  const login = useCallback(async (username: string, password: string) => {
    const res = await post('/api/login', { username, password }, accountReplySchema);
    if (res.ok) setAccount(res.body.account);
    return res;
  }, []);
  const logout = useCallback(async () => {
    await post('/api/logout');
    setAccount(null);
  }, []);
  const expired = useCallback(() => setAccount(null), []);
  return { account, login, logout, expired, refresh };
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionContext');
  return session;
}

/** Admins and operators change things; scrutineers (监票人) read the tally and the audit log. */
export function useCanWrite(): boolean {
  const role = useSession().account?.role;
  return role === 'admin' || role === 'operator';
}
