import type { IssueDetail } from '../issues.ts';
import { withDetail } from '../errors.ts';
import { issueDetail } from '../issues.ts';
import { candidateInputSchema, MAX_CANDIDATES } from '../candidate.ts';
import type { CandidateInput } from '../candidate.ts';
import { parseBudget, parseContacts, parseUnits, PLAUSIBLE_WAN, statedNoteUnit, unitFromLines, unitName, unitOfName } from './candidate-cells.ts';
import type { MoneyUnit, MoneyUnitName } from './candidate-cells.ts';
import type { Grid } from './grid.ts';
import { readPlan } from './plan.ts';
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

export interface CandidateTableOptions {
  /** The unit of bare amounts, chosen by the user when the preview asked (a 'unit' problem). */
  unit?: MoneyUnitName | undefined;
}

/** How amounts are read: the unit of bare numbers, where it came from, and whether the table contradicts itself. */
interface MoneyReading {
  bare: MoneyUnit;
  /** Where `bare` was stated: the user's choice, the unit line, the header's note, or nowhere (万元, as the 附件 writes). */
  source: 'chosen' | 'line' | 'header' | 'default';
  conflict: { message: string; line: string; header: string } | null;
}

function moneyReading(table: Table<Key>, options: CandidateTableOptions): MoneyReading {
  const line = unitFromLines(table.aboveHeader);
  const note = statedNoteUnit(table.headerNote('budget'));
  if (options.unit) return { bare: unitOfName(options.unit), source: 'chosen', conflict: null };
  if (line && note && line !== note) {
    return {
      bare: line,
      source: 'line',
      conflict: { message: `the line above the table says 单位：${unitName(line)} but the header says ${unitName(note)}: choose the unit of the amounts`, line: unitName(line), header: unitName(note) },
    };
  }
  if (line) return { bare: line, source: 'line', conflict: null };
  if (note) return { bare: note, source: 'header', conflict: null };
  return { bare: '万', source: 'default', conflict: null };
}

/**
 * The 附件 table from any grid (CSV text, TSV, .xlsx, .docx — see grid.ts). Money: a unit in the cell wins; bare
 * numbers take the unit line above the header, else the header's note, else 万元. A unit line and a header that
 * disagree, a cell whose unit disagrees with a stated table unit, or a bare amount outside 1 万元 – 100 亿元 is a
 * 'unit' problem: the user chooses (options.unit) instead of the import guessing.
 */
export function parseCandidateCsv(source: string | Grid, options: CandidateTableOptions = {}): CandidateImportResult {
  const { table, problems } = readTable(source, CANDIDATE_COLUMNS);
  if (!table) return { ok: false, problems };
  const money = moneyReading(table, options);
  const headerRow = (table.rows[0]?.row ?? 2) - 1;
  if (money.conflict) {
    const { message, line, header } = money.conflict;
    problems.push({ row: headerRow, column: table.header('budget'), message, choice: 'unit', code: 'unit_conflict', params: { written: `单位：${line}`, a: line, b: header } });
  }

  const read: { row: number; candidate: CandidateInput | null; seq: number | null; name: string }[] = [];
  let declaredTotal: { row: TableRow; wan: number } | null = null;

  for (const row of table.rows) {
    const seqCell = table.cell(row, 'seq');
    if (TOTAL_ROW.has(seqCell.replace(/\s/g, '')) || TOTAL_ROW.has(table.cell(row, 'name').replace(/\s/g, ''))) {
      // A 合计 row under the table: not a candidate, but a check on the amounts above it.
      const total = parseBudget(table.cell(row, 'budget'), money.bare);
      if ('value' in total && total.value !== null) declaredTotal = { row, wan: total.value };
      continue;
    }
    const { candidate, seq, name, rowProblems } = readRow(table, row, money);
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
      (seq, first) => ({ message: `seq ${seq} is also on row ${first}`, code: 'seq_twice', params: { seq: String(seq), row: first } }),
    ),
    ...duplicateProblems(
      read.map((r) => ({ row: r.row, key: r.name || null, value: r.name })),
      table.header('name'),
      (name, first) => ({ message: `"${name}" is also on row ${first}`, code: 'name_twice', params: { name, row: first } }),
    ),
  );
  if (declaredTotal && read.every((r) => r.candidate)) {
    const sum = Math.round(read.reduce((s, r) => s + (r.candidate?.budgetWan ?? 0), 0) * 1e6) / 1e6;
    if (sum !== declaredTotal.wan) {
      problems.push({
        row: declaredTotal.row.row,
        column: table.header('budget'),
        message: `the total says ${declaredTotal.wan} (x10,000 yuan) but the rows above add up to ${sum}`,
        code: 'total_mismatch',
        params: { declared: declaredTotal.wan, sum },
      });
    }
  }

  if (problems.length) return { ok: false, problems: sortProblems(problems) };
  return { ok: true, candidates: read.map((r) => r.candidate as CandidateInput), rows: read.map((r) => r.row) };
}

/** Required columns whose blank cell is a problem (序号 and 项目名称 say so in their own words). */
const MUST_FILL: readonly Key[] = ['annualTask', 'plan', 'units', 'countyLeader', 'responsibleLeader', 'leaderInCharge', 'contacts', 'budget'];

function readRow(table: Table<Key>, row: TableRow, money: MoneyReading) {
  const rowProblems: ImportProblem[] = [];
  const reported = new Set<Key>();
  const problem = (key: Key, message: string, detail: IssueDetail = {}) => {
    reported.add(key);
    rowProblems.push({ row: row.row, column: table.header(key), message, ...detail });
  };
  const cell = (key: Key) => table.cell(row, key);

  const seqText = cell('seq').normalize('NFKC');
  const seq = /^\d+$/.test(seqText) && Number(seqText) >= 1 ? Number(seqText) : null;
  if (seq === null) problem('seq', seqText ? `"${seqText}" is not a row number (a whole number from 1)` : 'empty cell', seqText ? { code: 'not_seq', params: { written: seqText } } : { code: 'required' });

  const name = cell('name');
  if (!name) problem('name', 'empty cell', { code: 'required' });

  for (const key of MUST_FILL) if (!cell(key)) problem(key, 'empty cell in a required column', { code: 'required' });

  const budget = parseBudget(cell('budget'), money.bare);
  if ('error' in budget) problem('budget', budget.error, budget.negative ? { code: 'negative' } : { code: 'amount_unreadable', params: { written: cell('budget') } });
  else if (!reported.has('budget') && budget.value !== null && !options(money)) {
    const written = cell('budget');
    if (budget.stated && money.source !== 'default' && budget.stated !== money.bare) {
      problem('budget', `"${written}" is in ${unitName(budget.stated)} but the table states ${unitName(money.bare)}: choose the unit of the amounts`, {
        code: 'unit_conflict',
        params: { written, a: unitName(budget.stated), b: unitName(money.bare) },
      });
    } else if (!budget.stated && (budget.value > PLAUSIBLE_WAN.max || (budget.value > 0 && budget.value < PLAUSIBLE_WAN.min))) {
      problem('budget', `"${written}" read as ${unitName(money.bare)} is ${budget.value}万元, ${budget.value > PLAUSIBLE_WAN.max ? 'more than 100亿元' : 'less than 1万元'} for a county project: choose the unit of the amounts`, {
        code: 'unit_implausible',
        params: { written, unit: unitName(money.bare), wan: budget.value, bound: budget.value > PLAUSIBLE_WAN.max ? 'max' : 'min' },
      });
    }
    if (reported.has('budget')) rowProblems.at(-1)!.choice = 'unit';
  }

  const plan = readPlan(cell('plan'), cell('annualTask'));
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

/** The user chose the unit: their answer stands, no more asking. */
const options = (money: MoneyReading) => money.source === 'chosen';
