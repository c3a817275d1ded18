import type { Tally, TallyCandidate } from '../record.ts';

// Rates are quotients of whole numbers; another implementation may divide in another order and differ in the
// last bit. Counts are integers and compare exactly whatever the tolerance.
const RATE_TOLERANCE = 1e-9;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function show(value: unknown): string {
  return value === undefined ? '(absent)' : JSON.stringify(value);
}

function same(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) <= RATE_TOLERANCE;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => same(v, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((k) => same(a[k], b[k]));
  }
  return a === b;
}

function diffValue(path: string, recount: unknown, recorded: unknown, out: string[]): void {
  if (isObject(recount) && isObject(recorded)) {
    const keys = new Set([...Object.keys(recount), ...Object.keys(recorded)]);
    for (const key of keys) diffValue(path ? `${path}.${key}` : key, recount[key], recorded[key], out);
    return;
  }
  if (!same(recount, recorded)) out.push(`${path}: recorded ${show(recorded)}, recount ${show(recount)}`);
}

function diffCandidates(recount: readonly TallyCandidate[], recorded: readonly TallyCandidate[], out: string[]): void {
  const recordedById = new Map(recorded.map((c) => [c.id, c]));
  const recountIds = new Set(recount.map((c) => c.id));
  for (const c of recount) {
    const other = recordedById.get(c.id);
    if (other) diffValue(`candidates[${c.id}]`, c, other, out);
    else out.push(`candidates: ${show(c.id)} is missing from the recorded tally`);
  }
  for (const c of recorded) {
    if (!recountIds.has(c.id)) out.push(`candidates: recorded tally lists ${show(c.id)}, which is not on the ballot`);
  }
  const recordedOrder = recorded.map((c) => c.id).filter((id) => recountIds.has(id));
  const ballotOrder = recount.map((c) => c.id).filter((id) => recordedById.has(id));
  if (!same(recordedOrder, ballotOrder)) {
    out.push(`candidates: recorded in the order ${show(recordedOrder)}, ballot order is ${show(ballotOrder)}`);
  }
}

/**
 * Human-readable differences between a recounted tally and the one a record carries, e.g.
 * `candidates[c1].counts.for: recorded 120, recount 119`. Empty when they agree.
 */
export function diffTally(recount: Tally, recorded: Tally): string[] {
  const out: string[] = [];
  const keys = new Set([...Object.keys(recount), ...Object.keys(recorded)]) as Set<keyof Tally>;
  for (const key of keys) {
    if (key === 'candidates') diffCandidates(recount.candidates, recorded.candidates, out);
    else diffValue(key, recount[key], recorded[key], out);
  }
  return out;
}

export function tallyEquals(a: Tally, b: Tally): boolean {
  return diffTally(a, b).length === 0;
}
