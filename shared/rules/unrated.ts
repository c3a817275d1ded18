import type { BallotRules } from '../record.ts';

/**
 * 无人评价: under "rated-majority" (record @2) a project no valid paper rated has a base of zero papers; the tally
 * (shared/rules/tally.ts, DESIGN §9's recount contract) still rates it 不满意 at 0%, and that record stands. For
 * the year after the vote it is no judgement at all: no 整改, shown as 无人评价 (issue 16). `counts` are the
 * tally's counts for the candidate (absent options count 0).
 */
export function nobodyRated(counts: Partial<Record<string, number>>, threshold: BallotRules['threshold']): boolean {
  if (threshold !== 'rated-majority') return false;
  return (counts.satisfied ?? 0) + (counts.basically_satisfied ?? 0) + (counts.dissatisfied ?? 0) === 0;
}
