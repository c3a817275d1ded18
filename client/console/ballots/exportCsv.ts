import { toCsv } from '../../../shared/import/csv.ts';
import type { Tally } from '../../../shared/record.ts';
import { rankOrder } from '../../components/results-view.ts';
import type { BallotView, Candidate } from '../types.ts';

/**
 * The results as a spreadsheet: one row per candidate in rank order. Headers in the console's language; a BOM
 * so that Excel reads the Chinese text as UTF-8.
 */
export function resultsCsv(ballot: BallotView, candidates: Candidate[], tally: Tally, label: (key: string) => string): string {
  const evaluation = ballot.kind === 'evaluation';
  const byId = new Map(tally.candidates.map((c) => [c.id, c]));
  const header = [
    ...(evaluation ? [] : [label('results.rank')]),
    label('cand.seq'),
    label('cand.name'),
    label('cand.budget'),
    ...ballot.options.map((o) => label(`option.${o}`)),
    ...(evaluation ? [label('results.rate'), label('results.rating')] : [label('results.passed'), label('results.selected')]),
  ];
  const rows = rankOrder(tally, candidates).map((r) => {
    const tc = byId.get(r.candidate.id);
    return [
      ...(evaluation ? [] : [r.rank === null ? '' : String(r.rank)]),
      String(r.candidate.seq),
      r.candidate.name,
      r.candidate.budgetWan === null ? '' : String(r.candidate.budgetWan),
      ...ballot.options.map((o) => String(r.counts[o as keyof typeof r.counts] ?? 0)),
      ...(evaluation
        ? [tc?.satisfactionRate === undefined ? '' : tc.satisfactionRate.toFixed(4), tc?.rating ? label(`option.${tc.rating}`) : '']
        : [r.passed ? label('yes') : label('no'), r.selected ? label('yes') : r.tied ? label('results.tiedMark') : label('no')]),
    ];
  });
  return toCsv([header, ...rows], { bom: true });
}
