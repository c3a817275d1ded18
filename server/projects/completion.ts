import { EVALUATION_RATING_LABELS, type Outputs } from '../../shared/projects.ts';
import { PROJECT_STATUS_LABELS, roundWan, type ProjectStatus } from '../../shared/rules/progress.ts';
import { assess, completionOf, presentEvaluation, sumOutputs } from './presenters.ts';
import type { Project } from './store.ts';

// 民生实事项目完成情况: the year's projects grouped by category, each with its investment and outputs, and the
// totals — as JSON for screens, and as plain Chinese text to paste into the secretariat's report.

export const NO_CATEGORY = '其他';

export interface CompletionProject {
  id: string;
  seq: number;
  name: string;
  status: ProjectStatus;
  statusLabel: string;
  budgetWan: number | null;
  /** Spending to date: the latest cumulative figure reported; null when none was. */
  investmentWan: number | null;
  outputs: Outputs;
  note: string;
  evaluation: ReturnType<typeof presentEvaluation>;
  /** Its completion as of the report's date: date, 按期/逾期, reasons; null when not complete. */
  completion: ReturnType<typeof completionOf>;
  /** Why it is 滞后 (the periods of overdue milestones, spending against plan); null unless lagging. */
  lag: { overduePeriods: string[]; spending: { plannedWan: number; spentWan: number } | null } | null;
}

export function buildCompletionReport(year: number, projects: Project[], today: string, margin: number) {
  const categories: { category: string; investmentWan: number; projects: CompletionProject[] }[] = [];
  const statuses: Record<ProjectStatus, number> = { not_started: 0, in_progress: 0, lagging: 0, completed: 0 };
  const ratings = { satisfied: 0, basically_satisfied: 0, dissatisfied: 0 };
  let investment = 0;
  let withInvestment = 0;
  for (const p of projects) {
    const a = assess(p, today, margin);
    const counted = p.reports.filter((r) => r.date <= today);
    const evaluation = presentEvaluation(p);
    const item: CompletionProject = {
      id: p.row.id,
      seq: p.row.seq,
      name: p.row.name,
      status: a.status,
      statusLabel: PROJECT_STATUS_LABELS[a.status],
      budgetWan: p.row.budget_wan,
      investmentWan: a.spentToDateWan,
      outputs: sumOutputs(counted),
      note: counted.findLast((r) => r.note !== '')?.note ?? '',
      evaluation,
      completion: completionOf(p, today, a),
      lag:
        a.status === 'lagging'
          ? { overduePeriods: a.lag.overdue.map((pos) => p.milestones.find((m) => m.position === pos)?.period ?? String(pos)), spending: a.lag.spending }
          : null,
    };
    const name = p.row.category ?? NO_CATEGORY;
    let group = categories.find((c) => c.category === name);
    if (!group) categories.push((group = { category: name, investmentWan: 0, projects: [] }));
    group.projects.push(item);
    if (item.investmentWan !== null) {
      group.investmentWan = roundWan(group.investmentWan + item.investmentWan);
      investment = roundWan(investment + item.investmentWan);
      withInvestment += 1;
    }
    statuses[a.status] += 1;
    if (evaluation?.rating) ratings[evaluation.rating] += 1;
  }
  const all = categories.flatMap((c) => c.projects);
  return {
    title: `${year} 年民生实事项目完成情况`,
    year,
    asOf: today,
    categories,
    totals: {
      projects: all.length,
      statuses,
      /** 按期完成 / 逾期完成 counts among the completed. */
      onTime: all.filter((p) => p.completion?.timeliness === 'on_time').length,
      late: all.filter((p) => p.completion?.timeliness === 'late').length,
      investmentWan: investment,
      /** How many projects the investment total covers (the others reported no figure). */
      projectsWithInvestment: withInvestment,
      outputs: sumOutputs(all),
      evaluation: all.some((p) => p.evaluation?.rating) ? ratings : null,
    },
  };
}
export type CompletionReport = ReturnType<typeof buildCompletionReport>;

const DIGITS = '零一二三四五六七八九';
/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 35 → 三十五 (up to 99, enough for categories). */
export function chineseNumber(n: number): string {
  if (n < 10) return DIGITS[n]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones ? DIGITS[ones] : ''}`;
}

const num = (n: number) => String(roundWan(n));
const outputsText = (o: Outputs) =>
  Object.entries(o)
    .map(([label, n]) => `${label} ${num(n)}`)
    .join('，');

/** The report as plain text: no Markdown, ready to paste into a document. */
export function renderCompletionText(r: CompletionReport): string {
  const lines: string[] = [r.title, ''];
  const s = r.totals.statuses;
  const others = (['in_progress', 'lagging', 'not_started'] as const)
    .filter((k) => s[k] > 0)
    .map((k) => `${PROJECT_STATUS_LABELS[k]} ${s[k]} 件`);
  // The county's headline (part 一 of the seed: "12 件民生实事全部按期完成"): 实施 N 件、按期完成 N 件.
  const done =
    r.totals.onTime === r.totals.projects
      ? `${r.totals.projects} 件，全部按期完成`
      : `${r.totals.projects} 件、按期完成 ${r.totals.onTime} 件${r.totals.late ? `、逾期完成 ${r.totals.late} 件` : ''}`;
  lines.push(
    `${r.year} 年实施民生实事项目 ${done}${others.length ? `，${others.join('，')}` : ''}，` +
      `完成投资 ${num(r.totals.investmentWan)} 万元。（统计至 ${r.asOf}）`,
    '',
  );
  let n = 0;
  r.categories.forEach((c, i) => {
    lines.push(`${chineseNumber(i + 1)}、${c.category}（${c.projects.length} 件，完成投资 ${num(c.investmentWan)} 万元）`);
    for (const p of c.projects) {
      lines.push(`${++n}．${p.name}（${p.completion ? p.completion.timelinessLabel : p.statusLabel}）`);
      if (p.completion?.lateReason) lines.push(`   逾期原因：${p.completion.lateReason}`);
      if (p.lag) {
        const why = [
          ...(p.lag.overduePeriods.length ? [`${p.lag.overduePeriods.join('、')} 节点未按期完成`] : []),
          ...(p.lag.spending ? [`已投入 ${num(p.lag.spending.spentWan)} 万元，低于计划 ${num(p.lag.spending.plannedWan)} 万元`] : []),
        ];
        lines.push(`   滞后原因：${why.join('；')}。`);
      }
      const facts = [p.investmentWan === null ? '投资未列明' : `完成投资 ${num(p.investmentWan)} 万元`];
      if (Object.keys(p.outputs).length) facts.push(outputsText(p.outputs));
      lines.push(`   ${facts.join('；')}。`);
      if (p.note) lines.push(`   ${p.note}`);
      if (p.evaluation) {
        const rate = p.evaluation.satisfactionRate === null ? null : `满意率 ${(p.evaluation.satisfactionRate * 100).toFixed(1)}%`;
        const flag = p.evaluation.rectification ? '（需整改）' : '';
        lines.push(`   满意度测评：${[p.evaluation.ratingLabel, rate].filter((x) => x !== null).join('，')}${flag}。`);
      }
    }
    lines.push('');
  });
  lines.push('合计');
  lines.push(`完成投资 ${num(r.totals.investmentWan)} 万元（${r.totals.projectsWithInvestment} 件项目列明投资）。`);
  if (Object.keys(r.totals.outputs).length) lines.push(`主要产出：${outputsText(r.totals.outputs)}。`);
  const e = r.totals.evaluation;
  if (e) {
    lines.push(
      `满意度测评：${(['satisfied', 'basically_satisfied', 'dissatisfied'] as const).map((k) => `${EVALUATION_RATING_LABELS[k]} ${e[k]} 件`).join('，')}。`,
    );
  }
  return `${lines.join('\n')}\n`;
}
