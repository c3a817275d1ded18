import type { WsBallot, WsCandidate } from '../../shared/ws.ts';

// The tablet's side of the paper rules (DESIGN.md §4): one mark per candidate from the ballot's options, at most
// `maxApprovals` "for", unmarked = abstain unless the ballot requires every candidate to be marked. The server
// checks again and counts an over-cap paper as invalid; the tablet's job is to make that impossible by accident.

export type Marks = Record<string, string>;
type Rules = Pick<WsBallot, 'kind' | 'options' | 'maxApprovals' | 'blank'>;

export const FOR = 'for';

export function approvals(marks: Marks): number {
  return Object.values(marks).filter((m) => m === FOR).length;
}

/** The cap on "for" marks, or null when there is none (no cap set, or an evaluation). */
export function capOf(ballot: Rules): number | null {
  return ballot.kind === 'selection' ? ballot.maxApprovals : null;
}

export type MarkResult = { ok: true; marks: Marks } | { ok: false; reason: 'cap' | 'unknown' };

/**
 * Pressing `option` on a candidate: marks it, changes its mark, or — pressing the chosen option again — clears it.
 * A "for" beyond the cap is refused and changes nothing.
 */
export function pressOption(ballot: Rules, candidateIds: readonly string[], marks: Marks, candidateId: string, option: string): MarkResult {
  if (!candidateIds.includes(candidateId) || !ballot.options.includes(option)) return { ok: false, reason: 'unknown' };
  if (marks[candidateId] === option) {
    const next = { ...marks };
    delete next[candidateId];
    return { ok: true, marks: next };
  }
  const cap = capOf(ballot);
  if (option === FOR && cap !== null && approvals(marks) >= cap) return { ok: false, reason: 'cap' };
  return { ok: true, marks: { ...marks, [candidateId]: option } };
}

/** Keeps only marks this ballot accepts (a restored draft may be stale) and never more "for" than the cap. */
export function sanitizeMarks(ballot: Rules, candidateIds: readonly string[], marks: Marks): Marks {
  const clean: Marks = {};
  const cap = capOf(ballot);
  let forCount = 0;
  for (const id of candidateIds) {
    const mark = marks[id];
    if (mark === undefined || !ballot.options.includes(mark)) continue;
    if (mark === FOR && cap !== null && forCount >= cap) continue;
    if (mark === FOR) forCount++;
    clean[id] = mark;
  }
  return clean;
}

export function unmarked(candidateIds: readonly string[], marks: Marks): string[] {
  return candidateIds.filter((id) => marks[id] === undefined);
}

/** Whether the paper may go to review: with blank = invalid, every candidate must be marked. */
export function reviewCheck(ballot: Rules, candidateIds: readonly string[], marks: Marks): { ok: true } | { ok: false; missing: string[] } {
  const missing = unmarked(candidateIds, marks);
  return ballot.blank === 'invalid' && missing.length > 0 ? { ok: false, missing } : { ok: true };
}

export interface MarkGroup {
  option: string;
  candidates: WsCandidate[];
}

/** The review screen's groups: one per option in the ballot's order, then the unmarked (option ''). */
export function groupMarks(ballot: Rules, candidates: readonly WsCandidate[], marks: Marks): MarkGroup[] {
  const groups: MarkGroup[] = ballot.options.map((option) => ({ option, candidates: candidates.filter((c) => marks[c.id] === option) }));
  groups.push({ option: '', candidates: candidates.filter((c) => marks[c.id] === undefined) });
  return groups;
}
