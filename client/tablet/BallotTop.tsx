import { Countdown } from '../components/Countdown.tsx';
import { useI18n } from '../components/i18n.tsx';
import { approvals, capOf, type Marks } from '../lib/marks.ts';
import { SecrecyBadge } from './SecrecyBadge.tsx';
import type { WsBallot } from '../../shared/ws.ts';

/** The ballot's title, the running count against the cap, and the countdown: stays at the top while scrolling. */
export function BallotTop({ ballot, candidateCount, marks, serverNow }: { ballot: WsBallot; candidateCount: number; marks: Marks; serverNow: () => number }) {
  const { t } = useI18n();
  const cap = capOf(ballot);
  const n = cap !== null ? approvals(marks) : Object.keys(marks).length;
  return (
    <div class="ballot-top">
      <div class="ballot-title">
        <h1 data-testid="ballot-title">{ballot.title}</h1>
        <SecrecyBadge ballot={ballot} />
        {ballot.seats !== null && ballot.kind === 'selection' && <p class="muted">{t('ballot.seats', { seats: ballot.seats, total: candidateCount })}</p>}
      </div>
      <div class={`counter${cap !== null && n >= cap ? ' counter-full' : ''}`} data-testid="approval-count" data-count={n}>
        {cap !== null ? t('ballot.approvals', { n, max: cap }) : t('ballot.marked', { n, total: candidateCount })}
      </div>
      {ballot.deadlineAt !== null && <Countdown deadlineAt={ballot.deadlineAt} serverNow={serverNow} />}
    </div>
  );
}
