import { isEvaluation, type Attendance, type BallotOption, type BallotRules, type Marks, type Tally, type TallyCandidate } from '../record.ts';
import { rateCandidate, satisfactionRate } from './evaluation.ts';
import { paperChecker } from './paper.ts';
import { rankContenders, selectCandidates, type Contender } from './selection.ts';
import { isMajority, thresholdBase } from './threshold.ts';

export interface TallyInput {
  rules: BallotRules;
  attendance: Attendance;
  /** In ballot order: the tally lists candidates, and breaks equal ranks, in this order. */
  candidates: readonly { id: string }[];
  papers: readonly { marks: Marks }[];
}

type Counts = Record<BallotOption, number>;

/**
 * The tally of a closed ballot (DESIGN.md §9). The one function behind the server's results and
 * `npm run recount`: the same papers always give the same tally, whatever their order. An evaluation rated by
 * "rated-majority" (record @2) measures each candidate against the valid papers that rated it. Throws (a
 * programming error, not input) on duplicate candidate ids and on "rated-majority" for a selection ballot.
 */
export function computeTally(input: TallyInput): Tally {
  const { rules, attendance } = input;
  const candidateIds = input.candidates.map((c) => c.id);
  if (new Set(candidateIds).size !== candidateIds.length) throw new Error('computeTally: candidate ids must be unique');
  const evaluation = isEvaluation(rules.options);

  // Counted in one array per candidate, indexed by the option's place in rules.options (a close counts thousands
  // of papers on a cold code path); a valid paper marks only the ballot's options.
  const optionAt = new Map<string, number>(rules.options.map((option, i) => [option, i]));
  const table = candidateIds.map(() => rules.options.map(() => 0));
  const abstain = evaluation ? -1 : optionAt.get('abstain')!;
  const checkPaper = paperChecker(rules, candidateIds);
  let valid = 0;
  for (const { marks } of input.papers) {
    if (!checkPaper(marks).valid) continue;
    valid += 1;
    for (let c = 0; c < candidateIds.length; c++) {
      const id = candidateIds[c]!;
      // On an evaluation an unmarked candidate counts under no option; with blank = invalid it cannot occur.
      const at = Object.hasOwn(marks, id) ? optionAt.get(marks[id]!)! : abstain;
      if (at >= 0) table[c]![at]! += 1;
    }
  }
  const counts = new Map<string, Partial<Counts>>(
    candidateIds.map((id, c) => [id, Object.fromEntries(rules.options.map((option, i) => [option, table[c]![i]!]))]),
  );

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
