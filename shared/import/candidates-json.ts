import { candidateDocumentSchema, candidateListSchema } from '../candidate.ts';
import type { CandidateInput } from '../candidate.ts';
import { duplicateProblems, readJsonList, sortProblems } from './problems.ts';
import type { CandidateImportResult } from './problems.ts';

export type { CandidateImportResult };

/**
 * Candidates as JSON: an array, or `{ candidates: [...] }` (the fixture's form). Rows are 1-based positions in
 * the list; column is the field path. Duplicate 序号 and names are problems too, reported with the rest.
 */
export function parseCandidateJson(value: unknown): CandidateImportResult {
  // The same two shapes candidateImportSchema accepts.
  const read = readJsonList(value, 'candidates', candidateListSchema, candidateDocumentSchema, (d) => d.candidates);
  const items = read.raw;
  const problems = [
    ...read.problems,
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
  if (problems.length || !read.items) return { ok: false, problems: sortProblems(problems) };
  const candidates: CandidateInput[] = read.items;
  return { ok: true, candidates, rows: candidates.map((_, i) => i + 1) };
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>)[key] : undefined;
}
