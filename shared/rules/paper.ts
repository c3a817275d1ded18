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

  // Object.keys and plain loops rather than Object.entries and filter: a close tallies thousands of papers on a
  // cold code path, where the entries' arrays cost several times the check itself (docs/performance.md).
  return (marks) => {
    const ids = Object.keys(marks);
    for (const candidateId of ids) {
      if (!onBallot.has(candidateId)) return { valid: false, reason: 'unknown-candidate', candidateId };
    }
    let approvals = 0;
    for (const candidateId of ids) {
      const mark = marks[candidateId]!;
      if (!options.has(mark)) return { valid: false, reason: 'bad-option', candidateId };
      if (mark === 'for') approvals++;
    }
    if (cap !== null && approvals > cap) return { valid: false, reason: 'over-cap' };
    if (rules.blank === 'invalid') {
      for (const candidateId of candidateIds) if (!Object.hasOwn(marks, candidateId)) return { valid: false, reason: 'blank', candidateId };
    }
    return VALID;
  };
}

const VALID: PaperCheck = Object.freeze({ valid: true });

/** One paper: see paperChecker. */
export function checkPaper(rules: PaperRules, candidateIds: readonly string[], marks: Marks): PaperCheck {
  return paperChecker(rules, candidateIds)(marks);
}
