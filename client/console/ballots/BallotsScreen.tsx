import { useEffect, useState } from 'preact/hooks';
import { go, href } from '../route.ts';
import type { BallotView, Candidate } from '../types.ts';
import type { Live } from '../useLive.ts';
import { useCanWrite } from '../useSession.ts';
import { useResource } from '../useResource.ts';
import { useT } from '../useT.ts';
import { BallotForm } from './BallotForm.tsx';
import { RulesSummary } from './RulesSummary.tsx';
import { StatusPill } from './StatusPill.tsx';

/** 表决: the meeting's ballots, and a form to create one from the candidate list. */
export function BallotsScreen({ meetingId, live }: { meetingId: string; live: Live }) {
  const { t } = useT();
  const canWrite = useCanWrite();
  const base = `/api/meetings/${encodeURIComponent(meetingId)}`;
  const ballots = useResource<{ ballots: BallotView[] }>(`${base}/ballots`);
  const candidates = useResource<{ candidates: Candidate[] }>(`${base}/candidates`);
  const [creating, setCreating] = useState(false);
  useEffect(() => ballots.reload(), [live.ballotsVersion]);
  const list = ballots.data?.ballots ?? [];
  const titleOf = (id: string) => list.find((b) => b.id === id)?.title ?? id;

  return (
    <div class="stack" data-testid="ballots-screen">
      <section class="card">
        <header class="card-head">
          <h2>{t('ballots.title')}</h2>
          {canWrite && !creating && (
            <button type="button" class="btn btn-primary" data-testid="ballot-new" onClick={() => setCreating(true)}>
              {t('ballots.new')}
            </button>
          )}
        </header>
        {list.length === 0 ? (
          <p class="muted">{t('ballots.none')}</p>
        ) : (
          <table class="dense" data-testid="ballot-list">
            <thead>
              <tr>
                <th>{t('ballot.title')}</th>
                <th>{t('ballot.status')}</th>
                <th>{t('ballot.rules')}</th>
              </tr>
            </thead>
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
                    <RulesSummary ballot={b} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {creating && (
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
