import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CandidateInput } from '../candidate.ts';
import { parseCandidateCsv } from './candidates-csv.ts';
import { parseCandidateJson } from './candidates-json.ts';
import { toCsv } from './csv.ts';

// The lead's fixtures, copied into the repository with the demo so a fresh clone has them.
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const fixture = (name: string) => readFileSync(path.resolve(repoRoot, 'server/demo/fixtures', name), 'utf8');

const HEADER = ['序号', '项目名称', '年度工作任务', '推进计划', '实施单位', '县级分管领导', '责任领导', '分管领导', '责任人及联系电话', '需财政投入资金（初步估算）', '备注'];
const BUDGET = '需财政投入资金（初步估算）';

/** A valid data row of the secretariat's table, with some cells replaced. */
function row(seq: number, overrides: Partial<Record<(typeof HEADER)[number], string>> = {}): string[] {
  const base: Record<string, string> = {
    序号: String(seq),
    项目名称: `项目${seq}`,
    年度工作任务: '完成建设',
    推进计划: '2023-Q1：完成设计，投资约10万元\n2023-Q2：完成施工',
    实施单位: '牵头：住建局\n配合：交警大队、园林中心',
    县级分管领导: '牛正太',
    责任领导: '宋国忠',
    分管领导: '王芳',
    责任人及联系电话: '王波 139****0633',
    [BUDGET]: '100万元',
    备注: '',
  };
  return HEADER.map((h) => overrides[h] ?? base[h] ?? '');
}

const table = (...rows: string[][]) => toCsv([HEADER, ...rows]);

function problemsOf(text: string) {
  const r = parseCandidateCsv(text);
  if (r.ok) throw new Error('expected problems');
  return r.problems;
}

describe('parseCandidateCsv — the Qinshui 2023 table', () => {
  const csv = parseCandidateCsv(fixture('qinshui-2023-candidates.csv'));
  const json = parseCandidateJson(JSON.parse(fixture('qinshui-2023-candidates.json')));

  it('reads all 15 candidates, 1.2575 亿元 in all, from spreadsheet rows 2–16', () => {
    expect(csv.ok).toBe(true);
    if (!csv.ok) return;
    expect(csv.candidates.map((c) => c.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
    expect(csv.candidates.reduce((sum, c) => sum + (c.budgetWan ?? 0), 0)).toBe(12575);
    expect(csv.rows).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
  });

  it('reproduces the JSON fixture: units, contacts, budget, leaders and tasks', () => {
    if (!csv.ok || !json.ok) throw new Error('fixtures do not parse');
    // The CSV has no 类别 or 项目简介 column. Its 推进计划 is read as a reader reads it (ranges, recurring duties,
    // tracks, targets — plan-seed.test.ts), which the JSON fixture's one-node-per-line plan does not: everything
    // else must agree.
    const comparable = (c: CandidateInput) => ({
      ...c,
      category: undefined,
      summary: undefined,
      milestones: undefined,
    });
    expect(csv.candidates.map(comparable)).toEqual(json.candidates.map(comparable));
    for (const c of csv.candidates) {
      expect(c.category).toBeNull();
      expect(c.summary).toBe(c.annualTask);
    }
  });

  it('reads the fixture however it was saved: CRLF, no BOM or a BOM, 需财政投入资金(初步估算) with ASCII brackets', () => {
    const original = fixture('qinshui-2023-candidates.csv');
    const variants = [
      original.replace(/\r?\n/g, '\r\n'),
      `\uFEFF${original}`,
      original.replace('需财政投入资金（初步估算）', ' 需财政投入资金 (初步估算) '),
    ];
    const base = parseCandidateCsv(original);
    for (const text of variants) {
      const r = parseCandidateCsv(text);
      expect(r.ok).toBe(true);
      if (r.ok && base.ok) expect(r.candidates.map((c) => c.milestones)).toEqual(base.candidates.map((c) => c.milestones));
    }
  });
});

describe('parseCandidateCsv — layout', () => {
  it('fills category from a 类别 column, summary from 项目简介, and skips blank rows and a title line', () => {
    const text = toCsv([
      ['2023年县民生实事人大代表票决候选项目清单'],
      ['类别', ...HEADER, '项目简介', '附注'],
      ['教育', ...row(1), '简介一', 'ignored'],
      ['', '', '', '', '', '', '', '', '', '', '', '', '', ''],
      ['', ...row(2), '', ''],
    ]);
    const r = parseCandidateCsv(text);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.rows).toEqual([3, 5]);
    expect(r.candidates.map((c) => [c.category, c.summary])).toEqual([
      ['教育', '简介一'],
      [null, '完成建设'],
    ]);
  });

  it('reads units, contacts and milestones of a row', () => {
    const r = parseCandidateCsv(table(row(1, { 责任人及联系电话: '张姣姣 158****7278\n张海龙 135****3392', [BUDGET]: '1.2亿元' })));
    expect(r.ok && r.candidates[0]).toMatchObject({
      budgetWan: 12000,
      units: { lead: ['住建局'], cooperate: ['交警大队', '园林中心'], implement: [] },
      contacts: [
        { name: '张姣姣', phone: '158****7278' },
        { name: '张海龙', phone: '135****3392' },
      ],
      milestones: [
        { period: '2023-Q1', amountWan: 10, text: '完成设计' },
        { period: '2023-Q2', amountWan: null, text: '完成施工' },
      ],
    });
  });

  it('takes "0" as no money and "—" as no amount given', () => {
    const r = parseCandidateCsv(table(row(1, { [BUDGET]: '0' }), row(2, { [BUDGET]: '—' })));
    expect(r.ok && r.candidates.map((c) => c.budgetWan)).toEqual([0, null]);
  });

  it('checks a 合计 row against the rows above and does not import it', () => {
    const total = (amount: string) => HEADER.map((h) => (h === '序号' ? '合计' : h === BUDGET ? amount : ''));
    const ok = parseCandidateCsv(table(row(1), row(2), total('200万元')));
    expect(ok.ok && ok.candidates).toHaveLength(2);
    expect(problemsOf(table(row(1), row(2), total('250万元')))).toEqual([
      { row: 4, column: BUDGET, message: 'the total says 250 (x10,000 yuan) but the rows above add up to 200', code: 'total_mismatch', params: { declared: 250, sum: 200 } },
    ]);
  });
});

describe('parseCandidateCsv — problems, all at once, by spreadsheet row and header as written', () => {
  it('reports every bad cell of every row', () => {
    const problems = problemsOf(
      table(
        row(1),
        row(2, { [BUDGET]: '一千万' }),
        row(3, { 项目名称: '  ' }),
        row(1, { 项目名称: '项目1' }), // repeats row 2's 序号 and name
        row(5, { 推进计划: '2023-Q1：开工\n第二季度完成施工' }),
        row(6, { 序号: '六', 实施单位: '监督：人大办', 责任人及联系电话: '139****0633' }),
        row(7, { 项目名称: '长'.repeat(201) }),
        [...row(8), 'stray'],
      ),
    );
    expect(problems).toMatchObject([
      { row: 3, column: BUDGET, message: 'cannot read the amount "一千万" (write it like 1000万元, 1.2亿元 or 0)', code: 'amount_unreadable', params: { written: '一千万' } },
      { row: 4, column: '项目名称', message: 'empty cell', code: 'required' },
      { row: 5, column: '序号', message: 'seq 1 is also on row 2', code: 'seq_twice', params: { seq: '1', row: 2 } },
      { row: 5, column: '项目名称', message: '"项目1" is also on row 2', code: 'name_twice', params: { name: '项目1', row: 2 } },
      { row: 6, column: '推进计划', message: 'line 2 "第二季度完成施工": expected "2023-02：内容" (a period, a colon, then the text)' },
      { row: 7, column: '序号', message: '"六" is not a row number (a whole number from 1)', code: 'not_seq', params: { written: '六' } },
      { row: 7, column: '实施单位', message: 'unknown role "监督" (use 牵头, 配合 or 实施)' },
      { row: 7, column: '责任人及联系电话', message: 'phone 139****0633 has no name before it' },
      { row: 8, column: '项目名称', message: 'at most 200 characters', code: 'max_chars', params: { max: 200 } },
      { row: 9, column: '备注', message: '12 cells, but the header has 11 columns: a cell holds a stray separator or the cells have shifted' },
    ]);
  });

  it('counts rows as a spreadsheet does, even when cells span several lines', () => {
    const plan = '2023-01：一\n2023-02：二\n2023-03：三';
    const problems = problemsOf(table(row(1, { 推进计划: plan }), row(2, { 推进计划: plan }), row(3, { [BUDGET]: 'x' })));
    expect(problems.map((p) => p.row)).toEqual([4]);
  });

  it('names the header as the file writes it', () => {
    const text = table(row(1), row(2, { [BUDGET]: 'x' })).replace('需财政投入资金（初步估算）', '需财政投入资金(初步估算)');
    expect(problemsOf(text)).toEqual([{ row: 3, column: '需财政投入资金(初步估算)', message: expect.stringContaining('"x"'), code: 'amount_unreadable', params: { written: 'x' } }]);
  });

  it('reports each missing column once, on the header row, and a column given twice', () => {
    const header = HEADER.filter((h) => h !== '推进计划' && h !== '责任领导');
    expect(problemsOf(toCsv([header, header.map(() => 'x')]))).toEqual([
      { row: 1, column: '推进计划', message: 'missing column', code: 'missing_column' },
      { row: 1, column: '责任领导', message: 'missing column', code: 'missing_column' },
    ]);
    expect(problemsOf(toCsv([[...HEADER, '项目名称'], row(1)]))).toEqual([
      { row: 1, column: '项目名称', message: 'column repeats 项目名称 (column 2)' },
    ]);
  });

  it('reports an unterminated quote on the row it opens, after the problems of the rows before', () => {
    const text = `${table(row(1), row(2, { [BUDGET]: 'x' }))}3,项目3,"never closes\n`;
    expect(problemsOf(text)).toEqual([
      { row: 3, column: BUDGET, message: expect.any(String), code: 'amount_unreadable', params: { written: 'x' } },
      { row: 4, column: '年度工作任务', message: 'unterminated quote: the quoted field opened on line 8 never closes' },
    ]);
  });

  it('refuses an empty file and a table without rows', () => {
    expect(problemsOf('')).toEqual([{ row: 1, column: '', message: 'the file is empty' }]);
    expect(problemsOf(table())).toEqual([{ row: 1, column: '', message: 'the table has no candidate rows' }]);
  });
});
