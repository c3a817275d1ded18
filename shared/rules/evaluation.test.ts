import { describe, expect, it } from 'vitest';
import { evaluationRules as rules } from '../../test/helpers/ballot-record.ts';
import { BLANK_RULES, THRESHOLDS, type BallotRules, type Marks } from '../record.ts';
import { rateCandidate, satisfactionRate } from './evaluation.ts';
import { computeTally } from './tally.ts';


/** Papers for one candidate "c1": s 满意, b 基本满意, d 不满意 and u left unmarked. */
function papers(s: number, b: number, d: number, u = 0): { marks: Marks }[] {
  const mark = (value: string | null, n: number) => Array.from({ length: n }, (): { marks: Marks } => ({ marks: value ? { c1: value } : {} }));
  return [...mark('satisfied', s), ...mark('basically_satisfied', b), ...mark('dissatisfied', d), ...mark(null, u)];
}

function rate(s: number, b: number, d: number, u = 0, over: Partial<BallotRules> = {}, attendance = { seated: 100, present: 100 }) {
  const tally = computeTally({ rules: rules(over), attendance, candidates: [{ id: 'c1' }], papers: papers(s, b, d, u) });
  return tally.candidates[0]!;
}

describe('rateCandidate', () => {
  it('is satisfied only with more than half satisfied', () => {
    expect(rateCandidate({ satisfied: 6, basically_satisfied: 0 }, 10)).toBe('satisfied');
    expect(rateCandidate({ satisfied: 5, basically_satisfied: 0 }, 10)).toBe('dissatisfied');
    expect(rateCandidate({ satisfied: 5, basically_satisfied: 1 }, 10)).toBe('basically_satisfied');
  });

  it('is basically satisfied only with more than half satisfied or basically satisfied', () => {
    expect(rateCandidate({ satisfied: 3, basically_satisfied: 3 }, 10)).toBe('basically_satisfied');
    expect(rateCandidate({ satisfied: 3, basically_satisfied: 2 }, 10)).toBe('dissatisfied');
    expect(rateCandidate({ satisfied: 0, basically_satisfied: 6 }, 11)).toBe('basically_satisfied');
    expect(rateCandidate({ satisfied: 0, basically_satisfied: 5 }, 11)).toBe('dissatisfied');
  });

  it('rates a candidate with no votes over an empty base dissatisfied', () => {
    expect(rateCandidate({ satisfied: 0, basically_satisfied: 0 }, 0)).toBe('dissatisfied');
  });
});

describe('satisfactionRate', () => {
  it('is (satisfied + basically satisfied) over all valid papers', () => {
    expect(satisfactionRate({ satisfied: 1, basically_satisfied: 1 }, 4)).toBe(0.5);
  });

  it('is 0 with no valid paper', () => {
    expect(satisfactionRate({ satisfied: 0, basically_satisfied: 0 }, 0)).toBe(0);
  });
});

describe('computeTally: evaluation ballots', () => {
  it('counts each option, an unmarked candidate under none', () => {
    expect(rate(3, 2, 1, 4).counts).toEqual({ satisfied: 3, basically_satisfied: 2, dissatisfied: 1 });
  });

  it('has rating and satisfactionRate, and no passed, rank or selected', () => {
    const tally = computeTally({ rules: rules({ seats: 3 }), attendance: { seated: 10, present: 10 }, candidates: [{ id: 'c1' }, { id: 'c2' }], papers: papers(5, 1, 1) });
    expect(Object.keys(tally.candidates[0]!)).toEqual(['id', 'counts', 'rating', 'satisfactionRate']);
    expect(tally.selected).toEqual([]);
    expect(tally.tie).toBeNull();
    expect(tally.shortfall).toBe(0);
  });

  it('ignores the ties setting: equal candidates make no tie', () => {
    const both = papers(4, 0, 0).map(() => ({ marks: { c1: 'satisfied', c2: 'satisfied' } }));
    const tally = computeTally({ rules: rules({ seats: 1 }), attendance: { seated: 4, present: 4 }, candidates: [{ id: 'c1' }, { id: 'c2' }], papers: both });
    expect(tally.tie).toBeNull();
    expect(tally.selected).toEqual([]);
  });

  it('ignores maxApprovals: satisfied with every candidate is a valid paper', () => {
    const tally = computeTally({
      rules: rules({ maxApprovals: 1 }),
      attendance: { seated: 4, present: 4 },
      candidates: [{ id: 'c1' }, { id: 'c2' }],
      papers: [{ marks: { c1: 'satisfied', c2: 'satisfied' } }],
    });
    expect(tally.papers).toEqual({ returned: 1, valid: 1, invalid: 0 });
  });

  it('counts a selection mark on an evaluation paper invalid', () => {
    const tally = computeTally({ rules: rules(), attendance: { seated: 4, present: 4 }, candidates: [{ id: 'c1' }], papers: [{ marks: { c1: 'for' } }] });
    expect(tally.papers.invalid).toBe(1);
  });

  it('with blank = invalid, a paper leaving a project unrated is invalid', () => {
    const tally = computeTally({
      rules: rules({ blank: 'invalid' }),
      attendance: { seated: 4, present: 4 },
      candidates: [{ id: 'c1' }, { id: 'c2' }],
      papers: [{ marks: { c1: 'satisfied' } }, { marks: { c1: 'satisfied', c2: 'dissatisfied' } }],
    });
    expect(tally.papers).toEqual({ returned: 2, valid: 1, invalid: 1 });
  });

  it('valid-majority: boundaries at exactly half', () => {
    expect(rate(6, 0, 4).rating).toBe('satisfied');
    expect(rate(5, 0, 5).rating).toBe('dissatisfied');
    expect(rate(5, 1, 4).rating).toBe('basically_satisfied');
    expect(rate(3, 2, 5).rating).toBe('dissatisfied');
  });

  it('valid-majority: unmarked papers count in the base', () => {
    // 5 of the 6 papers that rate c1 say satisfied, but the 4 that left it unmarked are valid papers too.
    expect(rate(5, 0, 1, 4).rating).toBe('dissatisfied');
    expect(rate(6, 0, 0, 4).rating).toBe('satisfied');
  });

  it('"none" measures against valid papers', () => {
    expect(rate(5, 0, 5, 0, { threshold: 'none' }).rating).toBe('dissatisfied');
    expect(rate(6, 0, 4, 0, { threshold: 'none' }).rating).toBe('satisfied');
  });

  it('seated-majority measures against the seated, whoever voted', () => {
    const attendance = { seated: 20, present: 12 };
    expect(rate(10, 0, 0, 0, { threshold: 'seated-majority' }, attendance).rating).toBe('dissatisfied');
    expect(rate(10, 1, 0, 0, { threshold: 'seated-majority' }, attendance).rating).toBe('basically_satisfied');
    expect(rate(11, 0, 0, 0, { threshold: 'seated-majority' }, attendance).rating).toBe('satisfied');
  });

  it('present-majority measures against those present', () => {
    const attendance = { seated: 20, present: 12 };
    expect(rate(6, 0, 0, 0, { threshold: 'present-majority' }, attendance).rating).toBe('dissatisfied');
    expect(rate(7, 0, 0, 0, { threshold: 'present-majority' }, attendance).rating).toBe('satisfied');
  });

  it('satisfactionRate includes papers that left the candidate unmarked, and excludes invalid ones', () => {
    expect(rate(1, 1, 0, 2).satisfactionRate).toBe(0.5);
    const tally = computeTally({
      rules: rules(),
      attendance: { seated: 4, present: 4 },
      candidates: [{ id: 'c1' }],
      papers: [...papers(1, 2, 0), { marks: { c1: 'satisfied', c9: 'satisfied' } }],
    });
    expect(tally.candidates[0]!.satisfactionRate).toBe(1);
  });

  it('satisfactionRate is 0 and the rating dissatisfied with no papers', () => {
    expect(rate(0, 0, 0)).toEqual({ id: 'c1', counts: { satisfied: 0, basically_satisfied: 0, dissatisfied: 0 }, rating: 'dissatisfied', satisfactionRate: 0 });
  });
});

describe('computeTally: the "rated-majority" base (DESIGN.md §9, record @2)', () => {
  const rated = (s: number, b: number, d: number, u: number) => rate(s, b, d, u, { threshold: 'rated-majority' });

  it('measures rating and 满意率 against the papers that rated the candidate, skips left out', () => {
    // 40 satisfied of 70 raters is a majority of raters, not of the 100 valid papers.
    expect(rated(40, 20, 10, 30)).toMatchObject({ rating: 'satisfied', satisfactionRate: 60 / 70 });
    expect(rate(40, 20, 10, 30)).toMatchObject({ rating: 'basically_satisfied', satisfactionRate: 60 / 100 });
  });

  it('is strict: exactly half of the raters is not a majority', () => {
    expect(rated(5, 0, 5, 7)).toMatchObject({ rating: 'dissatisfied', satisfactionRate: 0.5 });
    expect(rated(5, 1, 4, 7)).toMatchObject({ rating: 'basically_satisfied' });
    expect(rated(6, 0, 4, 7)).toMatchObject({ rating: 'satisfied' });
  });

  it('rates a candidate nobody rated dissatisfied with 满意率 0', () => {
    expect(rated(0, 0, 0, 9)).toMatchObject({ rating: 'dissatisfied', satisfactionRate: 0 });
  });

  it('gives each candidate its own base', () => {
    const tally = computeTally({
      rules: rules({ threshold: 'rated-majority' }),
      attendance: { seated: 10, present: 10 },
      candidates: [{ id: 'c1' }, { id: 'c2' }],
      papers: [
        { marks: { c1: 'satisfied', c2: 'dissatisfied' } },
        { marks: { c1: 'satisfied' } },
        { marks: { c1: 'dissatisfied' } },
        { marks: { c2: 'satisfied' } },
      ],
    });
    expect(tally.candidates.map((c) => [c.rating, c.satisfactionRate])).toEqual([
      ['satisfied', 2 / 3],
      ['dissatisfied', 1 / 2],
    ]);
  });

  it('about 80 % satisfied is never 不满意 under any base, however many skip', () => {
    for (const threshold of ['valid-majority', 'rated-majority'] as const) {
      for (const skip of [0, 5, 10]) {
        const c = rate(81 - skip, 15, 5, skip, { threshold });
        expect(c.rating, `${threshold}, ${skip} skipped`).toBe('satisfied');
      }
    }
  });

  it('about 80 % satisfied is never 不满意 under any setting a stored evaluation can carry (issue 14)', () => {
    // Issue 14 found 101 papers at about 80 % 满意 announced 不满意 under the 票决 rule. Every threshold the record
    // format allows (older evaluations carry the selection ones), either blank rule, 101 of 120 seated voting.
    const attendance = { seated: 120, present: 101 };
    for (const threshold of THRESHOLDS) {
      for (const blank of BLANK_RULES) {
        for (const skip of [0, 3, 10]) {
          const c = rate(81 - skip, 12, 5, skip + 3, { threshold, blank }, attendance);
          expect(c.rating, `${threshold}, blank ${blank}, ${skip + 3} skipped`).not.toBe('dissatisfied');
          expect(c.satisfactionRate, `${threshold}, blank ${blank}`).toBeGreaterThan(0.8);
        }
      }
    }
  });

  it('is refused on a selection ballot', () => {
    expect(() =>
      computeTally({
        rules: { ...rules(), options: ['for', 'against', 'abstain'], threshold: 'rated-majority' },
        attendance: { seated: 1, present: 1 },
        candidates: [{ id: 'c1' }],
        papers: [],
      }),
    ).toThrow(/evaluation ballots only/);
  });
});
