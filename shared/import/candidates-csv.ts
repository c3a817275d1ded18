import { withDetail } from '../errors.ts';
import { issueDetail } from '../issues.ts';
import { candidateInputSchema, MAX_CANDIDATES } from '../candidate.ts';
import type { CandidateInput } from '../candidate.ts';
import { parseBudget, parseContacts, parsePlan, parseUnits, unitFromNote } from './candidate-cells.ts';
import { duplicateProblems, sortProblems } from './problems.ts';
import type { CandidateImportResult, ImportProblem } from './problems.ts';
import { readTable } from './table.ts';
import type { ColumnSpec, Table, TableRow } from './table.ts';

// The secretariat's own candidate table (附件：民生实事人大代表票决候选项目清单) exported as CSV, headers in
// Chinese as written. Rows are spreadsheet rows (header = row 1); see problems.ts.

export type { CandidateImportResult };

type Key =
  | 'seq'
  | 'name'
  | 'category'
  | 'summary'
  | 'annualTask'
  | 'plan'
  | 'units'
  | 'countyLeader'
  | 'responsibleLeader'
  | 'leaderInCharge'
  | 'contacts'
  | 'budget'
  | 'remarks';

export const CANDIDATE_COLUMNS: readonly ColumnSpec<Key>[] = [
  { key: 'seq', header: '序号', aliases: ['编号'], required: true },
  { key: 'name', header: '项目名称', aliases: ['候选项目名称', '候选项目'], required: true },
  { key: 'category', header: '类别', aliases: ['项目类别', '分类', '类型'], required: false },
  { key: 'summary', header: '项目简介', aliases: ['简介', '项目概况', '主要内容'], required: false },
  { key: 'annualTask', header: '年度工作任务', aliases: ['年度任务'], required: true },
  { key: 'plan', header: '推进计划', aliases: ['推进计划及时间节点'], required: true },
  { key: 'units', header: '实施单位', aliases: ['责任单位'], required: true },
  { key: 'countyLeader', header: '县级分管领导', required: true },
  { key: 'responsibleLeader', header: '责任领导', required: true },
  { key: 'leaderInCharge', header: '分管领导', required: true },
  { key: 'contacts', header: '责任人及联系电话', aliases: ['责任人及电话', '联系人及联系电话', '联系人及电话'], required: true },
  { key: 'budget', header: '需财政投入资金（初步估算）', aliases: ['财政投入资金', '需财政投入资金（万元）'], required: true },
  { key: 'remarks', header: '备注', required: false },
];

/** Which column a field of CandidateInput is read from, to name it in a problem. */
const FIELD_COLUMN: Record<keyof CandidateInput, Key> = {
  seq: 'seq',
  name: 'name',
  category: 'category',
  budgetWan: 'budget',
  summary: 'summary',
  annualTask: 'annualTask',
  milestones: 'plan',
  units: 'units',
  countyLeader: 'countyLeader',
  responsibleLeader: 'responsibleLeader',
  leaderInCharge: 'leaderInCharge',
  contacts: 'contacts',
  remarks: 'remarks',
};

const TOTAL_ROW = new Set(['合计', '总计', '合计金额']);

export function parseCandidateCsv(text: string): CandidateImportResult {
  const { table, problems } = readTable(text, CANDIDATE_COLUMNS);
  if (!table) return { ok: false, problems };

  const read: { row: number; candidate: CandidateInput | null; seq: number | null; name: string }[] = [];
  let declaredTotal: { row: TableRow; wan: number } | null = null;

  for (const row of table.rows) {
    const seqCell = table.cell(row, 'seq');
    if (TOTAL_ROW.has(seqCell.replace(/\s/g, '')) || TOTAL_ROW.has(table.cell(row, 'name').replace(/\s/g, ''))) {
      // A 合计 row under the table: not a candidate, but a check on the amounts above it.
      const total = parseBudget(table.cell(row, 'budget'), unitFromNote(table.headerNote('budget')));
      if ('value' in total && total.value !== null) declaredTotal = { row, wan: total.value };
      continue;
    }
    const { candidate, seq, name, rowProblems } = readRow(table, row);
    problems.push(...rowProblems);
    read.push({ row: row.row, candidate, seq, name });
  }

  if (table.has('seq') && table.has('name') && read.length === 0) {
    problems.push({ row: 1, column: '', message: 'the table has no candidate rows' });
  }
  if (read.length > MAX_CANDIDATES) problems.push({ row: 1, column: '', message: `at most ${MAX_CANDIDATES} candidates` });
  problems.push(
    ...duplicateProblems(
      read.map((r) => ({ row: r.row, key: r.seq === null ? null : String(r.seq), value: r.seq })),
      table.header('seq'),
      (seq, first) => `序号 ${seq} is also on row ${first}`,
    ),
    ...duplicateProblems(
      read.map((r) => ({ row: r.row, key: r.name || null, value: r.name })),
      table.header('name'),
      (name, first) => `"${name}" is also on row ${first}`,
    ),
  );
  if (declaredTotal && read.every((r) => r.candidate)) {
    const sum = Math.round(read.reduce((s, r) => s + (r.candidate?.budgetWan ?? 0), 0) * 1e6) / 1e6;
    if (sum !== declaredTotal.wan) {
      problems.push({
        row: declaredTotal.row.row,
        column: table.header('budget'),
        message: `the total says ${declaredTotal.wan}万元 but the rows above add up to ${sum}万元`,
      });
    }
  }

  if (problems.length) return { ok: false, problems: sortProblems(problems) };
  return { ok: true, candidates: read.map((r) => r.candidate as CandidateInput), rows: read.map((r) => r.row) };
}

function readRow(table: Table<Key>, row: TableRow) {
  const rowProblems: ImportProblem[] = [];
  const reported = new Set<Key>();
  const problem = (key: Key, message: string) => {
    reported.add(key);
    rowProblems.push({ row: row.row, column: table.header(key), message });
  };
  const cell = (key: Key) => table.cell(row, key);

  const seqText = cell('seq').normalize('NFKC');
  const seq = /^\d+$/.test(seqText) && Number(seqText) >= 1 ? Number(seqText) : null;
  if (seq === null) problem('seq', seqText ? `"${seqText}" is not a 序号 (a whole number from 1)` : 'empty 序号');

  const name = cell('name');
  if (!name) problem('name', 'empty 项目名称');

  const budget = parseBudget(cell('budget'), unitFromNote(table.headerNote('budget')));
  if ('error' in budget) problem('budget', budget.error);

  const plan = parsePlan(cell('plan'));
  for (const e of plan.errors) problem('plan', e);
  const units = parseUnits(cell('units'));
  for (const e of units.errors) problem('units', e);
  const contacts = parseContacts(cell('contacts'));
  for (const e of contacts.errors) problem('contacts', e);

  const annualTask = cell('annualTask');
  const draft = {
    seq: seq ?? 1,
    name: name || '-',
    category: cell('category') || null,
    budgetWan: 'value' in budget ? budget.value : null,
    summary: cell('summary') || annualTask,
    annualTask,
    milestones: plan.value,
    units: units.value,
    countyLeader: cell('countyLeader'),
    responsibleLeader: cell('responsibleLeader'),
    leaderInCharge: cell('leaderInCharge'),
    contacts: contacts.value,
    remarks: cell('remarks'),
  };
  // The schema still has the last word (lengths, limits); what was reported above is not reported twice.
  const checked = candidateInputSchema.safeParse(draft);
  if (!checked.success) {
    for (const issue of checked.error.issues) {
      const [field, ...rest] = issue.path;
      const key = FIELD_COLUMN[field as keyof CandidateInput];
      if (!key) {
        rowProblems.push({ row: row.row, column: '', message: issue.message });
        continue;
      }
      const column = key === 'summary' && !table.has('summary') ? 'annualTask' : key;
      if (reported.has(column)) continue;
      const where = rest.length ? `${rest.map(String).join('.')}: ` : '';
      const base = { row: row.row, column: table.header(column), message: `${where}${issue.message}` };
      // A nested field's issue keeps its path in the message, so only a cell's own issue carries the code.
      rowProblems.push(rest.length ? base : withDetail(base, issueDetail(issue)));
    }
  }
  const candidate = rowProblems.length === 0 && checked.success ? checked.data : null;
  return { candidate, seq, name, rowProblems };
}
