import { candidateDocumentSchema, candidateListSchema } from '../candidate.ts';
import type { CandidateInput } from '../candidate.ts';
import { duplicateProblems, issuesToProblems, sortProblems } from './problems.ts';
import type { CandidateImportResult } from './problems.ts';
import { safeParse } from '../safe-parse.ts';

export type { CandidateImportResult };

/**
 * Candidates as JSON: an array, or `{ candidates: [...] }` (the fixture's form). Rows are 1-based positions in
 * the list; column is the field path. Duplicate 序号 and names are problems too, reported with the rest.
 */
export function parseCandidateJson(value: unknown): CandidateImportResult {
  if (typeof value !== 'object' || value === null) {
    return { ok: false, problems: [{ row: 0, column: '', message: 'expected an array of candidates or { "candidates": [...] }' }] };
  }
  // The same two shapes candidateImportSchema accepts, parsed one at a time so that the problems speak of the
  // shape that was sent rather than of a union that did not match.
  const isList = Array.isArray(value);
  const listPath = isList ? [] : ['candidates'];
  const parsed = isList ? safeParse(candidateListSchema, value) : safeParse(candidateDocumentSchema, value);

  const items = isList ? value : listOf(value);
  const problems = [
    ...(parsed.success ? [] : issuesToProblems(parsed.error.issues, listPath)),
    ...duplicateProblems(
      items.map((c, i) => ({ row: i + 1, key: Number.isInteger(field(c, 'seq')) ? String(field(c, 'seq')) : null, value: field(c, 'seq') })),
      'seq',
      (seq, first) => ({ message: `seq ${String(seq)} is also on row ${first}`, code: 'seq_twice', params: { seq: String(seq), row: first } }),
    ),
    ...duplicateProblems(
      items.map((c, i) => {
        const name = field(c, 'name');
        return { row: i + 1, key: typeof name === 'string' && name.trim() ? name.trim() : null, value: name };
      }),
      'name',
      (name, first) => ({ message: `"${String(name)}" is also on row ${first}`, code: 'name_twice', params: { name: String(name), row: first } }),
    ),
  ];
  if (problems.length || !parsed.success) return { ok: false, problems: sortProblems(problems) };
  const candidates: CandidateInput[] = Array.isArray(parsed.data) ? parsed.data : parsed.data.candidates;
  return { ok: true, candidates, rows: candidates.map((_, i) => i + 1) };
}

// Duplicates are looked for in the raw input, so that they are reported even when other fields are wrong.
function listOf(value: unknown): unknown[] {
  const list = field(value, 'candidates');
  return Array.isArray(list) ? list : [];
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>)[key] : undefined;
}
