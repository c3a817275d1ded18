import { describe, expect, it } from 'vitest';
import { issueText } from '../../client/i18n/server-error.ts';
import type { ImportProblem } from '../errors.ts';
import { parseCandidateCsv } from './candidates-csv.ts';
import { parseRosterCsv, samePerson } from './roster.ts';

// The import's problems carry stable codes, so the console shows them in the reader's language (issue 10 item 7):
// never an English sentence in the Chinese screen. Issue 15: a duplicate carries what matched and against what,
// and each locale writes the whole sentence — no English fragment inside the Chinese text.
const problemsOf = (r: { ok: boolean } & Record<string, unknown>) => (r.ok ? [] : (r.problems as ImportProblem[]));

/** The text with every parameter value taken out: what the catalogue itself wrote. */
function ownWords(text: string, p: ImportProblem): string {
  const values = Object.values(p.params ?? {}).map(String).sort((a, b) => b.length - a.length);
  return values.reduce((t, v) => t.split(v).join(''), text);
}
const LATIN = /[A-Za-z]/;
const HAN = /[\u4e00-\u9fff]/;

/** Asserts the problem reads in Chinese with no English word, and in English with no Chinese one. */
function readsWhole(p: ImportProblem) {
  expect(p.code, p.message).toBeDefined();
  const zh = issueText('zh-CN', p);
  const en = issueText('en', p);
  expect(zh).not.toMatch(/\{\w+\}/);
  expect(en).not.toMatch(/\{\w+\}/);
  expect(ownWords(zh, p), zh).not.toMatch(LATIN);
  // The money units are how the file must write amounts (1000万元), so the English names them as written.
  expect(ownWords(en, p).replace(/[万亿]?元/g, ''), en).not.toMatch(HAN);
  return { zh, en };
}

describe('import problems are coded', () => {
  it('a shifted row, a duplicate and a unit clash each carry their code', () => {
    const roster = parseRosterCsv('姓名,代表团\n王伟,城关镇\n王　伟,城关镇\n张三,城关镇,多余\n');
    const codes = problemsOf(roster as never).map((p) => p.code);
    expect(codes).toContain('duplicate_choice');
    expect(codes).toContain('cell_count');
    for (const p of problemsOf(roster as never)) expect(p.code, p.message).toBeDefined();
  });

  it('several names in one roster cell read whole in each locale', () => {
    const [p] = problemsOf(parseRosterCsv('姓名,代表团\n王伟 李小红,城关镇\n') as never);
    const { zh } = readsWhole(p!);
    expect(zh).toBe('“王伟 李小红”像是一格里写了几个姓名（王伟、李小红）：每位代表各占一行；若是一个人的姓名，请去掉其中的空格或分隔符');
  });

  it('writes each duplicate as one sentence per locale: by name or by 代表证号, within the file or against the roster', () => {
    const file = problemsOf(parseRosterCsv('姓名,代表团,代表证号\n王伟,城关镇,QS001\n王　伟,城关镇,\n李敏,龙港镇,ＱＳ001\n') as never);
    const [byName, byCard] = file.map(readsWhole);
    expect(byName!.zh).toBe('王　伟（城关镇）与第 2 行同名、同代表团：请选择跳过（同一人）或都保留');
    expect(byName!.en).toBe('王　伟 (城关镇) is also on row 2: skip it (the same person) or keep both');
    expect(byCard!.zh).toBe('代表证号 ＱＳ001 与第 2 行（王伟，城关镇）相同：请选择跳过（同一人）或都保留');

    const earlier = [{ name: '王伟', delegation: '城关镇', code: 'QS001' }];
    const entries = [
      { row: 2, name: '王 伟', delegation: '城关镇' },
      { row: 3, name: '李敏', delegation: '龙港镇', code: 'qs001' },
    ];
    const columns = { name: '姓名', code: '代表证号' };
    const asked = samePerson(entries, columns, undefined, earlier, false).problems.map(readsWhole);
    expect(asked.map((x) => x.zh)).toEqual([
      '王 伟（城关镇）已在代表名单中：请选择跳过（同一人）或都保留',
      '代表证号 qs001 已属名单中的 王伟（城关镇）：请选择跳过（同一人）或都保留',
    ]);
    const skipped = samePerson(entries, columns, 'skip', earlier, false).notes.map(readsWhole);
    expect(skipped.map((x) => x.zh)).toEqual(['已跳过：王 伟（城关镇）已在代表名单中，是同一人', '已跳过：代表证号 qs001 与名单中的 王伟（城关镇）是同一人']);
    const kept = samePerson(entries, columns, 'keep', earlier, false).notes.map(readsWhole);
    expect(kept.map((x) => x.en)).toEqual([
      'kept both: 王 伟 (城关镇) and the deputy of that name on the roster are two people',
      'kept both: card number qs001 also belongs to 王伟 (城关镇) on the roster; they are two people',
    ]);
    // Within one file, skipped and kept name the other row.
    const inFile = [{ row: 2, name: '王伟', delegation: '城关镇' }, { row: 3, name: '王　伟', delegation: '城关镇' }];
    expect(samePerson(inFile, columns, 'skip').notes.map((p) => readsWhole(p).zh)).toEqual(['已跳过：王　伟（城关镇）与第 2 行是同一人']);
    expect(samePerson(inFile, columns, 'keep').notes.map((p) => readsWhole(p).zh)).toEqual(['都保留：王　伟（城关镇）与第 2 行同名，是两人']);
  });

  it('the candidate table’s own problems (序号, 项目名称, amounts, 合计) are coded and read whole in each locale', () => {
    const HEADER = ['序号', '项目名称', '年度工作任务', '推进计划', '实施单位', '县级分管领导', '责任领导', '分管领导', '责任人及联系电话', '需财政投入资金（初步估算）', '备注'];
    const row = (seq: string, name: string, budget = '100万元') =>
      [seq, name, '任务', '2023-06：完成', '牵头：县住建局', '张三', '李四', '王五', '赵六 13900000000', budget, ''].join(',');
    const total = ['合计', '', '', '', '', '', '', '', '', '250万元', ''].join(',');
    const csv = [HEADER.join(','), row('1', '项目1'), row('1', '项目1'), row('六', '项目3'), row('4', ''), row('5', '项目5', '一千万'), total].join('\n');
    const problems = problemsOf(parseCandidateCsv(csv) as never);
    expect(problems.map((p) => p.code)).toEqual(['seq_twice', 'name_twice', 'not_seq', 'required', 'amount_unreadable']);
    for (const p of problems) readsWhole(p);
    const totals = problemsOf(parseCandidateCsv([HEADER.join(','), row('1', '项目1'), row('2', '项目2'), total].join('\n')) as never);
    expect(totals.map((p) => [p.code, issueText('zh-CN', p)])).toEqual([['total_mismatch', '合计为 250 万元，而上面各行相加为 200 万元']]);
  });
});
