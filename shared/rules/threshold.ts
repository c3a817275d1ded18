import type { Attendance, Threshold } from '../record.ts';

/**
 * The number a majority is measured against: all seated deputies (全体代表), those present, or the valid
 * papers. null for "none" (pure ranking), where every candidate passes. For "rated-majority" (evaluations,
 * record @2) the base differs per candidate — the valid papers that marked it — so `rated` must be given: the
 * count of valid papers that rated this candidate (DESIGN.md §9); without it the function throws.
 */
export function thresholdBase(threshold: Threshold, attendance: Attendance, validPapers: number, rated?: number): number | null {
  switch (threshold) {
    case 'seated-majority':
      return attendance.seated;
    case 'present-majority':
      return attendance.present;
    case 'valid-majority':
      return validPapers;
    case 'none':
      return null;
    case 'rated-majority':
      if (rated === undefined) throw new Error('thresholdBase: "rated-majority" needs the count of papers that rated the candidate');
      return rated;
  }
}

/** Strictly more than half: exactly half is not a majority. Doubling keeps it in integers. */
export function isMajority(votes: number, base: number): boolean {
  return 2 * votes > base;
}
