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
 * (满意 + 基本满意) / every valid paper, those that left the candidate unmarked included; 0 with no valid paper.
 */
export function satisfactionRate(counts: EvaluationCounts, validPapers: number): number {
  return validPapers === 0 ? 0 : (counts.satisfied + counts.basically_satisfied) / validPapers;
}
