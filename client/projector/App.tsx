import { AttendanceView } from './AttendanceView.tsx';
import { TrainingBanner } from '../components/TrainingBanner.tsx';
import { BallotView } from './BallotView.tsx';
import { CountingView } from './CountingView.tsx';
import { PaperProgressBar } from './PaperProgressBar.tsx';
import { ResultsView } from './ResultsView.tsx';
import { screenOf } from './state.ts';
import { useProjector } from './useProjector.ts';
import { useT } from './useT.ts';

export function App({ token, cycleMs }: { token: string | null; cycleMs: number }) {
  const { t } = useT();
  if (!token) return <Message text={t('noToken')} />;
  return <Hall token={token} cycleMs={cycleMs} />;
}

function Hall({ token, cycleMs }: { token: string; cycleMs: number }) {
  const { t } = useT();
  const { state, conn, rejected, serverNow } = useProjector(token);
  if (rejected) return <Message text={t('rejected')} />;
  const screen = screenOf(state);
  return (
    <div class="hall" data-testid="projector" data-screen={screen} data-conn={conn}>
      <header class="hall-head">
        <h1 class="meeting" data-testid="projector-meeting">
          {state.meetingName ?? ''}
        </h1>
        {conn !== 'online' && (
          <span class="offline" role="status" data-testid="projector-offline">
            {t(conn === 'offline' ? 'offline' : 'connecting')}
          </span>
        )}
      </header>
      <TrainingBanner keyEscrow={state.keyEscrow} detail={false} />
      <main class="hall-body">
        {screen === 'ballot' && state.ballot ? (
          <>
            <BallotView ballot={state.ballot} turnout={state.turnout?.ballotId === state.ballot.id ? state.turnout : null} present={state.attendance?.present ?? null} serverNow={serverNow} />
            {state.paper?.ballotId === state.ballot.id && <PaperProgressBar progress={state.paper} />}
          </>
        ) : screen === 'counting' && state.counting ? (
          <>
            <CountingView counting={state.counting} />
            {state.paper?.ballotId === state.counting.ballotId && <PaperProgressBar progress={state.paper} />}
          </>
        ) : screen === 'results' && state.results ? (
          <ResultsView key={`${state.results.ballotId}-${state.results.announcedAt}`} results={state.results} cycleMs={cycleMs} />
        ) : screen === 'attendance' && state.attendance ? (
          <AttendanceView attendance={state.attendance} />
        ) : (
          <p class="hall-message">{t('connecting')}</p>
        )}
      </main>
    </div>
  );
}

function Message({ text }: { text: string }) {
  return (
    <div class="hall">
      <p class="hall-message" role="alert" data-testid="projector-message">
        {text}
      </p>
    </div>
  );
}
