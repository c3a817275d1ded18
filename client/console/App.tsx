import { HallBanner } from './hall/HallBanner.tsx';
import { AccountsScreen } from './accounts/AccountsScreen.tsx';
import { PasswordScreen } from './accounts/PasswordScreen.tsx';
import { LoginScreen } from './LoginScreen.tsx';
import { MeetingShell } from './MeetingShell.tsx';
import { MeetingsScreen } from './MeetingsScreen.tsx';
import { ProjectsShell } from './projects/ProjectsShell.tsx';
import { isProjectRoute, useRoute } from './route.ts';
import { SessionContext, useSessionState } from './useSession.ts';
import { TopBar } from './TopBar.tsx';
import { useT } from './useT.ts';

/** Signed out: the sign-in form. Signed in: the meeting list, one meeting's screens, or the projects (a unit: only those). */
export function App() {
  const session = useSessionState();
  const route = useRoute();
  const { t } = useT();
  return (
    <SessionContext.Provider value={session}>
      {session.account && session.account.role !== 'unit' && !session.account.mustChangePassword && <HallBanner />}
      {session.account === undefined ? (
        <p class="loading">{t('loading')}</p>
      ) : session.account === null ? (
        <LoginScreen />
      ) : session.account.mustChangePassword ? (
        <>
          <TopBar />
          <PasswordScreen forced />
        </>
      ) : route.screen === 'password' ? (
        <>
          <TopBar />
          <PasswordScreen forced={false} />
        </>
      ) : isProjectRoute(route) || session.account.role === 'unit' ? (
        <ProjectsShell route={isProjectRoute(route) ? route : { screen: 'projects', year: null }} />
      ) : route.screen === 'accounts' && session.account.role === 'admin' ? (
        <>
          <TopBar />
          <AccountsScreen />
        </>
      ) : route.screen === 'meetings' || route.screen === 'accounts' ? (
        <>
          <TopBar />
          <MeetingsScreen />
        </>
      ) : (
        <MeetingShell key={route.meetingId} route={route} />
      )}
    </SessionContext.Provider>
  );
}
