import { useEffect, useState } from 'preact/hooks';
import type { Tally } from '../../../shared/record.ts';
import { get } from '../api.ts';
import { consoleCombined } from './combined.ts';
import type { BallotCandidate, BallotDetail, BallotView, TallyReply } from '../../../shared/responses/ballots.ts';
import type { ResultsMessage } from '../../../shared/ws.ts';
import { ballotDetailSchema, tallyReplySchema } from '../../../shared/responses/ballots.ts';

export interface Combined {
  /** First round's selected, then those each run-off (or the presidium) added. */
  selected: string[];
  rounds: string[];
  /** The first round's candidates, to name them all. */
  candidates: BallotCandidate[];
  how: 'runoff' | 'presidium';
}

/**
 * The selection of all rounds together (the shared rule, shared/rules/combine.ts, via consoleCombined) when a tie at the cut was settled — by a run-off (this ballot is one) or
 * by the presidium (recorded on this ballot). null when the ballot's own tally is the whole story. The announced
 * `results` message carries it as `final`; before announcement the console works it out from the rounds' tallies.
 */
export function useCombinedSelection(ballot: BallotView, candidates: BallotCandidate[], tally: Tally | null, results: ResultsMessage | null): Combined | null {
  const [combined, setCombined] = useState<Combined | null>(null);
  const fromResults = results?.ballotId === ballot.id && results.final ? results.final : null;
  useEffect(() => {
    let live = true;
    setCombined(null);
    if (!tally) return;
    if (!ballot.runoffOf) {
      const own = consoleCombined([{ ballot, tally }]);
      if (own) setCombined({ selected: own.selected, rounds: own.rounds, candidates, how: 'presidium' });
      return;
    }
    void (async () => {
      const chain: TallyReply[] = [];
      let parentId: string | null = ballot.runoffOf;
      while (parentId && chain.length < 20) {
        const res = await get(`/api/ballots/${encodeURIComponent(parentId)}/tally`, tallyReplySchema);
        if (!res.ok) return;
        chain.unshift(res.body);
        parentId = res.body.ballot.runoffOf;
      }
      const first = chain[0];
      if (!first) return;
      const firstDetail = await get(`/api/ballots/${encodeURIComponent(first.ballot.id)}`, ballotDetailSchema);
      if (!live || !firstDetail.ok) return;
      const all = consoleCombined([...chain, { ballot, tally }]);
      if (!all) return;
      setCombined({ selected: all.selected, rounds: all.rounds, candidates: firstDetail.body.candidates, how: 'runoff' });
    })();
    return () => {
      live = false;
    };
  }, [ballot.id, ballot.presidiumDecision?.join(','), tally]);

  if (fromResults) {
    const byId = new Map(candidates.map((c) => [c.id, c]));
    const named = fromResults.candidates.map((c) => ({ ...c, category: byId.get(c.id)?.category ?? null, summary: byId.get(c.id)?.summary ?? '' }));
    return { selected: fromResults.selected, rounds: fromResults.rounds, candidates: named, how: fromResults.rounds.length > 1 ? 'runoff' : 'presidium' };
  }
  return combined;
}
