import { useEffect, useState } from 'preact/hooks';
import { go, href } from '../route.ts';
import type { BallotCandidate, BallotView } from '../../../shared/responses/ballots.ts';
import type { Live } from '../useLive.ts';
import { useCanWrite } from '../useSession.ts';
import { useResource } from '../useResource.ts';
import { ScrutineerKeyPanel } from '../sealing/ScrutineerKeyPanel.tsx';
import { useT } from '../useT.ts';
import { BallotForm } from './BallotForm.tsx';
import { EvaluationForm } from './EvaluationForm.tsx';
import { RulesSummary } from './RulesSummary.tsx';
import { StatusPill } from './StatusPill.tsx';
import { ballotListSchema } from '../../../shared/responses/ballots.ts';
import { candidateListReplySchema } from '../../../shared/responses/candidates.ts';
import { meetingDetailSchema } from '../../../shared/responses/meetings.ts';
import { TableHead } from '../TableHead.tsx';

/** 表决: the meeting's ballots, and a form to create one from the candidate list. */
export function BallotsScreen({ meetingId, live, onMeetingChanged }: { meetingId: string; live: Live; onMeetingChanged?: () => void }) {
  const { t } = useT();
  const canWrite = useCanWrite();
  const base = `/api/meetings/${encodeURIComponent(meetingId)}`;
  const ballots = useResource(`${base}/ballots`, ballotListSchema);
  const candidates = useResource(`${base}/candidates`, candidateListReplySchema);
  const meeting = useResource(base, meetingDetailSchema);
  const [creating, setCreating] = useState<false | 'ballot' | 'evaluation'>(false);
  const ratedYear = meeting.data ? meeting.data.meeting.year - 1 : null;
  useEffect(() => ballots.reload(), [live.ballotsVersion]);
  const list = ballots.data?.ballots ?? [];
  const titleOf = (id: string) => list.find((b) => b.id === id)?.title ?? id;

  return (
    <div class="stack" data-testid="ballots-screen">
      {meeting.data && ballots.data && <ScrutineerKeyPanel meeting={meeting.data.meeting} ballots={list} onChanged={() => { meeting.reload(); onMeetingChanged?.(); }} />}
      <section class="card">
        <header class="card-head">
          <h2>{t('ballots.title')}</h2>
          {canWrite && !creating && (
            <div class="actions">
              {ratedYear !== null && (
                <button type="button" class="btn btn-secondary" data-testid="evaluation-new" onClick={() => setCreating('evaluation')}>
                  {t('ballots.evaluate', { year: ratedYear })}
                </button>
              )}
              <button type="button" class="btn btn-primary" data-testid="ballot-new" onClick={() => setCreating('ballot')}>
                {t('ballots.new')}
              </button>
            </div>
          )}
        </header>
        {list.length === 0 ? (
          <p class="muted">{t('ballots.none')}</p>
        ) : (
          <table class="dense" data-testid="ballot-list">
            <TableHead cols={['ballot.title', 'ballot.status', 'ballot.rules']} />
            <tbody>
              {list.map((b) => (
                <tr key={b.id} data-testid={`ballot-row-${b.id}`}>
                  <td>
                    <a href={href({ screen: 'ballot', meetingId, ballotId: b.id })} data-testid={`ballot-link-${b.id}`}>
                      {b.title}
                    </a>
                    {b.runoffOf && <div class="muted small">{t('ballot.runoffOf', { title: titleOf(b.runoffOf) })}</div>}
                  </td>
                  <td>
                    <StatusPill status={b.status} />
                  </td>
                  <td>
                    <RulesSummary ballot={b} candidateCount={b.candidateCount} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {creating === 'evaluation' && ratedYear !== null && (
        <section class="card">
          <h2>{t('ballots.evaluate', { year: ratedYear })}</h2>
          <EvaluationForm
            meetingId={meetingId}
            year={ratedYear}
            onCancel={() => setCreating(false)}
            onCreated={(id) => go({ screen: 'ballot', meetingId, ballotId: id })}
          />
        </section>
      )}
      {creating === 'ballot' && (
        <section class="card">
          <h2>{t('ballots.new')}</h2>
          {candidates.data && candidates.data.candidates.length === 0 ? (
            <p class="form-error">{t('ballots.noCandidates')}</p>
          ) : candidates.data ? (
            <BallotForm
              meetingId={meetingId}
              candidates={candidates.data.candidates}
              onCancel={() => setCreating(false)}
              onCreated={(id) => go({ screen: 'ballot', meetingId, ballotId: id })}
            />
          ) : (
            <p class="muted">{t('loading')}</p>
          )}
        </section>
      )}
    </div>
  );
}
