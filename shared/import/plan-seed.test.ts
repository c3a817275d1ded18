import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Milestone } from '../candidate.ts';
import { parsePeriod } from '../rules/progress.ts';
import { assessProgress } from '../rules/progress.ts';
import { parseCandidateCsv } from './candidates-csv.ts';

// The seed's fifteen 推进计划 (server/demo/fixtures/qinshui-2023-candidates.csv, as shipped) and the milestone table a
// reader of the seed writes for them — written by hand from the text, not from the code: periods as ranges, recurring
// duties one node per occurrence, parallel sub-plans (年度工作任务 "1. … 2. …") as tracks, yearly targets kept.

const CSV = readFileSync(new URL('../../server/demo/fixtures/qinshui-2023-candidates.csv', import.meta.url), 'utf8');

/** "period", then optional: "50万" amount, "#650" target, "30%" percent, "every" recurring, "target" yearly target, "T1"/"T2" track. */
type Row = string;
const months = (from: number, to: number, extra = '') => Array.from({ length: to - from + 1 }, (_, i) => `2023-${String(from + i).padStart(2, '0')}${extra}`);
const quarters = (extra = '') => [1, 2, 3, 4].map((q) => `2023-Q${q}${extra}`);

const TRACKS: Record<number, Record<string, string>> = {
  10: { T1: '为残疾人缴纳意外伤害保险', T2: '为重度残疾人提供免费体检' },
  11: { T1: '提高城乡低保家庭高龄老年人生活补贴', T2: '开展高龄困难老年人免费(低价)热饭行动' },
};

const READER: Record<number, Row[]> = {
  // 口袋公园: monthly steps with 投资约…; "3 月底 4 月初完成招标" is 21 March to 10 April.
  1: ['2023-02 50万', '2023-03-21~2023-04-10 50万', '2023-04 100万', '2023-05 200万', '2023-06 150万', '2023-07 150万', '2023-08 100万', '2023-09 100万', '2023-10 100万'],
  2: quarters(),
  // 防贫保险: the year's publicity, training twice a year, claims reported every month, a meeting every quarter.
  3: ['2023', '2023-H1 every', '2023-H2 every', ...months(1, 12, ' every'), ...quarters(' every')],
  4: ['2023-Q1 120万', '2023-Q2 500万', '2023-Q3 1000万', '2023-Q4 1180万'],
  5: quarters(),
  // 课后服务: Q2 is "（同第一季度）" — the same task as Q1, so one node for the first two quarters.
  6: ['2023-Q1~2023-Q2', '2023-Q3', '2023-Q4'],
  // 老旧小区: 4-5月, 6-7月, 8-9月, 11-12月 are ranges; 839户 is the year's target.
  7: ['2023-03', '2023-04~2023-05', '2023-06~2023-07', '2023-08~2023-09', '2023-10', '2023-11~2023-12', '2023 #839 target'],
  // 职业技能: shares of the year's task; 年培训规模2000人 kept.
  8: ['2023-Q1', '2023-Q2 30%', '2023-Q3 70%', '2023-Q4 100%', '2023 #2000 target'],
  9: ['2023-Q1 #200', '2023-Q2 #700', '2023-Q3 #900', '2023-Q4 #200'],
  // 残疾人关爱: two sub-plans, 保险 (T1) and 体检 (T2); a line holding both is two nodes, each with its own period.
  10: [
    '2023-02',
    '2023-03',
    '2023-04~2023-05 T1',
    '2023-04~2023-05 T2',
    '2023-06 #650 15% T2',
    '2023-06~2023-07 T1',
    '2023-07 #650 30% T2',
    '2023-08 T1',
    '2023-08 #650 45% T2',
    '2023-09 #650 60% T2',
    '2023-09~2023-10 T1',
    '2023-10 #650 75% T2',
    '2023-11 #650 90% T2',
    '2023-12 #468 100% T2',
    '2023 #7900 target T1',
    '2023 #4368 target T2',
  ],
  // 高龄老人: the allowance every month (T1); the 热饭行动 (T2) in ranges.
  11: [...months(1, 12, ' every T1'), '2023-02~2023-03 T2', '2023-04~2023-05 T2', '2023-06~2023-12 T2'],
  12: quarters(),
  13: ['2023-02~2023-03', '2023-04~2023-05', '2023-06~2023-07', '2023-07~2023-11', '2023-12'],
  14: ['2023'],
  15: ['2023-03', '2023-04', '2023-05~2023-10', '2023-11~2023-12'],
};

function describeNode(m: Milestone, tracks: Record<string, string>): Row {
  const short = Object.entries(tracks).find(([, name]) => name === m.track)?.[0];
  return [
    m.period,
    m.amountWan !== null ? `${m.amountWan}万` : null,
    m.target !== undefined ? `#${m.target}` : null,
    m.percent !== undefined ? `${m.percent}%` : null,
    m.kind === 'recurring' ? 'every' : m.kind === 'target' ? 'target' : null,
    m.track !== undefined ? (short ?? `?${m.track}`) : null,
  ]
    .filter((x) => x !== null)
    .join(' ');
}

describe('the seed’s 推进计划, as a reader of the seed reads them', () => {
  const parsed = parseCandidateCsv(CSV);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const bySeq = new Map(parsed.candidates.map((c) => [c.seq, c]));

  it('imports all fifteen rows as written', () => {
    expect(parsed.candidates.map((c) => c.seq)).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
  });

  it.each(Object.keys(READER).map(Number))('row %i gives the reader’s milestone table', (seq) => {
    const c = bySeq.get(seq)!;
    expect(c.milestones.map((m) => describeNode(m, TRACKS[seq] ?? {}))).toEqual(READER[seq]);
    for (const m of c.milestones) expect(parsePeriod(m.period), m.period).not.toBeNull();
  });

  it('keeps the amounts: the plan of row 1 adds up to its 1000 万元, row 4 to its 2800 万元', () => {
    const sum = (seq: number) => bySeq.get(seq)!.milestones.reduce((s, m) => s + (m.amountWan ?? 0), 0);
    expect([sum(1), bySeq.get(1)!.budgetWan]).toEqual([1000, 1000]);
    expect([sum(4), bySeq.get(4)!.budgetWan]).toEqual([2800, 2800]);
  });

  it('no false 滞后: row 6 is on time in April with its Q1–Q2 node not reached yet', () => {
    const nodes = bySeq.get(6)!.milestones.map((m, position) => ({ position, period: m.period, amountWan: m.amountWan }));
    expect(assessProgress(nodes, [{ date: '2023-03-15', spentWan: 0, milestonesReached: [] }], '2023-04-15').status).toBe('in_progress');
    expect(assessProgress(nodes, [{ date: '2023-03-15', spentWan: 0, milestonesReached: [] }], '2023-07-02').status).toBe('lagging');
  });

  it('a missed month of a recurring duty is seen: row 11 is 滞后 in March when February’s allowance is not reported', () => {
    const nodes = bySeq.get(11)!.milestones.map((m, position) => ({ position, period: m.period, amountWan: m.amountWan }));
    const january = nodes.find((n) => n.period === '2023-01')!.position;
    const a = assessProgress(nodes, [{ date: '2023-02-01', spentWan: 10, milestonesReached: [january] }], '2023-03-05');
    expect(a.status).toBe('lagging');
    expect(a.lag.overdue).toEqual([nodes.find((n) => n.period === '2023-02')!.position]);
  });
});
