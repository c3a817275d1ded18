import type { Executor } from '../db/database.ts';
import { getBallot, storedTally, type Ballot } from './store.ts';

export interface FinalSelection {
  /** In order: the first round's selected (rank order), then those the run-off or the presidium added. */
  selected: string[];
  /** The ballots this selection combines, first round first. */
  rounds: string[];
  /** The ballot whose candidates the selection is drawn from (the first round). */
  firstRound: Ballot;
}

/**
 * The combined selection when a tie at the cut was settled: by a run-off (this ballot is the run-off) or by
 * the presidium (recorded on this ballot). Undefined when the ballot's own tally is the whole story.
 */
export async function finalSelection(db: Executor, ballot: Ballot): Promise<FinalSelection | undefined> {
  const tally = await storedTally(db, ballot.id);
  if (!tally) return undefined;
  if (ballot.runoffOf) {
    const parent = await getBallot(db, ballot.runoffOf);
    const parentTally = await storedTally(db, parent.id);
    // A run-off of a run-off: fold the earlier rounds first.
    const earlier = await finalSelection(db, parent);
    const base = earlier ?? { selected: parentTally?.selected ?? [], rounds: [parent.id], firstRound: parent };
    return { selected: [...base.selected, ...tally.selected], rounds: [...base.rounds, ballot.id], firstRound: base.firstRound };
  }
  if (ballot.presidiumDecision) {
    return { selected: [...tally.selected, ...ballot.presidiumDecision], rounds: [ballot.id], firstRound: ballot };
  }
  return undefined;
}
