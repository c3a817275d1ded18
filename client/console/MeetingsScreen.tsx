import { RootCertPanel } from './hall/RootCertPanel.tsx';
import { useHall } from './hall/useHall.ts';
import { MeetingForm } from './MeetingForm.tsx';
import { go, href } from './route.ts';
import type { Meeting } from '../../shared/responses/meetings.ts';
import { useCanWrite } from './useSession.ts';
import { useResource } from './useResource.ts';
import { useT } from './useT.ts';
import { meetingListSchema } from '../../shared/responses/meetings.ts';

/** Choose a meeting, or create one. */
export function MeetingsScreen() {
  const { t } = useT();
  const canWrite = useCanWrite();
  const meetings = useResource('/api/meetings', meetingListSchema);
  const hall = useHall();
  return (
    <main class="page meetings" data-testid="meetings-screen">
      <RootCertPanel info={hall.data} />
      <section class="card">
        <h1>{t('meetings.title')}</h1>
        {meetings.data && meetings.data.meetings.length === 0 && <p class="muted">{t('meetings.none')}</p>}
        <ul class="meeting-list" data-testid="meeting-list">
          {meetings.data?.meetings.map((m) => (
            <li key={m.id}>
              <a href={href({ screen: 'meeting', meetingId: m.id, tab: 'checkin' })} data-testid={`meeting-${m.id}`} data-name={m.name}>
                <strong>{m.name}</strong>
                <span class="muted">{m.date}</span>
              </a>
            </li>
          ))}
        </ul>
      </section>
      {canWrite && (
        <section class="card">
          <h2>{t('meetings.create')}</h2>
          <MeetingForm onCreated={(m) => go({ screen: 'meeting', meetingId: m.id, tab: 'import' })} />
        </section>
      )}
    </main>
  );
}
