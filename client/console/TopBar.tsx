import type { ComponentChildren } from 'preact';
import { LanguageToggle } from '../components/LanguageToggle.tsx';
import { href } from './route.ts';
import { useSession } from './useSession.ts';
import { useT } from './useT.ts';

/** The bar over every screen: where you are, who you are, the language, sign out. */
export function TopBar({ children }: { children?: ComponentChildren }) {
  const { t } = useT();
  const { account, logout } = useSession();
  return (
    <header class="topbar no-print">
      <a class="brand" href={href({ screen: 'meetings' })}>
        {t('app.title')}
      </a>
      {!account?.mustChangePassword && (
        <a class="topbar-link" href={href({ screen: 'projects', year: null })} data-testid="nav-projects">
          {t('nav.projects')}
        </a>
      )}
      {account?.role === 'admin' && (
        <a class="topbar-link" href={href({ screen: 'accounts' })} data-testid="nav-accounts">
          {t('nav.accounts')}
        </a>
      )}
      <div class="topbar-middle">{children}</div>
      <div class="topbar-right">
        {account && (
          <span class="who" data-testid="who">
            {account.username} · {t(`role.${account.role}`)}
          </span>
        )}
        <a class="topbar-link" href={href({ screen: 'password' })} data-testid="nav-password">
          {t('nav.password')}
        </a>
        <LanguageToggle />
        <button type="button" class="btn btn-quiet" data-testid="logout" onClick={() => void logout()}>
          {t('logout')}
        </button>
      </div>
    </header>
  );
}
