import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { candidateImportSchema, candidateInputSchema } from '../candidate.ts';
import { parseCandidateJson } from './candidates-json.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const fixture = (name: string): unknown => JSON.parse(readFileSync(path.resolve(repoRoot, 'server/demo/fixtures', name), 'utf8'));

const minimal = (seq: number, extra: Record<string, unknown> = {}) => ({ seq, name: `项目${seq}`, ...extra });

function problemsOf(value: unknown) {
  const r = parseCandidateJson(value);
  if (r.ok) throw new Error('expected problems');
  return r.problems;
}

describe('parseCandidateJson', () => {
  it('reads the Qinshui fixture document, its descriptive keys ignored', () => {
    const r = parseCandidateJson(fixture('qinshui-2023-candidates.json'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.candidates).toHaveLength(15);
    expect(r.rows).toEqual(r.candidates.map((_, i) => i + 1));
    expect(r.candidates.reduce((s, c) => s + (c.budgetWan ?? 0), 0)).toBe(12575);
    // A milestone without an amount reads as amountWan null; the fixture's extra numbers are kept.
    expect(r.candidates[1]?.milestones[0]).toEqual({ period: '2023-Q1', amountWan: null, text: '成立巡回医疗工作领导小组；到土沃乡、张村乡、郑庄镇开展巡回医疗' });
    expect(r.candidates[7]?.milestones[1]).toMatchObject({ percent: 30 });
    expect(r.candidates[8]?.milestones[0]).toMatchObject({ target: 200 });
  });

  it('accepts a bare array and fills the fields it omits', () => {
    const r = parseCandidateJson([minimal(1), minimal(2, { milestones: [{ period: '2023', text: '全年' }] })]);
    expect(r.ok && r.candidates[0]).toEqual({
      seq: 1,
      name: '项目1',
      category: null,
      budgetWan: null,
      summary: '',
      annualTask: '',
      milestones: [],
      units: { lead: [], cooperate: [], implement: [] },
      countyLeader: '',
      responsibleLeader: '',
      leaderInCharge: '',
      contacts: [],
      remarks: '',
    });
    expect(r.ok && r.candidates[1]?.milestones).toEqual([{ period: '2023', amountWan: null, text: '全年' }]);
  });

  it('reports every problem with its entry (1-based) and field path', () => {
    const problems = problemsOf({
      candidates: [
        minimal(1),
        minimal(2, { budgetWan: -1, colour: 'red' }),
        minimal(1, { name: ' ' }),
        { seq: 4, name: '项目2', milestones: [{ period: '', text: 'x' }], contacts: [{ name: '王波', phone: 139 }] },
      ],
    });
    expect(problems).toEqual([
      { row: 2, column: 'budgetWan', message: 'must not be negative', code: 'negative' },
      { row: 2, column: 'colour', message: 'unknown field' },
      { row: 3, column: 'name', message: 'must not be empty', code: 'required' },
      { row: 3, column: 'seq', message: 'seq 1 is also on row 1', code: 'seq_twice', params: { seq: '1', row: 1 } },
      { row: 4, column: 'milestones.0.period', message: 'must not be empty', code: 'required' },
      { row: 4, column: 'contacts.0.phone', message: expect.stringContaining('expected string') },
      { row: 4, column: 'name', message: '"项目2" is also on row 2', code: 'name_twice', params: { name: '项目2', row: 2 } },
    ]);
  });

  it('refuses unknown top-level keys, an empty list and what is not a list at all, on row 0', () => {
    expect(problemsOf({ candidate: [minimal(1)] })).toEqual([
      { row: 0, column: 'candidates', message: expect.any(String) },
      { row: 0, column: 'candidate', message: 'unknown field' },
    ]);
    expect(problemsOf([])).toEqual([{ row: 0, column: '', message: 'no candidates' }]);
    expect(problemsOf('口袋公园')).toEqual([{ row: 0, column: '', message: expect.stringContaining('expected an array') }]);
    expect(problemsOf({ candidates: [minimal(1)], meeting: 'x' })).toEqual([{ row: 0, column: 'meeting', message: expect.any(String) }]);
  });
});

describe('candidate schemas', () => {
  it('candidateImportSchema gives the list for both shapes', () => {
    expect(candidateImportSchema.parse([minimal(1)])).toHaveLength(1);
    expect(candidateImportSchema.parse({ candidates: [minimal(1)], townships: ['土沃乡'] })).toHaveLength(1);
    expect(candidateImportSchema.safeParse({ candidates: [minimal(1)], extra: 1 }).success).toBe(false);
  });

  it('candidateInputSchema trims the name and keeps decimals of 万元', () => {
    expect(candidateInputSchema.parse(minimal(1, { name: ' 口袋公园 ', budgetWan: 12.5 }))).toMatchObject({ name: '口袋公园', budgetWan: 12.5 });
    expect(candidateInputSchema.safeParse(minimal(0)).success).toBe(false);
    expect(candidateInputSchema.safeParse(minimal(1.5)).success).toBe(false);
  });
});
