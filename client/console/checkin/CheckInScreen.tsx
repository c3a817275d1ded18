import { useEffect } from 'preact/hooks';
import type { Deputy } from '../../../shared/responses/roster.ts';
import type { Live } from '../useLive.ts';
import { useResource } from '../useResource.ts';
import { useT } from '../useT.ts';
import { AttendanceSummary } from './AttendanceSummary.tsx';
import { DelegationTable } from './DelegationTable.tsx';
import { DeputyList } from './DeputyList.tsx';
import { deputyListSchema } from '../../../shared/responses/roster.ts';

/** 签到: live attendance and quorum, by delegation, and the deputies still missing (手动补签到). */
export function CheckInScreen({ meetingId, live }: { meetingId: string; live: Live }) {
  const { t } = useT();
  const deputies = useResource(`/api/meetings/${encodeURIComponent(meetingId)}/deputies`, deputyListSchema);
  // Each attendance message (coalesced by the server) refreshes who is in.
  useEffect(() => {
    if (live.attendance) deputies.reload();
  }, [live.attendance]);
  return (
    <div class="checkin-grid" data-testid="checkin-screen">
      <section class="card">
        <h2>{t('checkin.title')}</h2>
        <AttendanceSummary attendance={live.attendance} />
        {live.attendance && <DelegationTable attendance={live.attendance} />}
      </section>
      <section class="card">
        <h2>{t('checkin.deputies')}</h2>
        {deputies.data ? <DeputyList meetingId={meetingId} deputies={deputies.data.deputies} onChanged={deputies.reload} /> : <p class="muted">{t('loading')}</p>}
      </section>
    </div>
  );
}
