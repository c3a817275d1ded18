import { describe, expect, it } from 'vitest';
import type { Tally } from '../../shared/record.ts';
import { rankOrder, selectedCandidates, thresholdLine, totalBudget } from './results-view.ts';

const cands = ['a', 'b', 'c', 'd', 'e'].map((id, i) => ({ id, seq: i + 1, name: id.toUpperCase(), budgetWan: (i + 1) * 100 }));
const counts = (f: number) => ({ for: f, against: 0, abstain: 0 });

describe('rankOrder', () => {
  it('puts passed candidates by rank (ties in ballot order), then the rest by votes', () => {
    const tally: Tally = {
      papers: { returned: 10, valid: 10, invalid: 0 },
      notVoted: 0,
      candidates: [
        { id: 'a', counts: counts(3), passed: false, rank: null, selected: false },
        { id: 'b', counts: counts(8), passed: true, rank: 2, selected: false },
        { id: 'c', counts: counts(9), passed: true, rank: 1, selected: true },
        { id: 'd', counts: counts(8), passed: true, rank: 2, selected: false },
        { id: 'e', counts: counts(4), passed: false, rank: null, selected: false },
      ],
      selected: ['c'],
      tie: { candidates: ['b', 'd'], places: 1, resolution: 'runoff' },
      shortfall: 0,
    };
    const rows = rankOrder(tally, cands);
    expect(rows.map((r) => r.candidate.id)).toEqual(['c', 'b', 'd', 'e', 'a']);
    expect(rows.map((r) => r.tied)).toEqual([false, true, true, false, false]);
    expect(rows[0]).toMatchObject({ votesFor: 9, selected: true, passed: true, rank: 1 });
  });
});

describe('thresholdLine', () => {
  const att = { seated: 30, present: 23 };
  it('draws the line at half of the base the rule names', () => {
    expect(thresholdLine('seated-majority', att, 20)).toEqual({ base: 30, votes: 15, threshold: 'seated-majority' });
    expect(thresholdLine('present-majority', att, 20)).toEqual({ base: 23, votes: 11.5, threshold: 'present-majority' });
    expect(thresholdLine('valid-majority', att, 21)).toEqual({ base: 21, votes: 10.5, threshold: 'valid-majority' });
    expect(thresholdLine('none', att, 21)).toBeNull();
  });
});

describe('selectedCandidates', () => {
  it('keeps the order of the ids and sums budgets', () => {
    const list = selectedCandidates(['c', 'a', 'zz'], cands);
    expect(list.map((c) => c.id)).toEqual(['c', 'a']);
    expect(totalBudget(list)).toBe(400);
  });
});
