import { describe, expect, it } from 'vitest';
import { approvals, groupMarks, pressOption, reviewCheck, sanitizeMarks } from './marks.ts';
import type { WsCandidate } from '../../shared/ws.ts';

const selection = { kind: 'selection' as const, options: ['for', 'against', 'abstain'], maxApprovals: 10, blank: 'abstain' as const };
const ids = Array.from({ length: 15 }, (_, i) => `c${i + 1}`);

describe('pressOption', () => {
  it('marks, changes and — pressed again — clears a candidate', () => {
    let r = pressOption(selection, ids, {}, 'c1', 'for');
    expect(r).toEqual({ ok: true, marks: { c1: 'for' } });
    r = pressOption(selection, ids, { c1: 'for' }, 'c1', 'against');
    expect(r).toEqual({ ok: true, marks: { c1: 'against' } });
    r = pressOption(selection, ids, { c1: 'against' }, 'c1', 'against');
    expect(r).toEqual({ ok: true, marks: {} });
  });

  it('refuses the 11th 赞成 on a 10-place ballot and changes nothing', () => {
    const ten = Object.fromEntries(ids.slice(0, 10).map((id) => [id, 'for']));
    expect(approvals(ten)).toBe(10);
    expect(pressOption(selection, ids, ten, 'c11', 'for')).toEqual({ ok: false, reason: 'cap' });
    // other marks are still fine at the cap, and cancelling one makes room again
    expect(pressOption(selection, ids, ten, 'c11', 'against').ok).toBe(true);
    const nine = pressOption(selection, ids, ten, 'c1', 'for');
    expect(nine.ok && approvals(nine.marks)).toBe(9);
    expect(nine.ok && pressOption(selection, ids, nine.marks, 'c11', 'for').ok).toBe(true);
  });

  it('changing a 赞成 to 赞成 on another candidate at the cap is refused, changing its own mark is not', () => {
    const ten = Object.fromEntries(ids.slice(0, 10).map((id) => [id, 'for']));
    expect(pressOption(selection, ids, ten, 'c1', 'abstain')).toEqual({ ok: true, marks: { ...ten, c1: 'abstain' } });
  });

  it('has no cap for an evaluation, and refuses options and candidates not on the ballot', () => {
    const evaluation = { kind: 'evaluation' as const, options: ['satisfied', 'basically_satisfied', 'dissatisfied'], maxApprovals: 1, blank: 'abstain' as const };
    expect(pressOption(evaluation, ids, { c1: 'satisfied' }, 'c2', 'satisfied').ok).toBe(true);
    expect(pressOption(evaluation, ids, {}, 'c1', 'for')).toEqual({ ok: false, reason: 'unknown' });
    expect(pressOption(selection, ids, {}, 'c99', 'for')).toEqual({ ok: false, reason: 'unknown' });
  });
});

describe('sanitizeMarks', () => {
  it('drops stale candidates and options, and never keeps more 赞成 than the cap', () => {
    const dirty = { ...Object.fromEntries(ids.map((id) => [id, 'for'])), gone: 'for', c2: 'maybe' };
    const clean = sanitizeMarks(selection, ids, dirty);
    expect(approvals(clean)).toBe(10);
    expect(clean).not.toHaveProperty('gone');
    expect(clean).not.toHaveProperty('c2');
  });
});

describe('review', () => {
  it('needs every candidate marked only when blank = invalid', () => {
    expect(reviewCheck(selection, ids, { c1: 'for' })).toEqual({ ok: true });
    const strict = { ...selection, blank: 'invalid' as const };
    const check = reviewCheck(strict, ids, { c1: 'for' });
    expect(check.ok).toBe(false);
    expect(!check.ok && check.missing).toHaveLength(14);
  });

  it('groups by option in ballot order, unmarked last', () => {
    const cands = ids.slice(0, 4).map((id, i) => ({ id, seq: i + 1 }) as WsCandidate);
    const groups = groupMarks(selection, cands, { c1: 'for', c2: 'against', c3: 'for' });
    expect(groups.map((g) => [g.option, g.candidates.map((c) => c.id)])).toEqual([
      ['for', ['c1', 'c3']],
      ['against', ['c2']],
      ['abstain', []],
      ['', ['c4']],
    ]);
  });
});
