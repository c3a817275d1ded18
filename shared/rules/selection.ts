import type { TallyTie, TieRule } from '../record.ts';

/** A candidate that passed the threshold, with its 赞成 count. Lists of these are in ballot order. */
export interface Contender {
  id: string;
  votes: number;
}

export interface Selection {
  /** In rank order; equal ranks keep the ballot's order. */
  selected: string[];
  tie: TallyTie | null;
  shortfall: number;
}

/** Competition ranking by votes, descending: equal counts share a rank and the next rank skips (1, 2, 2, 4). */
export function rankContenders(passed: readonly Contender[]): Map<string, number> {
  const ranks = new Map<string, number>();
  for (const c of passed) ranks.set(c.id, 1 + passed.filter((other) => other.votes > c.votes).length);
  return ranks;
}

/** Highest votes first; Array.prototype.sort is stable, so ties stay in ballot order. */
function byVotes(passed: readonly Contender[]): Contender[] {
  return [...passed].sort((a, b) => b.votes - a.votes);
}

/**
 * Who takes the `seats` places (DESIGN.md §4.4–4.5, §9). With no seats everyone who passed is selected. When
 * the candidates sharing the last qualifying count do not all fit, a run-off or the presidium decides between
 * them (none is selected yet), or with admit-all all of them are selected.
 */
export function selectCandidates(passed: readonly Contender[], seats: number | null, ties: TieRule): Selection {
  const ranked = byVotes(passed);
  if (seats === null) return { selected: ranked.map((c) => c.id), tie: null, shortfall: 0 };
  if (ranked.length <= seats) return { selected: ranked.map((c) => c.id), tie: null, shortfall: seats - ranked.length };

  const cut = ranked[seats - 1]!.votes;
  const above = ranked.filter((c) => c.votes > cut);
  const atCut = ranked.filter((c) => c.votes === cut);
  const places = seats - above.length;
  if (atCut.length <= places || ties === 'admit-all') {
    return { selected: [...above, ...atCut].map((c) => c.id), tie: null, shortfall: 0 };
  }
  const tied = new Set(atCut.map((c) => c.id));
  return {
    selected: above.map((c) => c.id),
    tie: { candidates: passed.filter((c) => tied.has(c.id)).map((c) => c.id), places, resolution: ties },
    shortfall: 0,
  };
}
