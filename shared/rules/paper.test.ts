import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { selectionRules } from '../../test/helpers/ballot-record.ts';
import type { BallotRules } from '../record.ts';
import { checkPaper, paperChecker, type PaperCheck } from './paper.ts';

const CANDIDATES = ['c1', 'c2', 'c3'];

/** Two places, at most two 赞成, a majority of the seated. */
const rules = (over: Partial<BallotRules> = {}): BallotRules => selectionRules({ maxApprovals: 2, seats: 2, threshold: 'seated-majority', ...over });

const EVALUATION: Partial<BallotRules> = { options: ['satisfied', 'basically_satisfied', 'dissatisfied'] };

describe('checkPaper', () => {
  it('accepts a paper within the cap', () => {
    expect(checkPaper(rules(), CANDIDATES, { c1: 'for', c2: 'for', c3: 'against' })).toEqual({ valid: true });
  });

  it('accepts a blank paper when blank = abstain', () => {
    expect(checkPaper(rules(), CANDIDATES, {})).toEqual({ valid: true });
  });

  it('refuses a mark for a candidate not on the ballot', () => {
    expect(checkPaper(rules(), CANDIDATES, { c1: 'for', c9: 'for' })).toEqual({ valid: false, reason: 'unknown-candidate', candidateId: 'c9' });
  });

  it('does not mistake inherited properties for candidates', () => {
    expect(checkPaper(rules({ blank: 'invalid' }), ['constructor'], {})).toEqual({ valid: false, reason: 'blank', candidateId: 'constructor' });
    expect(checkPaper(rules(), CANDIDATES, { toString: 'for' })).toMatchObject({ reason: 'unknown-candidate' });
  });

  it('refuses a value that is not one of the options', () => {
    expect(checkPaper(rules(), CANDIDATES, { c2: 'yes' })).toEqual({ valid: false, reason: 'bad-option', candidateId: 'c2' });
    expect(checkPaper(rules(), CANDIDATES, { c2: 'satisfied' })).toMatchObject({ reason: 'bad-option' });
    expect(checkPaper(rules(EVALUATION), CANDIDATES, { c2: 'for' })).toMatchObject({ reason: 'bad-option' });
  });

  it('refuses a paper over the cap, counting only "for" marks', () => {
    expect(checkPaper(rules(), CANDIDATES, { c1: 'for', c2: 'for', c3: 'for' })).toEqual({ valid: false, reason: 'over-cap' });
    expect(checkPaper(rules({ maxApprovals: 1 }), CANDIDATES, { c1: 'for', c2: 'against', c3: 'abstain' })).toEqual({ valid: true });
  });

  it('has no cap when maxApprovals is null', () => {
    expect(checkPaper(rules({ maxApprovals: null }), CANDIDATES, { c1: 'for', c2: 'for', c3: 'for' })).toEqual({ valid: true });
  });

  it('ignores maxApprovals on an evaluation', () => {
    const marks = { c1: 'satisfied', c2: 'satisfied', c3: 'satisfied' };
    expect(checkPaper(rules({ ...EVALUATION, maxApprovals: 1 }), CANDIDATES, marks)).toEqual({ valid: true });
  });

  it('refuses a paper leaving a candidate unmarked when blank = invalid', () => {
    expect(checkPaper(rules({ blank: 'invalid' }), CANDIDATES, { c1: 'for', c3: 'against' })).toEqual({ valid: false, reason: 'blank', candidateId: 'c2' });
    expect(checkPaper(rules({ blank: 'invalid' }), CANDIDATES, { c1: 'for', c2: 'abstain', c3: 'against' })).toEqual({ valid: true });
  });

  it('reports the first problem in a fixed order', () => {
    const marks = { c1: 'for', c2: 'for', c3: 'for', c4: 'maybe' };
    expect(checkPaper(rules({ blank: 'invalid' }), [...CANDIDATES, 'c5'], marks)).toMatchObject({ reason: 'unknown-candidate' });
    expect(checkPaper(rules({ blank: 'invalid' }), [...CANDIDATES, 'c4', 'c5'], marks)).toMatchObject({ reason: 'bad-option' });
    expect(checkPaper(rules({ blank: 'invalid' }), [...CANDIDATES, 'c5'], { c1: 'for', c2: 'for', c3: 'for' })).toMatchObject({ reason: 'over-cap' });
  });
});

describe('paperChecker against the rule as written', () => {
  // DESIGN §4.2, §9, in its plainest form: the first problem in the order unknown candidate, bad option, over cap,
  // blank. The checker is written for speed (a close checks thousands of papers); it must say the same.
  function asWritten(r: BallotRules, ids: readonly string[], marks: Record<string, string>): PaperCheck {
    const entries = Object.entries(marks);
    const unknown = entries.find(([id]) => !ids.includes(id));
    if (unknown) return { valid: false, reason: 'unknown-candidate', candidateId: unknown[0] };
    const bad = entries.find(([, mark]) => !(r.options as readonly string[]).includes(mark));
    if (bad) return { valid: false, reason: 'bad-option', candidateId: bad[0] };
    const evaluation = r.options.includes('satisfied' as never);
    if (!evaluation && r.maxApprovals !== null && entries.filter(([, m]) => m === 'for').length > r.maxApprovals) return { valid: false, reason: 'over-cap' };
    const unmarked = ids.find((id) => !Object.hasOwn(marks, id));
    if (r.blank === 'invalid' && unmarked !== undefined) return { valid: false, reason: 'blank', candidateId: unmarked };
    return { valid: true };
  }

  it('gives the same verdict for any paper, selection or evaluation', () => {
    const ids = ['c1', 'c2', 'c3', 'c4'];
    const mark = fc.constantFrom('for', 'against', 'abstain', 'satisfied', 'basically_satisfied', 'dissatisfied', 'maybe');
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.constantFrom<BallotRules['blank']>('abstain', 'invalid'),
        fc.option(fc.integer({ min: 0, max: 4 }), { nil: null }),
        fc.dictionary(fc.constantFrom('c1', 'c2', 'c3', 'c4', 'x9', '__proto__'), mark),
        (evaluation, blank, maxApprovals, marks) => {
          const r = rules({ blank, maxApprovals, ...(evaluation ? EVALUATION : {}) });
          expect(paperChecker(r, ids)(marks)).toEqual(asWritten(r, ids, marks));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
