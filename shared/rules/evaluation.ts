import type { EvaluationOption } from '../record.ts';
import { isMajority } from './threshold.ts';

export interface EvaluationCounts {
  satisfied: number;
  basically_satisfied: number;
}

/** 满意 when 满意 is a majority of the base; else 基本满意 when 满意 + 基本满意 is; else 不满意 (DESIGN.md §4.10). */
export function rateCandidate(counts: EvaluationCounts, base: number): EvaluationOption {
  if (isMajority(counts.satisfied, base)) return 'satisfied';
  if (isMajority(counts.satisfied + counts.basically_satisfied, base)) return 'basically_satisfied';
  return 'dissatisfied';
}

/**
 * 满意率 (DESIGN.md §9): (满意 + 基本满意) / base, a number from 0 to 1, and 0 when the base is 0. The base is every
 * valid paper, those that left the candidate unmarked included; under "rated-majority" (record @2) it is the
 * valid papers that rated this candidate.
 */
export function satisfactionRate(counts: EvaluationCounts, base: number): number {
  return base === 0 ? 0 : (counts.satisfied + counts.basically_satisfied) / base;
}
