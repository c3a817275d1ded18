// The selection across a ballot, its run-offs (再次投票) and a presidium decision (主席团决定): one rule, used by
// the projector (the `results` message's `final`), promotion to 民生实事项目 and the console. DESIGN.md §3 (ties at
// the cut), §7 (announcement).

/** One round of a run-off chain as the rule needs it. */
export interface Round {
  ballotId: string;
  /** True once the round is announced (宣布). */
  announced: boolean;
  /** The round's stored tally; null until the ballot is closed. */
  tally: { selected: readonly string[]; tie: { candidates: readonly string[]; places: number } | null } | null;
  /** How the round settles a tie at the cut. */
  ties: string;
  /** The tied candidates the presidium chose (ties = presidium), once recorded. */
  presidiumDecision: readonly string[] | null;
}

export type Via = 'vote' | 'runoff' | 'presidium';

export interface Pick {
  candidateId: string;
  via: Via;
  /** The round whose vote (or presidium decision) selected the candidate. */
  byBallotId: string;
}

export interface CombinedSelection {
  /** In order: the first round's selected (rank order), then those the presidium or each run-off added; no repeats. */
  picks: Pick[];
  /** `picks` as candidate ids. */
  selected: string[];
  /** The rounds this selection combines, first round first: a prefix of the chain. */
  rounds: string[];
  /** True when more than the first round's own vote decided it (a run-off or the presidium added someone). */
  combined: boolean;
}

/**
 * Combines a run-off chain, first round first (a run-off has at most one run-off of its own, so it is a line).
 * Walks the rounds in order and stops at the first round that does not count yet, so a later round never counts
 * without every earlier one: with `announcedOnly` a round counts once it is announced — a run-off's result is
 * final only when its first round is announced too, whichever order the secretariat announced them in; without
 * it (the console's preview) a round counts once it has a tally. Each counted round adds its tally's selected
 * (via `vote` for the first round, `runoff` after), and when its tie is settled by the presidium, the decision
 * (via `presidium`). A candidate already picked is not picked again. Pure; throws nothing.
 */
export function combineRounds(chain: readonly Round[], opts: { announcedOnly: boolean }): CombinedSelection {
  const picks: Pick[] = [];
  const seen = new Set<string>();
  const rounds: string[] = [];
  const add = (candidateId: string, via: Via, byBallotId: string) => {
    if (seen.has(candidateId)) return;
    seen.add(candidateId);
    picks.push({ candidateId, via, byBallotId });
  };
  for (const [i, round] of chain.entries()) {
    if (!round.tally || (opts.announcedOnly && !round.announced)) break;
    rounds.push(round.ballotId);
    for (const id of round.tally.selected) add(id, i === 0 ? 'vote' : 'runoff', round.ballotId);
    if (round.tally.tie && round.ties === 'presidium') for (const id of round.presidiumDecision ?? []) add(id, 'presidium', round.ballotId);
  }
  return { picks, selected: picks.map((p) => p.candidateId), rounds, combined: picks.some((p) => p.via !== 'vote') || rounds.length > 1 };
}
