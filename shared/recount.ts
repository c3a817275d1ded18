import type { z } from 'zod';
import { ballotRecordSchema, type BallotRecord, type Tally } from './record.ts';
import { computeTally } from './rules/tally.ts';
import { diffTally } from './rules/tally-diff.ts';
import { safeParse } from './safe-parse.ts';

export type RecountResult =
  | { ok: true; record: BallotRecord; tally: Tally; /** Empty when the record carries no tally or the same one. */ mismatches: string[] }
  | { ok: false; errors: string[] };

/** zod issues as `path: message` lines, e.g. `papers: duplicate paper id "p-3"`. */
function issueLines(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.length ? issue.path.map(String).join('.') : '(record)'}: ${issue.message}`);
}

/**
 * Recounts a parsed ballot record (DESIGN.md §9): validates it, tallies its papers with the same function the
 * server uses, and compares the result with the tally the record carries.
 */
export function recount(json: unknown): RecountResult {
  const parsed = safeParse(ballotRecordSchema, json);
  if (!parsed.success) return { ok: false, errors: issueLines(parsed.error) };
  const record = parsed.data;
  const tally = computeTally({
    rules: record.ballot,
    attendance: record.attendance,
    candidates: record.candidates,
    papers: record.papers,
  });
  return { ok: true, record, tally, mismatches: record.tally ? diffTally(tally, record.tally) : [] };
}
