import { describe, expect, it } from 'vitest';
import { shortTracker } from '../../shared/seal.ts';
import { findInBox, trackerInputProblem } from './boxLookup.ts';

describe('looking a receipt code up in the public box', () => {
  const box = ['0a1b2c3d4e5f' + '0'.repeat(52), 'ffffeeeedddd' + '1'.repeat(52)];
  it('finds the tablet’s short form, typed with or without its spaces, in any case', () => {
    expect(findInBox(box, shortTracker(box[0]!))).toEqual([box[0]]);
    expect(findInBox(box, '0A1B2C3D4E5F')).toEqual([box[0]]);
    expect(findInBox(box, 'ffff-eeee-dddd')).toEqual([box[1]]);
    expect(findInBox(box, '0a1b 2c3d 4e5e')).toEqual([]);
  });
  it('says what is wrong with a code that cannot be looked up', () => {
    expect(trackerInputProblem('')).toBe('empty');
    expect(trackerInputProblem('0a1b 2c3d')).toBe('too_short');
    expect(trackerInputProblem('0a1b 2c3d 4e5g')).toBe('not_hex');
    expect(trackerInputProblem('0a1b 2c3d 4e5f')).toBeNull();
  });
});
