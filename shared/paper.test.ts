import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.ts';
import { paperDigestText } from './paper.ts';

describe('paperDigestText', () => {
  // The receipt digest is a public contract (README, "The ballot record"): canonical JSON of {ballot, id, marks}.
  // It is assembled from the marks' canonical JSON for speed; it must stay that text for any ids and marks.
  it('is the canonical JSON of {ballot, id, marks} for any ballot id, paper id and marks', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.dictionary(fc.string({ minLength: 1 }), fc.constantFrom('for', 'against', 'abstain', 'satisfied')), (ballot, id, marks) => {
        expect(paperDigestText(ballot, id, marks)).toBe(canonicalJson({ ballot, id, marks }));
      }),
      { numRuns: 500 },
    );
  });

  it('escapes quotes, backslashes and control characters as JSON does', () => {
    const marks = { 'c"1': 'for', 'c\\2': 'against', 'c\u00003': 'abstain', '中文': 'for' };
    expect(paperDigestText('b"x', 'p\n1', marks)).toBe(canonicalJson({ ballot: 'b"x', id: 'p\n1', marks }));
  });
});
