import { useEffect } from 'preact/hooks';
import { ConnectionBadge } from '../components/ConnectionBadge.tsx';
import { TrainingBanner } from '../components/TrainingBanner.tsx';
import { AuditScreen } from './audit/AuditScreen.tsx';
import { BallotScreen } from './ballots/BallotScreen.tsx';
import { BallotsScreen } from './ballots/BallotsScreen.tsx';
import { PaperDisputesScreen } from './paper/PaperDisputesScreen.tsx';
import { PaperEntryScreen } from './paper/PaperEntryScreen.tsx';
import { PaperPrintScreen } from './paper/PaperPrintScreen.tsx';
import { ReportScreen } from './ballots/ReportScreen.tsx';
import { PairingCardsScreen } from './cards/PairingCardsScreen.tsx';
import { ProjectorSwitch } from './projector/ProjectorSwitch.tsx';
import { CandidatesScreen } from './candidates/CandidatesScreen.tsx';
import { CheckInScreen } from './checkin/CheckInScreen.tsx';
import { ImportScreen } from './import/ImportScreen.tsx';
import { ProjectorLinkScreen } from './projector/ProjectorLinkScreen.tsx';
import { href, TABS, type Route } from './route.ts';
import { TopBar } from './TopBar.tsx';
import type { Meeting, MeetingAttendance } from '../../shared/responses/meetings.ts';
import { useLive } from './useLive.ts';
import { useResource } from './useResource.ts';
import { useSession } from './useSession.ts';
import { useT } from './useT.ts';
import { meetingDetailSchema } from '../../shared/responses/meetings.ts';

type MeetingRoute = Exclude<Route, { screen: 'meetings' | 'accounts' | 'password' }>;

/** One meeting: its tabs, and one live connection shared by all of them. */
export function MeetingShell({ route }: { route: MeetingRoute }) {
  const { t } = useT();
  const meeting = useResource(`/api/meetings/${encodeURIComponent(route.meetingId)}`, meetingDetailSchema);
  if (meeting.error?.code === 'not_found') {
    return (
      <>
        <TopBar />
        <main class="page">
          <p class="form-error">{t('meeting.notFound')}</p>
          <a href={href({ screen: 'meetings' })}>{t('meetings.back')}</a>
        </main>
      </>
    );
  }
  return <MeetingScreens route={route} meeting={meeting.data?.meeting ?? null} reloadMeeting={meeting.reload} />;
}

function MeetingScreens({ route, meeting: m, reloadMeeting }: { route: MeetingRoute; meeting: Meeting | null; reloadMeeting: () => void }) {
  const { t } = useT();
  const session = useSession();
  const meetingId = route.meetingId;
  const live = useLive(meetingId);
  useEffect(() => {
    if (live.rejected) session.expired();
  }, [live.rejected]);
  const current = route.screen === 'meeting' ? route.tab : 'ballots';
  return (
    <>
      <TopBar>
        {route.screen === 'meeting' ? (
          <h1 class="meeting-name" data-testid="meeting-title">
            {m?.name ?? '…'} <span class="muted">{m?.date}</span>
          </h1>
        ) : (
          <span class="meeting-name" data-testid="meeting-title">
            {m?.name ?? '…'} <span class="muted">{m?.date}</span>
          </span>
        )}
        <ConnectionBadge state={live.conn} />
      </TopBar>
      <TrainingBanner keyEscrow={m?.keyEscrow} print={false} />
      <nav class="tabs no-print" aria-label={t('tabs.label')}>
        {TABS.map((tab) => (
          <a key={tab} href={href({ screen: 'meeting', meetingId, tab })} class={tab === current ? 'tab tab-current' : 'tab'} aria-current={tab === current ? 'page' : undefined} data-testid={`tab-${tab}`}>
            {t(`tabs.${tab}`)}
          </a>
        ))}
      </nav>
      <main class="page">
        {route.screen === 'ballot' ? (
          <BallotScreen key={route.ballotId} meetingId={meetingId} ballotId={route.ballotId} live={live} />
        ) : route.screen === 'report' ? (
          <ReportScreen meetingId={meetingId} ballotId={route.ballotId} meeting={m} />
        ) : route.screen === 'paper-print' ? (
          <PaperPrintScreen meetingId={meetingId} ballotId={route.ballotId} />
        ) : route.screen === 'paper-entry' ? (
          <PaperEntryScreen meetingId={meetingId} ballotId={route.ballotId} live={live} />
        ) : route.screen === 'paper-disputes' ? (
          <PaperDisputesScreen meetingId={meetingId} ballotId={route.ballotId} live={live} />
        ) : route.tab === 'import' ? (
          <ImportScreen meetingId={meetingId} />
        ) : route.tab === 'candidates' ? (
          <CandidatesScreen meetingId={meetingId} />
        ) : route.tab === 'cards' ? (
          <PairingCardsScreen meetingId={meetingId} meeting={m} />
        ) : route.tab === 'checkin' ? (
          <CheckInScreen meetingId={meetingId} live={live} />
        ) : route.tab === 'ballots' ? (
          <BallotsScreen meetingId={meetingId} live={live} onMeetingChanged={reloadMeeting} />
        ) : route.tab === 'audit' ? (
          <AuditScreen meetingId={meetingId} />
        ) : (
          <div class="stack">
            <ProjectorSwitch meetingId={meetingId} />
            <ProjectorLinkScreen meetingId={meetingId} />
          </div>
        )}
      </main>
    </>
  );
}
