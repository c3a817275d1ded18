import type { BallotView } from '../../shared/responses/ballots.ts';
import type { Ballot } from './store.ts';

/**
 * A ballot as the console, tablets and projector see it: settings and timing, never papers. Shape:
 * shared/responses/ballots.ts `ballotViewSchema`; durationSeconds in s, every time in ms (the server's clock).
 */
export function presentBallot(ballot: Ballot, serverNow: number): BallotView {
  return {
    id: ballot.id,
    meetingId: ballot.meetingId,
    title: ballot.title,
    kind: ballot.kind,
    ...ballot.rules,
    durationSeconds: Math.round(ballot.durationMs / 1000),
    closeWhenAllVoted: ballot.closeWhenAllVoted,
    /** The whole ballot runs on paper ballots (纸质选票, DESIGN §10). */
    paperOnly: ballot.paperOnly,
    status: ballot.status,
    runoffOf: ballot.runoffOf,
    openedAt: ballot.openedAt,
    deadlineAt: ballot.deadlineAt,
    closedAt: ballot.closedAt,
    closeReason: ballot.closeReason,
    announcedAt: ballot.announcedAt,
    attendance: ballot.attendance,
    presidiumDecision: ballot.presidiumDecision,
    /** Open secret ballots: what tablets seal to (DESIGN §5). */
    sealing: ballot.status === 'open' ? ballot.sealing : null,
    /** Closed, envelopes waiting for the recovery sheet. */
    openingPending: ballot.openingPending,
    evaluationReport: ballot.evaluationReport,
    // Clients correct their countdown by the difference between this and their own clock.
    serverNow,
  };
}
