import { describe, expect, it } from 'vitest';
import type { Tally } from '../record.ts';
import { diffTally, tallyEquals } from './tally-diff.ts';

function tally(): Tally {
  return {
    papers: { returned: 171, valid: 169, invalid: 2 },
    notVoted: 0,
    candidates: [
      { id: 'c1', counts: { for: 120, against: 30, abstain: 19 }, passed: true, rank: 1, selected: true },
      { id: 'c2', counts: { for: 100, against: 50, abstain: 19 }, passed: true, rank: 2, selected: false },
      { id: 'c3', counts: { for: 100, against: 50, abstain: 19 }, passed: true, rank: 2, selected: false },
    ],
    selected: ['c1'],
    tie: { candidates: ['c2', 'c3'], places: 1, resolution: 'runoff' },
    shortfall: 0,
  };
}

describe('diffTally', () => {
  it('finds nothing between equal tallies', () => {
    expect(diffTally(tally(), tally())).toEqual([]);
    expect(tallyEquals(tally(), tally())).toBe(true);
  });

  it('names a changed count by candidate and option', () => {
    const recorded = tally();
    recorded.candidates[0]!.counts.for = 121;
    recorded.papers.valid = 170;
    expect(diffTally(tally(), recorded)).toEqual(['papers.valid: recorded 170, recount 169', 'candidates[c1].counts.for: recorded 121, recount 120']);
    expect(tallyEquals(tally(), recorded)).toBe(false);
  });

  it('reports a changed selection, order included', () => {
    const recorded = { ...tally(), selected: ['c1', 'c2'], tie: null };
    expect(diffTally(tally(), recorded)).toEqual([
      'selected: recorded ["c1","c2"], recount ["c1"]',
      'tie: recorded null, recount {"candidates":["c2","c3"],"places":1,"resolution":"runoff"}',
    ]);
    const reordered = { ...tally(), selected: ['c3', 'c2'], tie: null };
    expect(diffTally({ ...tally(), selected: ['c2', 'c3'], tie: null }, reordered)).toEqual(['selected: recorded ["c3","c2"], recount ["c2","c3"]']);
  });

  it('reports a field inside the tie', () => {
    const recorded = tally();
    recorded.tie = { candidates: ['c2', 'c3'], places: 1, resolution: 'presidium' };
    expect(diffTally(tally(), recorded)).toEqual(['tie.resolution: recorded "presidium", recount "runoff"']);
  });

  it('reports fields present on one side only', () => {
    const recorded = tally();
    delete recorded.candidates[1]!.rank;
    recorded.candidates[2]!.rating = 'satisfied';
    expect(diffTally(tally(), recorded)).toEqual(['candidates[c2].rank: recorded (absent), recount 2', 'candidates[c3].rating: recorded "satisfied", recount (absent)']);
  });

  it('reports missing, extra and reordered candidates', () => {
    const recorded = tally();
    recorded.candidates = [recorded.candidates[1]!, recorded.candidates[0]!, { id: 'c9', counts: {}, passed: false, rank: null, selected: false }];
    expect(diffTally(tally(), recorded)).toEqual([
      'candidates: "c3" is missing from the recorded tally',
      'candidates: recorded tally lists "c9", which is not on the ballot',
      'candidates: recorded in the order ["c2","c1"], ballot order is ["c1","c2"]',
    ]);
  });

  it('tolerates a rate differing in the last bits of a double, not more', () => {
    const rated = (rate: number): Tally => ({ ...tally(), candidates: [{ id: 'c1', counts: {}, rating: 'satisfied', satisfactionRate: rate }] });
    expect(diffTally(rated(2 / 3), rated(0.6666666666666667))).toEqual([]);
    expect(diffTally(rated(0.1 + 0.2), rated(0.3))).toEqual([]);
    expect(diffTally(rated(2 / 3), rated(0.67))).toEqual(['candidates[c1].satisfactionRate: recorded 0.67, recount 0.6666666666666666']);
  });
});
