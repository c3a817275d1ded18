// The paper check and the tally as they were before they were rewritten for speed (git show 695e6bb:shared/rules/
// paper.ts, tally.ts), kept verbatim so that a test can hold the rewrite to exactly their semantics.

import { isEvaluation, type BallotOption, type Tally, type TallyCandidate } from '../../shared/record.ts';
import type { PaperCheck, PaperRules } from '../../shared/rules/paper.ts';
import { rateCandidate, satisfactionRate } from '../../shared/rules/evaluation.ts';
import { rankContenders, selectCandidates, type Contender } from '../../shared/rules/selection.ts';
import type { TallyInput } from '../../shared/rules/tally.ts';
import { isMajority, thresholdBase } from '../../shared/rules/threshold.ts';
import type { Marks } from '../../shared/record.ts';

/**
 * Whether papers count (DESIGN.md §4.2, §9), prepared once per ballot so a tally of thousands of papers does
 * not rebuild its lookups per paper. An invalid paper (废票) is counted as returned and invalid, never repaired:
 * a paper over the cap is not trimmed, a paper naming an unknown candidate is not filtered.
 * The first problem found is reported, in the order: unknown candidate, bad option, over cap, blank.
 */
export function legacyPaperChecker(rules: PaperRules, candidateIds: readonly string[]): (marks: Marks) => PaperCheck {
  const onBallot = new Set(candidateIds);
  const options = new Set<string>(rules.options);
  // The cap limits 赞成 on a selection ballot; an evaluation has no cap whatever maxApprovals says.
  const cap = isEvaluation(rules.options) ? null : rules.maxApprovals;

  return (marks) => {
    const entries = Object.entries(marks);
    for (const [candidateId] of entries) {
      if (!onBallot.has(candidateId)) return { valid: false, reason: 'unknown-candidate', candidateId };
    }
    for (const [candidateId, mark] of entries) {
      if (!options.has(mark)) return { valid: false, reason: 'bad-option', candidateId };
    }
    if (cap !== null && entries.filter(([, mark]) => mark === 'for').length > cap) return { valid: false, reason: 'over-cap' };
    if (rules.blank === 'invalid') {
      const unmarked = candidateIds.find((id) => !Object.hasOwn(marks, id));
      if (unmarked !== undefined) return { valid: false, reason: 'blank', candidateId: unmarked };
    }
    return { valid: true };
  };
}




type Counts = Record<BallotOption, number>;

/**
 * The tally of a closed ballot (DESIGN.md §9). The one function behind the server's results and
 * `npm run recount`: the same papers always give the same tally, whatever their order. An evaluation rated by
 * "rated-majority" (record @2) measures each candidate against the valid papers that rated it. Throws (a
 * programming error, not input) on duplicate candidate ids and on "rated-majority" for a selection ballot.
 */
export function legacyComputeTally(input: TallyInput): Tally {
  const { rules, attendance } = input;
  const candidateIds = input.candidates.map((c) => c.id);
  if (new Set(candidateIds).size !== candidateIds.length) throw new Error('computeTally: candidate ids must be unique');
  const evaluation = isEvaluation(rules.options);

  const counts = new Map<string, Partial<Counts>>(
    candidateIds.map((id) => [id, Object.fromEntries(rules.options.map((option) => [option, 0]))]),
  );
  const checkPaper = legacyPaperChecker(rules, candidateIds);
  let valid = 0;
  for (const { marks } of input.papers) {
    if (!checkPaper(marks).valid) continue;
    valid += 1;
    for (const id of candidateIds) {
      // On an evaluation an unmarked candidate counts under no option; with blank = invalid it cannot occur.
      const mark = Object.hasOwn(marks, id) ? (marks[id] as BallotOption) : evaluation ? undefined : 'abstain';
      if (mark === undefined) continue;
      const own = counts.get(id)!;
      own[mark] = (own[mark] ?? 0) + 1;
    }
  }

  const returned = input.papers.length;
  const common = {
    papers: { returned, valid, invalid: returned - valid },
    notVoted: Math.max(0, attendance.present - returned),
  };

  if (evaluation) {
    const candidates = candidateIds.map((id): TallyCandidate => {
      const own = counts.get(id)!;
      const marked = { satisfied: own.satisfied ?? 0, basically_satisfied: own.basically_satisfied ?? 0 };
      // "rated-majority": the valid papers that rated this candidate are the base of both rating and 满意率.
      const rated = marked.satisfied + marked.basically_satisfied + (own.dissatisfied ?? 0);
      const rateBase = rules.threshold === 'rated-majority' ? rated : valid;
      const base = thresholdBase(rules.threshold, attendance, valid, rated) ?? valid;
      return { id, counts: own, rating: rateCandidate(marked, base), satisfactionRate: satisfactionRate(marked, rateBase) };
    });
    return { ...common, candidates, selected: [], tie: null, shortfall: 0 };
  }

  if (rules.threshold === 'rated-majority') throw new Error('computeTally: "rated-majority" is for evaluation ballots only');
  const base = thresholdBase(rules.threshold, attendance, valid);

  const votesFor = (id: string) => counts.get(id)!.for ?? 0;
  const passed: Contender[] = candidateIds
    .filter((id) => base === null || isMajority(votesFor(id), base))
    .map((id) => ({ id, votes: votesFor(id) }));
  const ranks = rankContenders(passed);
  const { selected, tie, shortfall } = selectCandidates(passed, rules.seats, rules.ties);
  const chosen = new Set(selected);
  const candidates = candidateIds.map(
    (id): TallyCandidate => ({
      id,
      counts: counts.get(id)!,
      passed: ranks.has(id),
      rank: ranks.get(id) ?? null,
      selected: chosen.has(id),
    }),
  );
  return { ...common, candidates, selected, tie, shortfall };
}
