import { isEvaluation, type BallotRules, type Marks } from '../record.ts';

export type PaperInvalidReason = 'unknown-candidate' | 'bad-option' | 'over-cap' | 'blank';
export type PaperCheck = { valid: true } | { valid: false; reason: PaperInvalidReason; candidateId?: string };

export type PaperRules = Pick<BallotRules, 'options' | 'maxApprovals' | 'blank'>;

/**
 * Whether papers count (DESIGN.md §4.2, §9), prepared once per ballot so a tally of thousands of papers does
 * not rebuild its lookups per paper. An invalid paper (废票) is counted as returned and invalid, never repaired:
 * a paper over the cap is not trimmed, a paper naming an unknown candidate is not filtered.
 * The first problem found is reported, in the order: unknown candidate, bad option, over cap, blank.
 */
export function paperChecker(rules: PaperRules, candidateIds: readonly string[]): (marks: Marks) => PaperCheck {
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

/** One paper: see paperChecker. */
export function checkPaper(rules: PaperRules, candidateIds: readonly string[], marks: Marks): PaperCheck {
  return paperChecker(rules, candidateIds)(marks);
}
