import { describe, expect, it } from 'vitest';
import type { WsBallot } from '../../shared/ws.ts';
import { initialState, reduce, screenOf, type Results } from './state.ts';

const ballot: WsBallot = {
  id: 'b1', title: '票决', kind: 'selection', options: ['for', 'against', 'abstain'], maxApprovals: 10, seats: 10, blank: 'abstain', secret: true,
  status: 'open', openedAt: 1, deadlineAt: 600_001, sealing: null,
};
const attendance = { seated: 30, present: 23, quorum: { required: 20, met: true }, byDelegation: [] };
const results = {
  type: 'results', ballotId: 'b1', title: '票决', announcedAt: 5,
  rules: { options: ['for', 'against', 'abstain'], maxApprovals: 10, seats: 10, threshold: 'seated-majority', blank: 'abstain', ties: 'runoff', secret: true },
  attendance: { seated: 30, present: 23 }, candidates: [],
  tally: { papers: { returned: 0, valid: 0, invalid: 0 }, notVoted: 23, candidates: [], selected: [], tie: null, shortfall: 10 },
} as unknown as Results;

describe('projector state', () => {
  it('goes attendance → ballot → counting → results, and never shows results while a ballot is open', () => {
    let s = reduce(initialState, { type: 'attendance', attendance });
    expect(screenOf(s)).toBe('attendance');
    s = reduce(s, { type: 'ballot', serverNow: 1, ballot, candidates: [] });
    s = reduce(s, { type: 'turnout', ballotId: 'b1', voted: 5, present: 23 });
    expect(screenOf(s)).toBe('ballot');
    s = reduce(s, { type: 'ballotStatus', serverNow: 2, ballotId: 'b1', status: 'closed' });
    expect(screenOf(s)).toBe('counting');
    expect(s.counting).toMatchObject({ ballotId: 'b1', voted: 5, present: 23 });
    s = reduce(s, { type: 'ballotStatus', serverNow: 3, ballotId: 'b1', status: 'announced' });
    expect(screenOf(s)).toBe('counting');
    s = reduce(s, results);
    expect(screenOf(s)).toBe('results');
    s = reduce(s, { type: 'ballot', serverNow: 4, ballot: { ...ballot, id: 'b2' }, candidates: [] });
    expect(screenOf(s)).toBe('ballot');
  });

  it('after a reload between ballots lands on the last announced result', () => {
    let s = reduce(initialState, { type: 'attendance', attendance });
    s = reduce(s, { type: 'ballot', serverNow: 1, ballot: null, candidates: [] });
    s = reduce(s, results);
    expect(screenOf(s)).toBe('results');
  });

  it('between ballots the console switches to attendance and back; a new ballot shows, then its result again', () => {
    let s = reduce(initialState, { type: 'attendance', attendance });
    s = reduce(s, results);
    expect(screenOf(s)).toBe('results');
    s = reduce(s, { type: 'display', show: 'attendance' });
    expect(screenOf(s)).toBe('attendance');
    s = reduce(s, { type: 'display', show: 'latest' });
    expect(screenOf(s)).toBe('results');
    s = reduce(s, { type: 'display', show: 'attendance' });
    s = reduce(s, { type: 'ballot', serverNow: 5, ballot: { ...ballot, id: 'b3' }, candidates: [] });
    expect(screenOf(s)).toBe('ballot');
    s = reduce(s, { type: 'ballotStatus', serverNow: 6, ballotId: 'b3', status: 'closed' });
    expect(screenOf(s)).toBe('counting');
  });
});
