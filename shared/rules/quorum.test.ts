import { describe, expect, it } from 'vitest';
import { hasQuorum, quorumRequired } from './quorum.ts';

describe('quorumRequired', () => {
  it('is exactly two thirds when seated divides by three', () => {
    expect(quorumRequired(180)).toBe(120);
    expect(quorumRequired(3)).toBe(2);
    expect(quorumRequired(3000)).toBe(2000);
  });

  it('rounds up otherwise', () => {
    expect(quorumRequired(181)).toBe(121); // 120.67
    expect(quorumRequired(182)).toBe(122); // 121.33
    expect(quorumRequired(4)).toBe(3);
    expect(quorumRequired(1)).toBe(1);
    expect(quorumRequired(0)).toBe(0);
  });

  it('agrees with hasQuorum at every size', () => {
    for (let seated = 1; seated <= 400; seated++) {
      const q = quorumRequired(seated);
      expect(hasQuorum(seated, q)).toBe(true);
      expect(hasQuorum(seated, q - 1)).toBe(false);
    }
  });

  it('refuses counts that are not whole numbers', () => {
    expect(() => quorumRequired(-1)).toThrow(RangeError);
    expect(() => quorumRequired(1.5)).toThrow(RangeError);
  });
});

describe('hasQuorum', () => {
  it('is met at exactly two thirds ("三分之二以上" includes ⅔)', () => {
    expect(hasQuorum(180, 120)).toBe(true);
    expect(hasQuorum(3, 2)).toBe(true);
  });

  it('is not met one below', () => {
    expect(hasQuorum(180, 119)).toBe(false);
    expect(hasQuorum(3, 1)).toBe(false);
  });

  it('is met with everyone present', () => {
    expect(hasQuorum(180, 180)).toBe(true);
  });

  it('is never met with nobody seated', () => {
    expect(hasQuorum(0, 0)).toBe(false);
  });
});
