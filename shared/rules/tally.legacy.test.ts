import fc from 'fast-check';
import { expect, it } from 'vitest';
import { legacyComputeTally, legacyPaperChecker } from '../../test/helpers/legacy-rules.ts';
import { EVALUATION_OPTIONS, SELECTION_OPTIONS, THRESHOLDS, type BallotRules, type Marks } from '../record.ts';
import { paperChecker } from './paper.ts';
import { computeTally, type TallyInput } from './tally.ts';

// computeTally and paperChecker were rewritten for speed (Object.keys, arrays per candidate). The record's recount
// must not notice: for any ballot and any papers they give exactly what the code they replaced gave (kept verbatim
// in test/helpers/legacy-rules.ts) — the same tally, key order included, and the same verdicts. Papers reach the
// tally through JSON.parse (the server reads them back, `npm run recount` reads a record), so their marks are plain
// objects with a prototype, whose own keys may be "__proto__", "constructor" or "toString"; candidate ids too.

const ODD_IDS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '0', '10', '1', 'length', 'c1', 'c2', 'é', '\u{1F600}'];
const ODD_MARKS = ['maybe', '__proto__', 'constructor', 'toString', ''];

const rulesArb: fc.Arbitrary<BallotRules> = fc.record({
  options: fc.constantFrom([...SELECTION_OPTIONS], [...EVALUATION_OPTIONS]) as fc.Arbitrary<BallotRules['options']>,
  maxApprovals: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
  seats: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
  threshold: fc.constantFrom(...THRESHOLDS),
  blank: fc.constantFrom('abstain', 'invalid'),
  ties: fc.constantFrom('runoff', 'admit-all', 'presidium'),
  secret: fc.boolean(),
});

const inputArb: fc.Arbitrary<TallyInput> = rulesArb.chain((rules) =>
  fc.record({
    rules: fc.constant(rules),
    attendance: fc.integer({ min: 0, max: 30 }).chain((present) => fc.record({ seated: fc.integer({ min: present, max: 40 }), present: fc.constant(present) })),
    candidates: fc.uniqueArray(fc.constantFrom(...ODD_IDS), { minLength: 1, maxLength: 6 }).map((ids) => ids.map((id) => ({ id }))),
    papers: fc.array(
      // Written as JSON text and parsed, as the server and the recount read them: "__proto__" becomes an own key.
      fc
        .array(fc.tuple(fc.constantFrom(...ODD_IDS, 'c99'), fc.constantFrom(...rules.options, ...rules.options, ...ODD_MARKS)), { maxLength: 7 })
        .map((pairs) => ({ marks: JSON.parse(`{${pairs.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',')}}`) as Marks })),
      { maxLength: 25 },
    ),
  }),
);

function outcome(tally: (input: TallyInput) => unknown, input: TallyInput): string {
  try {
    return JSON.stringify(tally(input));
  } catch (err) {
    return `throws ${(err as Error).message}`;
  }
}

it('computeTally gives exactly the tally the code it replaced gave, for marks and candidate ids with odd keys', () => {
  fc.assert(
    fc.property(inputArb, (input) => {
      expect(outcome(computeTally, input)).toBe(outcome(legacyComputeTally, input));
    }),
    { numRuns: 3000 },
  );
});

it('paperChecker gives the verdicts the code it replaced gave, for papers read by JSON.parse', () => {
  fc.assert(
    fc.property(inputArb, ({ rules, candidates, papers }) => {
      const ids = candidates.map((c) => c.id);
      const now = paperChecker(rules, ids);
      const before = legacyPaperChecker(rules, ids);
      for (const { marks } of papers) expect(now(marks)).toEqual(before(marks));
    }),
    { numRuns: 3000 },
  );
});

it('a JSON.parse’d "__proto__" candidate is counted as its own key, never as the prototype', () => {
  const rules: BallotRules = { options: [...SELECTION_OPTIONS], maxApprovals: null, seats: 1, threshold: 'none', blank: 'abstain', ties: 'runoff', secret: true };
  const input: TallyInput = {
    rules,
    attendance: { seated: 3, present: 3 },
    candidates: [{ id: '__proto__' }, { id: 'constructor' }],
    papers: ['{"__proto__":"for"}', '{"constructor":"against"}', '{}'].map((text) => ({ marks: JSON.parse(text) as Marks })),
  };
  const tally = computeTally(input);
  expect(tally.papers).toEqual({ returned: 3, valid: 3, invalid: 0 });
  expect(tally.candidates.map((c) => [c.id, c.counts])).toEqual([
    ['__proto__', { for: 1, against: 0, abstain: 2 }],
    ['constructor', { for: 0, against: 1, abstain: 2 }],
  ]);
  expect(JSON.stringify(tally)).toBe(JSON.stringify(legacyComputeTally(input)));
});
