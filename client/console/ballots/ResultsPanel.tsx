import { useEffect } from 'preact/hooks';
import { href } from '../route.ts';
import type { BallotDetail, BallotView, TallyReply } from '../../../shared/responses/ballots.ts';
import type { Live } from '../useLive.ts';
import { useResource } from '../useResource.ts';
import { useT } from '../useT.ts';
import { CombinedSelection } from './CombinedSelection.tsx';
import { Exports } from './Exports.tsx';
import { TallyReview } from './TallyReview.tsx';
import { TieActions } from './TieActions.tsx';
import { useCombinedSelection } from './useCombinedSelection.ts';
import { tallyReplySchema } from '../../../shared/responses/ballots.ts';

/** A closed or announced ballot: the tally review, what to do about a tie, exports and the printable report. */
export function ResultsPanel({ meetingId, detail, runoff, live, canWrite, onChanged }: { meetingId: string; detail: BallotDetail; runoff: BallotView | undefined; live: Live; canWrite: boolean; onChanged: () => void }) {
  const { t, server } = useT();
  const b = detail.ballot;
  const tally = useResource(`/api/ballots/${encodeURIComponent(b.id)}/tally`, tallyReplySchema);
  // The paper ballots joining the tally (计入, issue 17) changes it while the ballot stays closed: reload then too.
  const paperCountedAt = live.paperProgress?.ballotId === b.id ? live.paperProgress.countedAt : null;
  useEffect(() => tally.reload(), [b.status, b.presidiumDecision?.join(','), paperCountedAt]);
  const combined = useCombinedSelection(b, detail.candidates, tally.data?.tally ?? null, live.results);
  if (!tally.data) return <p class={tally.error ? 'form-error' : 'muted'}>{tally.error ? server(tally.error) : t('loading')}</p>;
  const data = tally.data;
  return (
    <>
      <section class="card" data-testid="results-panel">
        <header class="card-head">
          <h2>{t('results.title')}</h2>
          <div class="actions no-print">
            <Exports ballot={data.ballot} />
            <a class="btn btn-secondary" href={href({ screen: 'report', meetingId, ballotId: b.id })} data-testid="report-link">
              {t('report.open')}
            </a>
          </div>
        </header>
        <TallyReview ballot={data.ballot} candidates={detail.candidates} tally={data.tally} bySource={data.bySource} />
      </section>
      {data.tally.tie && (
        <TieActions meetingId={meetingId} ballot={data.ballot} candidates={detail.candidates} tie={data.tally.tie} runoff={runoff} canWrite={canWrite} onChanged={onChanged} />
      )}
      {combined && <CombinedSelection combined={combined} />}
    </>
  );
}
