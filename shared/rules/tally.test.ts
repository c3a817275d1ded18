import { describe, expect, it } from 'vitest';
import { selectionRules as rules } from '../../test/helpers/ballot-record.ts';
import type { BallotRules, Marks } from '../record.ts';
import { computeTally } from './tally.ts';


function ids(n: number): { id: string }[] {
  return Array.from({ length: n }, (_, i) => ({ id: `c${i + 1}` }));
}

/** `total` papers; candidate c gets "for" on the first votes[c] of them and `rest` (or nothing) on the others. */
function papersWithFor(votes: Record<string, number>, total: number, rest?: 'against' | 'abstain'): { marks: Marks }[] {
  return Array.from({ length: total }, (_, i) => {
    const marks: Marks = {};
    for (const [id, n] of Object.entries(votes)) {
      if (i < n) marks[id] = 'for';
      else if (rest) marks[id] = rest;
    }
    return { marks };
  });
}

/** Tally of a ballot whose candidates c1…cN (N = votes.length) get the given "for" counts. */
function tallyOfVotes(votes: number[], over: Partial<BallotRules> = {}, attendance = { seated: 200, present: 200 }) {
  const byId = Object.fromEntries(votes.map((n, i) => [`c${i + 1}`, n]));
  return computeTally({ rules: rules(over), attendance, candidates: ids(votes.length), papers: papersWithFor(byId, Math.max(0, ...votes)) });
}

describe('computeTally: papers and counts', () => {
  // The same three papers under either blank setting (c1 赞成 with c2 反对 or 弃权, c1 赞成 alone, a blank one);
  // notVoted is the present who returned none (5 present, 3 papers).
  it.each([
    { what: 'counts marks on valid papers, unmarked as abstain when blank = abstain', blank: 'abstain', c2: 'against',
      papers: { returned: 3, valid: 3, invalid: 0 }, counts: [{ for: 2, against: 0, abstain: 1 }, { for: 0, against: 1, abstain: 2 }] },
    { what: 'counts a blank paper as invalid when blank = invalid, and nothing on it', blank: 'invalid', c2: 'abstain',
      papers: { returned: 3, valid: 1, invalid: 2 }, counts: [{ for: 1, against: 0, abstain: 0 }, { for: 0, against: 0, abstain: 1 }] },
  ] as const)('$what', ({ blank, c2, papers, counts }) => {
    const tally = computeTally({
      rules: rules({ blank }),
      attendance: { seated: 5, present: 5 },
      candidates: ids(2),
      papers: [{ marks: { c1: 'for', c2 } }, { marks: { c1: 'for' } }, { marks: {} }],
    });
    expect(tally.papers).toEqual(papers);
    expect(tally.candidates.map((c) => c.counts)).toEqual(counts);
    expect(tally.notVoted).toBe(2);
  });

  it('counts a paper over the cap invalid, never trimmed', () => {
    const tally = computeTally({
      rules: rules({ maxApprovals: 2 }),
      attendance: { seated: 5, present: 5 },
      candidates: ids(3),
      papers: [{ marks: { c1: 'for', c2: 'for', c3: 'for' } }, { marks: { c1: 'for', c2: 'for', c3: 'against' } }],
    });
    expect(tally.papers).toEqual({ returned: 2, valid: 1, invalid: 1 });
    expect(tally.candidates.map((c) => c.counts.for)).toEqual([1, 1, 0]);
  });

  it('counts papers with an unknown candidate or a bad option invalid', () => {
    const tally = computeTally({
      rules: rules(),
      attendance: { seated: 5, present: 5 },
      candidates: ids(2),
      papers: [{ marks: { c1: 'for', c3: 'for' } }, { marks: { c1: 'for', c2: 'yes' } }, { marks: { c1: 'against' } }],
    });
    expect(tally.papers).toEqual({ returned: 3, valid: 1, invalid: 2 });
    expect(tally.candidates[0]!.counts).toEqual({ for: 0, against: 1, abstain: 0 });
  });

  it('reports notVoted as present − returned, never below zero', () => {
    const papers = [{ marks: {} }, { marks: {} }, { marks: {} }];
    expect(computeTally({ rules: rules(), attendance: { seated: 9, present: 7 }, candidates: ids(1), papers }).notVoted).toBe(4);
    // Hand-entered papers can outnumber the checked-in deputies; that is for the scrutineers, not a negative count.
    expect(computeTally({ rules: rules(), attendance: { seated: 9, present: 2 }, candidates: ids(1), papers }).notVoted).toBe(0);
  });

  it('tallies zero papers', () => {
    const tally = computeTally({ rules: rules({ threshold: 'seated-majority', seats: 2 }), attendance: { seated: 10, present: 8 }, candidates: ids(3), papers: [] });
    expect(tally).toEqual({
      papers: { returned: 0, valid: 0, invalid: 0 },
      notVoted: 8,
      candidates: ['c1', 'c2', 'c3'].map((id) => ({ id, counts: { for: 0, against: 0, abstain: 0 }, passed: false, rank: null, selected: false })),
      selected: [],
      tie: null,
      shortfall: 2,
    });
  });

  it('refuses duplicate candidate ids', () => {
    expect(() => computeTally({ rules: rules(), attendance: { seated: 1, present: 1 }, candidates: [{ id: 'c1' }, { id: 'c1' }], papers: [] })).toThrow(/unique/);
  });
});

describe('computeTally: thresholds', () => {
  const passed = (tally: ReturnType<typeof computeTally>) => tally.candidates.map((c) => c.passed);

  it('seated-majority: exactly half of the seated does not pass, one more does', () => {
    const attendance = { seated: 180, present: 171 };
    expect(passed(tallyOfVotes([90, 91], { threshold: 'seated-majority' }, attendance))).toEqual([false, true]);
  });

  it('seated-majority on an odd number of seats', () => {
    expect(passed(tallyOfVotes([90, 91], { threshold: 'seated-majority' }, { seated: 181, present: 181 }))).toEqual([false, true]);
  });

  it('present-majority measures against those present', () => {
    const attendance = { seated: 180, present: 170 };
    expect(passed(tallyOfVotes([85, 86], { threshold: 'present-majority' }, attendance))).toEqual([false, true]);
    expect(passed(tallyOfVotes([85, 86], { threshold: 'seated-majority' }, attendance))).toEqual([false, false]);
  });

  it('valid-majority measures against valid papers, not returned ones', () => {
    const papers = [
      ...papersWithFor({ c1: 4, c2: 5 }, 8, 'against'),
      { marks: { c1: 'for', c2: 'bogus' } },
      { marks: { c1: 'for', c9: 'for' } },
    ];
    const tally = computeTally({ rules: rules({ threshold: 'valid-majority' }), attendance: { seated: 20, present: 10 }, candidates: ids(2), papers });
    expect(tally.papers).toEqual({ returned: 10, valid: 8, invalid: 2 });
    expect(passed(tally)).toEqual([false, true]);
  });

  it('valid-majority with no valid paper passes nobody', () => {
    const tally = computeTally({ rules: rules({ threshold: 'valid-majority' }), attendance: { seated: 3, present: 3 }, candidates: ids(2), papers: [] });
    expect(passed(tally)).toEqual([false, false]);
  });

  it('none passes everyone, even with no "for"', () => {
    expect(passed(tallyOfVotes([0, 3, 1], { threshold: 'none' }))).toEqual([true, true, true]);
  });
});

describe('computeTally: rank', () => {
  it('ranks passed candidates by "for", sharing ranks (1, 2, 2, 4); not passed: null', () => {
    const tally = tallyOfVotes([120, 150, 120, 100, 80, 150], { threshold: 'seated-majority' }, { seated: 180, present: 171 });
    expect(tally.candidates.map((c) => c.rank)).toEqual([3, 1, 3, 5, null, 1]);
  });

  it('gives every candidate rank 1 when all are tied', () => {
    expect(tallyOfVotes([4, 4, 4]).candidates.map((c) => c.rank)).toEqual([1, 1, 1]);
  });
});

describe('computeTally: selection', () => {
  it('selects the top k and reports no tie when the cut falls between counts', () => {
    const tally = tallyOfVotes([10, 8, 5], { seats: 2 });
    expect(tally.selected).toEqual(['c1', 'c2']);
    expect(tally.candidates.map((c) => c.selected)).toEqual([true, true, false]);
    expect(tally.tie).toBeNull();
    expect(tally.shortfall).toBe(0);
  });

  it('selects all tied at the cut when they fit the places left', () => {
    const tally = tallyOfVotes([10, 8, 8, 5], { seats: 3 });
    expect(tally.selected).toEqual(['c1', 'c2', 'c3']);
    expect(tally.tie).toBeNull();
  });

  it('ignores a tie below the cut', () => {
    const tally = tallyOfVotes([10, 5, 5], { seats: 1 });
    expect(tally.selected).toEqual(['c1']);
    expect(tally.tie).toBeNull();
  });

  it('runoff: a tie straddling the cut selects none of the tied and names them with the places left', () => {
    const tally = tallyOfVotes([10, 8, 5, 8, 9], { seats: 3, ties: 'runoff' });
    expect(tally.selected).toEqual(['c1', 'c5']);
    expect(tally.tie).toEqual({ candidates: ['c2', 'c4'], places: 1, resolution: 'runoff' });
    expect(tally.candidates.map((c) => c.selected)).toEqual([true, false, false, false, true]);
    expect(tally.candidates.map((c) => c.rank)).toEqual([1, 3, 5, 3, 2]);
    expect(tally.shortfall).toBe(0);
  });

  it('names the tied in ballot order, not rank or id order', () => {
    const tally = computeTally({
      rules: rules({ seats: 1 }),
      attendance: { seated: 5, present: 5 },
      candidates: [{ id: 'z' }, { id: 'a' }, { id: 'm' }],
      papers: papersWithFor({ z: 2, a: 1, m: 2 }, 2),
    });
    expect(tally.tie).toEqual({ candidates: ['z', 'm'], places: 1, resolution: 'runoff' });
  });

  it('presidium: the same tie, to be decided by the presidium', () => {
    const tally = tallyOfVotes([10, 8, 5, 8, 9], { seats: 3, ties: 'presidium' });
    expect(tally.selected).toEqual(['c1', 'c5']);
    expect(tally.tie).toEqual({ candidates: ['c2', 'c4'], places: 1, resolution: 'presidium' });
  });

  it('admit-all: every candidate tied at the cut is selected, more than the seats, and no tie', () => {
    const tally = tallyOfVotes([10, 8, 5, 8, 9], { seats: 3, ties: 'admit-all' });
    expect(tally.selected).toEqual(['c1', 'c5', 'c2', 'c4']);
    expect(tally.tie).toBeNull();
    expect(tally.shortfall).toBe(0);
  });

  it('a tie for more places than one', () => {
    const tally = tallyOfVotes([10, 7, 7, 7, 7], { seats: 3 });
    expect(tally.selected).toEqual(['c1']);
    expect(tally.tie).toEqual({ candidates: ['c2', 'c3', 'c4', 'c5'], places: 2, resolution: 'runoff' });
  });

  it('all candidates tied: runoff among all for every place; admit-all takes all', () => {
    expect(tallyOfVotes([6, 6, 6, 6], { seats: 2 })).toMatchObject({
      selected: [],
      tie: { candidates: ['c1', 'c2', 'c3', 'c4'], places: 2, resolution: 'runoff' },
      shortfall: 0,
    });
    expect(tallyOfVotes([6, 6, 6, 6], { seats: 2, ties: 'admit-all' })).toMatchObject({ selected: ['c1', 'c2', 'c3', 'c4'], tie: null });
  });

  it('only passed candidates compete: a tie among those who failed is no tie', () => {
    const tally = tallyOfVotes([120, 80, 80], { seats: 2, threshold: 'seated-majority' }, { seated: 180, present: 180 });
    expect(tally.selected).toEqual(['c1']);
    expect(tally.tie).toBeNull();
    expect(tally.shortfall).toBe(1);
  });

  it('fewer passed than seats: all passed are selected and the shortfall is flagged', () => {
    const tally = tallyOfVotes([100, 50, 95, 10], { seats: 3, threshold: 'seated-majority' }, { seated: 180, present: 180 });
    expect(tally.selected).toEqual(['c1', 'c3']);
    expect(tally.shortfall).toBe(1);
    expect(tally.tie).toBeNull();
  });

  it('nobody passed: shortfall is every seat', () => {
    expect(tallyOfVotes([1, 2], { seats: 2, threshold: 'seated-majority' })).toMatchObject({ selected: [], shortfall: 2 });
  });

  it('exactly as many passed as seats: all selected, even when tied', () => {
    expect(tallyOfVotes([5, 5], { seats: 2 })).toMatchObject({ selected: ['c1', 'c2'], tie: null, shortfall: 0 });
  });

  it('seats null: all passed are selected, in rank order with ties in ballot order', () => {
    const tally = tallyOfVotes([5, 9, 7, 9, 1], { seats: null, threshold: 'valid-majority' });
    // 9 papers: c5 (1 for) does not pass.
    expect(tally.selected).toEqual(['c2', 'c4', 'c3', 'c1']);
    expect(tally.candidates.map((c) => c.selected)).toEqual([true, true, true, true, false]);
    expect(tally.tie).toBeNull();
    expect(tally.shortfall).toBe(0);
  });

  it('lists candidates in ballot order with exactly the §9 fields', () => {
    const tally = tallyOfVotes([1, 3, 2], { seats: 2 });
    expect(tally.candidates.map((c) => c.id)).toEqual(['c1', 'c2', 'c3']);
    expect(Object.keys(tally.candidates[0]!)).toEqual(['id', 'counts', 'passed', 'rank', 'selected']);
    expect(Object.keys(tally)).toEqual(['papers', 'notVoted', 'candidates', 'selected', 'tie', 'shortfall']);
  });
});
