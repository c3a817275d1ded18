import { useState } from 'preact/hooks';
import type { TallyTie } from '../../../shared/record.ts';
import { post } from '../api.ts';
import { go, href } from '../route.ts';
import type { BallotCandidate, BallotDetail, BallotView } from '../../../shared/responses/ballots.ts';
import { useT } from '../useT.ts';
import { PresidiumForm } from './PresidiumForm.tsx';
import { StatusPill } from './StatusPill.tsx';
import { ballotDetailSchema } from '../../../shared/responses/ballots.ts';

/** A tie at the cut: one click creates the run-off (再次投票), or the presidium's decision is recorded. */
export function TieActions({ meetingId, ballot, candidates, tie, runoff, canWrite, onChanged }: { meetingId: string; ballot: BallotView; candidates: BallotCandidate[]; tie: TallyTie; runoff: BallotView | undefined; canWrite: boolean; onChanged: () => void }) {
  const { t, server } = useT();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const createRunoff = async () => {
    setBusy(true);
    setError(null);
    const res = await post(`/api/ballots/${encodeURIComponent(ballot.id)}/runoff`, {}, ballotDetailSchema);
    setBusy(false);
    if (res.ok) go({ screen: 'ballot', meetingId, ballotId: res.body.ballot.id });
    else {
      setError(server(res.error));
      onChanged();
    }
  };

  return (
    <section class="card tie-card" data-testid="tie-actions">
      <h2>{t('tie.title')}</h2>
      {tie.resolution === 'runoff' &&
        (runoff ? (
          <p>
            {t('tie.runoffExists')}{' '}
            <a href={href({ screen: 'ballot', meetingId, ballotId: runoff.id })} data-testid="runoff-link">
              {runoff.title}
            </a>{' '}
            <StatusPill status={runoff.status} />
          </p>
        ) : (
          <div class="actions">
            <button type="button" class="btn btn-primary" disabled={!canWrite || busy} data-testid="runoff-create" onClick={() => void createRunoff()}>
              {t('tie.createRunoff', { n: tie.candidates.length, places: tie.places })}
            </button>
            <span class="muted">{t('tie.runoffHint')}</span>
          </div>
        ))}
      {tie.resolution === 'presidium' &&
        (ballot.presidiumDecision ? (
          <p data-testid="presidium-recorded">{t('tie.presidiumRecorded')}</p>
        ) : canWrite ? (
          <PresidiumForm ballotId={ballot.id} candidates={candidates} tie={tie} onDone={onChanged} />
        ) : (
          <p class="muted">{t('ballot.readOnly')}</p>
        ))}
      {error && (
        <p class="form-error" role="alert" data-testid="tie-error">
          {error}
        </p>
      )}
    </section>
  );
}
