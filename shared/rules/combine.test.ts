import { describe, expect, it } from 'vitest';
import { combineRounds, type Round } from './combine.ts';

const round = (ballotId: string, over: Partial<Round> = {}): Round => ({
  ballotId,
  announced: true,
  tally: { selected: [], tie: null },
  ties: 'runoff',
  presidiumDecision: null,
  ...over,
});
const first = round('b1', { tally: { selected: ['a', 'b'], tie: { candidates: ['c', 'd', 'e'], places: 2 } } });
const runoff = round('b2', { tally: { selected: ['d', 'c'], tie: null } });

describe('combineRounds', () => {
  it('a single round without a tie is its own story', () => {
    const r = combineRounds([round('b1', { tally: { selected: ['a', 'b'], tie: null } })], { announcedOnly: true });
    expect(r).toEqual({ picks: [{ candidateId: 'a', via: 'vote', byBallotId: 'b1' }, { candidateId: 'b', via: 'vote', byBallotId: 'b1' }], selected: ['a', 'b'], rounds: ['b1'], combined: false });
  });

  it('a run-off adds its selected after the first round, in order', () => {
    const r = combineRounds([first, runoff], { announcedOnly: true });
    expect(r.selected).toEqual(['a', 'b', 'd', 'c']);
    expect(r.rounds).toEqual(['b1', 'b2']);
    expect(r.picks.map((p) => p.via)).toEqual(['vote', 'vote', 'runoff', 'runoff']);
    expect(r.combined).toBe(true);
  });

  it('a run-off announced before its first round counts for nothing until the first round is announced', () => {
    const early = combineRounds([{ ...first, announced: false }, runoff], { announcedOnly: true });
    expect(early).toMatchObject({ selected: [], rounds: [], combined: false });
    // The console previews tallied rounds, announced or not.
    expect(combineRounds([{ ...first, announced: false }, runoff], { announcedOnly: false }).selected).toEqual(['a', 'b', 'd', 'c']);
  });

  it('an unannounced middle round stops the chain: nothing after it counts', () => {
    const third = round('b3', { tally: { selected: ['e'], tie: null } });
    const r = combineRounds([first, { ...runoff, announced: false }, third], { announcedOnly: true });
    expect(r.selected).toEqual(['a', 'b']);
    expect(r.rounds).toEqual(['b1']);
  });

  it('a round without a tally (not closed) stops the chain even in the preview', () => {
    const r = combineRounds([first, { ...runoff, tally: null, announced: false }], { announcedOnly: false });
    expect(r.rounds).toEqual(['b1']);
    expect(r.combined).toBe(false);
  });

  it('the presidium decision settles a presidium tie, and only a presidium tie', () => {
    const presidium = { ...first, ties: 'presidium', presidiumDecision: ['e', 'c'] };
    expect(combineRounds([presidium], { announcedOnly: true })).toMatchObject({ selected: ['a', 'b', 'e', 'c'], combined: true });
    expect(combineRounds([presidium], { announcedOnly: true }).picks.slice(2).map((p) => p.via)).toEqual(['presidium', 'presidium']);
    expect(combineRounds([{ ...presidium, ties: 'runoff' }], { announcedOnly: true }).selected).toEqual(['a', 'b']);
  });

  it('never picks a candidate twice', () => {
    const r = combineRounds([first, round('b2', { tally: { selected: ['a', 'c'], tie: null } })], { announcedOnly: true });
    expect(r.selected).toEqual(['a', 'b', 'c']);
  });
});
