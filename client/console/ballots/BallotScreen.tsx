import { useEffect, useState } from 'preact/hooks';
import { post } from '../api.ts';
import { PromotedNotice } from './PromotedNotice.tsx';
import { ConfirmButton } from '../ConfirmButton.tsx';
import { href } from '../route.ts';
import type { BallotDetail, BallotView } from '../../../shared/responses/ballots.ts';
import type { Live } from '../useLive.ts';
import { useCanWrite } from '../useSession.ts';
import { useResource } from '../useResource.ts';
import { useT } from '../useT.ts';
import { DraftActions } from './DraftActions.tsx';
import { OpenPanel } from './OpenPanel.tsx';
import { PaperPanel } from '../paper/PaperPanel.tsx';
import { ResultsPanel } from './ResultsPanel.tsx';
import { RulesSummary } from './RulesSummary.tsx';
import { RunningPanel } from './RunningPanel.tsx';
import { StatusPill } from './StatusPill.tsx';
import { UnsealPanel } from '../sealing/UnsealPanel.tsx';
import { ballotDetailSchema, ballotListSchema } from '../../../shared/responses/ballots.ts';
import { meetingDetailSchema } from '../../../shared/responses/meetings.ts';
import { BackLink } from '../PageLinks.tsx';

/** One ballot through its life: draft → open (countdown, turnout) → closed (tally review) → announced. */
export function BallotScreen({ meetingId, ballotId, live }: { meetingId: string; ballotId: string; live: Live }) {
  const { t, server } = useT();
  const canWrite = useCanWrite();
  const detail = useResource(`/api/ballots/${encodeURIComponent(ballotId)}`, ballotDetailSchema);
  const siblings = useResource(`/api/meetings/${encodeURIComponent(meetingId)}/ballots`, ballotListSchema);
  const meeting = useResource(`/api/meetings/${encodeURIComponent(meetingId)}`, meetingDetailSchema);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    detail.reload();
    siblings.reload();
  }, [live.ballotsVersion]);

  const d = detail.data;
  if (!d) return <p class={detail.error ? 'form-error' : 'muted'}>{detail.error ? server(detail.error) : t('loading')}</p>;
  const b = d.ballot;
  const all = siblings.data?.ballots ?? [];
  const parent = b.runoffOf ? all.find((x) => x.id === b.runoffOf) : undefined;
  const runoff = all.find((x) => x.runoffOf === b.id);
  // A secret ballot closed after a crash took its key: the papers wait for the recovery sheet (启封).
  const sealed = b.status === 'closed' && b.openingPending === true;

  const act = async (path: string, body: unknown = {}) => {
    setError(null);
    const res = await post(`/api/ballots/${encodeURIComponent(b.id)}/${path}`, body);
    if (!res.ok) setError(server(res.error));
    detail.reload();
    siblings.reload();
  };

  return (
    <div class="stack" data-testid="ballot-screen" data-ballot-id={b.id} data-status={b.status}>
      <section class="card">
        <header class="card-head">
          <div>
            <BackLink class="muted small no-print" to={{ screen: 'meeting', meetingId, tab: 'ballots' }} label={t('ballots.title')} />
            <h1 data-testid="ballot-heading">{b.title}</h1>
            <RulesSummary ballot={b} candidateCount={d.candidates.length} />
            {parent && (
              <p class="small">
                {t('ballot.parent')}
                <a href={href({ screen: 'ballot', meetingId, ballotId: parent.id })}>{parent.title}</a>
              </p>
            )}
          </div>
          <StatusPill status={b.status} />
        </header>
        {error && (
          <p class="form-error" role="alert" data-testid="ballot-error">
            {error}
          </p>
        )}
        {b.status === 'draft' && canWrite && <DraftActions meetingId={meetingId} detail={d} onSaved={() => { detail.reload(); siblings.reload(); }} />}
        {b.status === 'draft' && <OpenPanel ballot={b} live={live} canWrite={canWrite} onOpen={() => act('open')} />}
        {b.status === 'open' && <RunningPanel ballot={b} live={live} canWrite={canWrite} onChanged={detail.reload} onClose={() => act('close')} />}
        {b.status === 'closed' && !sealed && canWrite && (
          <div class="actions">
            <ConfirmButton testId="ballot-announce" label={t('ballot.announce')} question={t('ballot.announceQuestion')} onConfirm={() => act('announce')} />
            <span class="muted">{t('ballot.announceHint')}</span>
          </div>
        )}
        {b.status === 'announced' && b.kind === 'selection' && <PromotedNotice ballotId={b.id} />}
      </section>
      {sealed && <UnsealPanel ballot={b} meetingKey={meeting.data?.meeting.scrutineerPublicKey ?? null} voted={d.voted} onOpened={() => { detail.reload(); siblings.reload(); }} />}
      {!sealed && (b.status !== 'announced' || b.paperOnly || (b.attendance?.issued ?? 0) > 0) ? (
        <PaperPanel meetingId={meetingId} ballot={b} live={live} onChanged={() => { detail.reload(); siblings.reload(); }} />
      ) : null}
      {!sealed && (b.status === 'closed' || b.status === 'announced') && (
        <ResultsPanel meetingId={meetingId} detail={d} runoff={runoff} live={live} canWrite={canWrite} onChanged={() => { detail.reload(); siblings.reload(); }} />
      )}
    </div>
  );
}
