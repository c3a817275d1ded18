import { Countdown } from '../components/Countdown.tsx';
import type { WsBallot } from '../../shared/ws.ts';
import { TurnoutBar } from './TurnoutBar.tsx';
import { useT } from './useT.ts';

/** Titles longer than this (characters) take a smaller size: up to about 45 then fit in two lines at 1080p. */
export const LONG_TITLE = 16;

/** During a ballot: its title, a huge countdown by the server's clock, and the turnout bar. */
export function BallotView({ ballot, turnout, present, serverNow }: { ballot: WsBallot; turnout: { voted: number; present: number } | null; present: number | null; serverNow: () => number }) {
  const { t } = useT();
  return (
    <section class="ballot" data-testid="projector-ballot" data-ballot-id={ballot.id}>
      <p class="ballot-kicker">
        {t('ballot.voting')}
        <span class={`ballot-secrecy ${ballot.secret ? 'secrecy-secret' : 'secrecy-named'}`} data-testid="projector-secrecy" data-secret={String(ballot.secret)}>
          {t(ballot.secret ? 'ballot.secret' : 'ballot.named')}
        </span>
      </p>
      <h2 class={`ballot-title${ballot.title.length > LONG_TITLE ? ' long' : ''}`} data-testid="projector-ballot-title">
        {ballot.title}
      </h2>
      {ballot.deadlineAt !== null && <Countdown deadlineAt={ballot.deadlineAt} serverNow={serverNow} />}
      <TurnoutBar voted={turnout?.voted ?? 0} present={turnout?.present ?? present ?? 0} />
    </section>
  );
}
