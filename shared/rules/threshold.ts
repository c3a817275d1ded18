import type { Attendance, Threshold } from '../record.ts';

/**
 * The number a majority is measured against: all seated deputies (全体代表), those present, or the valid
 * papers. null for "none" (pure ranking), where every candidate passes.
 */
export function thresholdBase(threshold: Threshold, attendance: Attendance, validPapers: number): number | null {
  switch (threshold) {
    case 'seated-majority':
      return attendance.seated;
    case 'present-majority':
      return attendance.present;
    case 'valid-majority':
      return validPapers;
    case 'none':
      return null;
  }
}

/** Strictly more than half: exactly half is not a majority. Doubling keeps it in integers. */
export function isMajority(votes: number, base: number): boolean {
  return 2 * votes > base;
}
