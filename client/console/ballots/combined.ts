import type { Tally } from '../../../shared/record.ts';
import { combineRounds, type CombinedSelection, type Round } from '../../../shared/rules/combine.ts';
import type { BallotView } from '../../../shared/responses/ballots.ts';

/** One round as the console holds it: the ballot and its tally (GET /api/ballots/:id/tally). */
export interface RoundReply {
  ballot: Pick<BallotView, 'id' | 'status' | 'ties' | 'presidiumDecision'>;
  tally: Tally | null;
}

/**
 * The console's combined selection of a run-off chain (first round first), by the shared rule
 * (shared/rules/combine.ts). The console previews a tallied round before it is announced, so every round with a
 * tally counts here; the projector and promotion count announced rounds only, and once every round is announced
 * all three agree. Null when the first round's own tally is the whole story.
 */
export function consoleCombined(chain: readonly RoundReply[]): CombinedSelection | null {
  const rounds: Round[] = chain.map((r) => ({
    ballotId: r.ballot.id,
    announced: r.ballot.status === 'announced',
    tally: r.tally,
    ties: r.ballot.ties,
    presidiumDecision: r.ballot.presidiumDecision,
  }));
  const combined = combineRounds(rounds, { announcedOnly: false });
  return combined.combined ? combined : null;
}
