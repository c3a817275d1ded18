import { ConfirmButton } from '../ConfirmButton.tsx';
import { AttendanceSummary } from '../checkin/AttendanceSummary.tsx';
import type { BallotView } from '../../../shared/responses/ballots.ts';
import type { Live } from '../useLive.ts';
import { useT } from '../useT.ts';

/** A draft: the hall's attendance, and the open button — disabled, with the reason, while it cannot open. */
export function OpenPanel({ ballot, live, canWrite, onOpen }: { ballot: BallotView; live: Live; canWrite: boolean; onOpen: () => Promise<void> }) {
  const { t } = useT();
  const att = live.attendance;
  const other = live.openBallot && live.openBallot.id !== ballot.id ? live.openBallot : null;
  const reason = !canWrite
    ? t('ballot.readOnly')
    : !att
      ? t('ballot.waitingLive')
      : !att.quorum.met
        ? t('ballot.noQuorum', { present: att.present, seated: att.seated, required: att.quorum.required })
        : other
          ? t('ballot.otherOpen', { title: other.title })
          : null;
  return (
    <div class="open-panel">
      <AttendanceSummary attendance={att} />
      <div class="actions">
        <ConfirmButton testId="ballot-open" label={t('ballot.open')} question={t('ballot.openQuestion')} disabled={reason !== null} describedBy={reason ? 'open-reason' : undefined} onConfirm={onOpen} />
        {reason && (
          <span id="open-reason" class="warn-text" data-testid="open-reason">
            {reason}
          </span>
        )}
      </div>
    </div>
  );
}
