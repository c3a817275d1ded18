import type { Attendance, Tally, TallyCandidate, Threshold } from '../../shared/record.ts';

// How a tally is shown, the same on the console and the projector: candidates in rank order, and the line a
// candidate's 赞成 must pass. Pure functions, unit-tested.

export interface Named {
  id: string;
  seq: number;
  name: string;
  budgetWan: number | null;
}

export interface ResultRow<C extends Named = Named> {
  candidate: C;
  counts: TallyCandidate['counts'];
  votesFor: number;
  rank: number | null;
  passed: boolean;
  selected: boolean;
  tied: boolean;
}

/**
 * Passed candidates by rank (equal ranks in ballot order), then the rest by 赞成, most first (ballot order on
 * equal counts). Candidates the tally does not know are left out.
 */
export function rankOrder<C extends Named>(tally: Tally, candidates: readonly C[]): ResultRow<C>[] {
  const byId = new Map(candidates.map((c) => [c.id, c]));
  const tied = new Set(tally.tie?.candidates ?? []);
  const rows = tally.candidates.flatMap((tc, position) => {
    const candidate = byId.get(tc.id);
    if (!candidate) return [];
    const row: ResultRow<C> & { position: number } = {
      candidate,
      counts: tc.counts,
      votesFor: tc.counts.for ?? 0,
      rank: tc.rank ?? null,
      passed: tc.passed ?? false,
      selected: tc.selected ?? false,
      tied: tied.has(tc.id),
      position,
    };
    return [row];
  });
  rows.sort((a, b) => {
    if (a.rank !== null && b.rank !== null) return a.rank - b.rank || a.position - b.position;
    if (a.rank !== null) return -1;
    if (b.rank !== null) return 1;
    return b.votesFor - a.votesFor || a.position - b.position;
  });
  return rows.map(({ position: _, ...row }) => row);
}

export interface ThresholdLine {
  /** The number the majority is of: seated, present, or valid papers. */
  base: number;
  /** Where the line is drawn: a candidate passes with strictly more 赞成 than this (base / 2). */
  votes: number;
  threshold: Exclude<Threshold, 'none' | 'rated-majority'>;
}

/** seated-majority → seated/2, present-majority → present/2, valid-majority → valid/2, none and rated-majority → no line. */
export function thresholdLine(threshold: Threshold, attendance: Attendance, validPapers: number): ThresholdLine | null {
  switch (threshold) {
    case 'seated-majority':
      return { base: attendance.seated, votes: attendance.seated / 2, threshold };
    case 'present-majority':
      return { base: attendance.present, votes: attendance.present / 2, threshold };
    case 'valid-majority':
      return { base: validPapers, votes: validPapers / 2, threshold };
    case 'none':
    case 'rated-majority': // an evaluation's per-project base: no single line
      return null;
  }
}

/** The selected candidates in the given order of ids, with their names and budgets. */
export function selectedCandidates<C extends Named>(ids: readonly string[], candidates: readonly C[]): C[] {
  const byId = new Map(candidates.map((c) => [c.id, c]));
  return ids.flatMap((id) => {
    const c = byId.get(id);
    return c ? [c] : [];
  });
}

/** 万元 with thousands separators; the sum of a list of budgets, nulls left out. */
export const totalBudget = (list: readonly { budgetWan: number | null }[]) => list.reduce((sum, c) => sum + (c.budgetWan ?? 0), 0);
export const formatWan = (wan: number) => wan.toLocaleString('zh-CN', { maximumFractionDigits: 2 });
