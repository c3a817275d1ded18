import { Countdown } from '../../components/Countdown.tsx';
import { ConfirmButton } from '../ConfirmButton.tsx';
import type { BallotView } from '../../../shared/responses/ballots.ts';
import type { Live } from '../useLive.ts';
import { useT } from '../useT.ts';
import { ExtendForm } from './ExtendForm.tsx';
import { TurnoutPanel } from './TurnoutPanel.tsx';

/** An open ballot: the countdown by the server's clock, extend, close, and who has yet to vote. */
export function RunningPanel({ ballot, live, canWrite, onChanged, onClose }: { ballot: BallotView; live: Live; canWrite: boolean; onChanged: () => void; onClose: () => Promise<void> }) {
  const { t } = useT();
  return (
    <div class="running">
      <div class="running-top">
        {ballot.deadlineAt !== null && <Countdown deadlineAt={ballot.deadlineAt} serverNow={live.serverNow} />}
        {canWrite && (
          <>
            <ExtendForm ballotId={ballot.id} onDone={onChanged} />
            <ConfirmButton testId="ballot-close" tone="danger" label={t('ballot.close')} question={t('ballot.closeQuestion')} onConfirm={onClose} />
          </>
        )}
      </div>
      <TurnoutPanel ballotId={ballot.id} live={live} />
    </div>
  );
}
