import { combineRounds, type CombinedSelection, type Round } from '../../shared/rules/combine.ts';
import type { Executor } from '../db/database.ts';
import { findRunoff, getBallot, storedTally, type Ballot } from './store.ts';

export interface RunoffChain {
  /** The first round, then each run-off in order. */
  ballots: Ballot[];
  /** The same rounds as the shared rule reads them. */
  rounds: Round[];
}

/**
 * The whole run-off chain a ballot belongs to, first round first: up through `runoff_of` to the first round, then
 * down through each run-off. A chain is a line (a ballot has at most one run-off). Throws 404 `not_found` if a
 * parent named by `runoff_of` is missing (the schema's foreign key prevents it).
 */
export async function runoffChain(db: Executor, ballot: Ballot): Promise<RunoffChain> {
  let first = ballot;
  while (first.runoffOf) first = await getBallot(db, first.runoffOf);
  const ballots: Ballot[] = [];
  for (let b: Ballot | undefined = first; b && ballots.length < 50; b = await findRunoff(db, b.id)) ballots.push(b);
  const rounds = await Promise.all(
    ballots.map(async (b): Promise<Round> => {
      const tally = await storedTally(db, b.id);
      return { ballotId: b.id, announced: b.status === 'announced', tally: tally ?? null, ties: b.rules.ties, presidiumDecision: b.presidiumDecision };
    }),
  );
  return { ballots, rounds };
}

export interface FinalSelection extends CombinedSelection {
  /** The ballot whose candidates the selection is drawn from (the first round). */
  firstRound: Ballot;
}

/**
 * The announced selection of the chain `ballot` belongs to (shared/rules/combine.ts, announced rounds only), when
 * a run-off or the presidium settled a tie at the cut; undefined when the first round's own tally is the whole
 * story (or the first round is not announced yet, so nothing combined is final). The projector shows it as the
 * `results` message's `final`, whichever round was announced last, so the hall always ends on the combination.
 */
export async function finalSelection(db: Executor, ballot: Ballot): Promise<FinalSelection | undefined> {
  const chain = await runoffChain(db, ballot);
  const combined = combineRounds(chain.rounds, { announcedOnly: true });
  if (!combined.combined) return undefined;
  return { ...combined, firstRound: chain.ballots[0]! };
}
