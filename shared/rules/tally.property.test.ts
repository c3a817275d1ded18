import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EVALUATION_OPTIONS, SELECTION_OPTIONS, tallySchema, type BallotRules, type Marks } from '../record.ts';
import { computeTally, type TallyInput } from './tally.ts';
import { diffTally } from './tally-diff.ts';

const MAX_CANDIDATES = 6;
const candidateIds = Array.from({ length: MAX_CANDIDATES }, (_, i) => `c${i + 1}`);

const rulesArb = (evaluation: boolean): fc.Arbitrary<BallotRules> =>
  fc.record({
    options: fc.constant(evaluation ? [...EVALUATION_OPTIONS] : [...SELECTION_OPTIONS]) as fc.Arbitrary<BallotRules['options']>,
    maxApprovals: fc.option(fc.integer({ min: 1, max: MAX_CANDIDATES }), { nil: null }),
    seats: fc.option(fc.integer({ min: 1, max: MAX_CANDIDATES }), { nil: null }),
    threshold: fc.constantFrom('seated-majority', 'present-majority', 'valid-majority', 'none'),
    blank: fc.constantFrom('abstain', 'invalid'),
    ties: fc.constantFrom('runoff', 'admit-all', 'presidium'),
    secret: fc.boolean(),
  });

/** Papers marking some of the first n candidates; one in ten spoiled (unknown candidate or a value not an option). */
const marksArb = (options: readonly string[], n: number): fc.Arbitrary<Marks> =>
  fc
    .tuple(
      fc.array(fc.option(fc.constantFrom(...options), { nil: null, freq: 4 }), { minLength: n, maxLength: n }),
      fc.constantFrom<'none' | 'unknown-candidate' | 'bad-option'>(...Array<'none'>(18).fill('none'), 'unknown-candidate', 'bad-option'),
    )
    .map(([values, spoil]) => {
      const marks: Marks = {};
      values.forEach((value, i) => {
        if (value !== null) marks[candidateIds[i]!] = value;
      });
      if (spoil === 'unknown-candidate') marks.c99 = options[0]!;
      if (spoil === 'bad-option') marks.c1 = 'maybe';
      return marks;
    });

const inputArb = (evaluation = false): fc.Arbitrary<TallyInput> =>
  fc
    .tuple(rulesArb(evaluation), fc.integer({ min: 1, max: MAX_CANDIDATES }), fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 40 }))
    .chain(([rules, n, a, b]) =>
      fc.record({
        rules: fc.constant(rules),
        attendance: fc.constant({ seated: Math.max(a, b), present: Math.min(a, b) }),
        candidates: fc.constant(candidateIds.slice(0, n).map((id) => ({ id }))),
        papers: fc.array(marksArb(rules.options, n).map((marks) => ({ marks })), { maxLength: 40 }),
      }),
    );

// Ties that straddle the cut are a few percent of random ballots; the selection properties run longer to meet them.
describe('computeTally properties', () => {
  it('always produces a tally the record schema accepts', () => {
    fc.assert(
      fc.property(fc.oneof(inputArb(false), inputArb(true)), (input) => {
        expect(tallySchema.safeParse(computeTally(input)).success).toBe(true);
      }),
    );
  });

  it('is independent of the order of the papers', () => {
    const shuffled = inputArb().chain((input) =>
      fc.tuple(fc.constant(input), fc.shuffledSubarray([...input.papers], { minLength: input.papers.length, maxLength: input.papers.length })),
    );
    fc.assert(
      fc.property(shuffled, ([input, papers]) => {
        expect(diffTally(computeTally({ ...input, papers }), computeTally(input))).toEqual([]);
      }),
    );
  });

  it('accounts for every paper', () => {
    fc.assert(
      fc.property(inputArb(), (input) => {
        const { papers, notVoted } = computeTally(input);
        expect(papers.returned).toBe(input.papers.length);
        expect(papers.valid + papers.invalid).toBe(papers.returned);
        expect(notVoted).toBe(Math.max(0, input.attendance.present - papers.returned));
      }),
    );
  });

  it('with blank = abstain, the counts of each candidate sum to the valid papers', () => {
    fc.assert(
      fc.property(inputArb(), (input) => {
        const tally = computeTally({ ...input, rules: { ...input.rules, blank: 'abstain' } });
        for (const c of tally.candidates) {
          expect((c.counts.for ?? 0) + (c.counts.against ?? 0) + (c.counts.abstain ?? 0)).toBe(tally.papers.valid);
        }
      }),
    );
  });

  it('selects at most the seats (unless admit-all), only passed candidates, never a tied one', () => {
    fc.assert(
      fc.property(inputArb(), (input) => {
        const tally = computeTally(input);
        const { seats, ties } = input.rules;
        const passed = tally.candidates.filter((c) => c.passed).map((c) => c.id);
        if (seats === null) expect(tally.selected).toEqual(expect.arrayContaining(passed));
        else if (ties !== 'admit-all') expect(tally.selected.length).toBeLessThanOrEqual(seats);
        for (const id of tally.selected) expect(passed).toContain(id);
        if (tally.tie) {
          expect(tally.selected.length + tally.tie.places).toBe(seats);
          expect(tally.tie.candidates.length).toBeGreaterThan(tally.tie.places);
          for (const id of tally.tie.candidates) expect(tally.selected).not.toContain(id);
        }
        if (seats !== null) expect(tally.shortfall).toBe(Math.max(0, seats - passed.length));
      }),
      { numRuns: 1000 },
    );
  });

  it('lists selected in rank order, and no unselected passed candidate outranks a selected one', () => {
    fc.assert(
      fc.property(inputArb(), (input) => {
        const tally = computeTally(input);
        const rank = new Map(tally.candidates.map((c) => [c.id, c.rank ?? Infinity]));
        const ranks = tally.selected.map((id) => rank.get(id)!);
        expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
        const worstSelected = Math.max(-Infinity, ...ranks);
        for (const c of tally.candidates) {
          if (c.passed && !c.selected) expect(c.rank!).toBeGreaterThanOrEqual(worstSelected);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
