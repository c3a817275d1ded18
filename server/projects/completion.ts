import { EVALUATION_RATING_LABELS, type Outputs, type ReportSettings } from '../../shared/projects.ts';
import { chineseNumber, moneyText, ordinalIs, projectSentence } from '../../shared/report-wording.ts';
import { PROJECT_STATUS_LABELS, roundWan, type ProjectStatus } from '../../shared/rules/progress.ts';
import { approvedOnly, assess, completionOf, isCarriedOver, presentEvaluation, sumOutputs } from './presenters.ts';
import type { CompletionProject, CompletionReport } from '../../shared/responses/projects.ts';
import type { Project } from './store.ts';
import { presentRectification, rectificationsBy } from '../supervision/presenters.ts';
import type { Supervision } from '../supervision/store.ts';

// 民生实事项目完成情况: the year's projects grouped by the year's themes (the secretariat's grouping, else each
// project's category), each with its investment, outputs and its sentence as the county writes it (一是/二是, each
// figure once, 亿元 from 1 亿 up), and the totals — as JSON for screens, and as plain Chinese text to paste into the
// secretariat's report (DESIGN §11, part 一 of the seed).

export const NO_CATEGORY = '其他';

export type { CompletionProject, CompletionReport };

/**
 * The year's completion report as of `today` ('YYYY-MM-DD', the county's calendar). `settings` (the year's county
 * name and themes, report-settings.ts) orders the groups: each theme in its order with its projects in theme order,
 * then the projects no theme names, by category. `margin` is the lag margin in days (assess). `supervision`
 * (server/supervision/store.ts, by project id) gives each project's 整改. Shape: shared/responses/projects.ts
 * `completionReportSchema`. Throws nothing.
 */
export function buildCompletionReport(
  year: number,
  projects: Project[],
  today: string,
  margin: number,
  settings: ReportSettings = { county: '', themes: [] },
  supervision: ReadonlyMap<string, Supervision> = new Map(),
): CompletionReport {
  const themeOf = new Map<string, string>();
  const rank = new Map<string, number>();
  settings.themes.forEach((t) => t.projectIds.forEach((id, i) => (themeOf.set(id, t.name), rank.set(id, i))));
  const ordered = [...projects].sort((a, b) => {
    const ta = themeOf.get(a.row.id);
    const tb = themeOf.get(b.row.id);
    const ia = ta === undefined ? settings.themes.length : settings.themes.findIndex((t) => t.name === ta);
    const ib = tb === undefined ? settings.themes.length : settings.themes.findIndex((t) => t.name === tb);
    return ia - ib || (rank.get(a.row.id) ?? 0) - (rank.get(b.row.id) ?? 0) || a.number - b.number;
  });
  const categories: { category: string; investmentWan: number; projects: CompletionProject[] }[] = [];
  const statuses: Record<ProjectStatus, number> = { not_started: 0, in_progress: 0, lagging: 0, completed: 0, carried_over: 0 };
  const ratings = { satisfied: 0, basically_satisfied: 0, dissatisfied: 0 };
  let investment = 0;
  let withInvestment = 0;
  // The report is published: only approved reports count (review.ts).
  for (const p of ordered.map(approvedOnly)) {
    const assessed = assess(p, today, margin);
    // 结转续建: neither complete nor lagging this year; it continues in the next year's list.
    const a = isCarriedOver(p, today) ? { ...assessed, status: 'carried_over' as const } : assessed;
    const counted = p.reports.filter((r) => r.date <= today);
    const evaluation = presentEvaluation(p);
    const completion = completionOf(p, today, a);
    // The latest outcome: once complete, what the final report says (an older progress note is stale by then).
    const latest = counted.findLast((r) => r.note !== '');
    const outcome = completion ? (counted.findLast((r) => r.kind === 'final')?.note ?? '') : (latest?.note ?? '');
    const outputs = sumOutputs(counted);
    const item: Omit<CompletionProject, 'lines'> = {
      id: p.row.id,
      seq: p.row.seq,
      number: p.number,
      name: p.row.name,
      status: a.status,
      statusLabel: PROJECT_STATUS_LABELS[a.status],
      budgetWan: p.row.budget_wan,
      investmentWan: a.spentToDateWan,
      outputs,
      note: latest?.note ?? '',
      ordinal: '',
      sentence: projectSentence({ name: p.row.name, outcome, investmentWan: a.spentToDateWan, outputs }),
      evaluation,
      completion,
      lag:
        a.status === 'lagging'
          ? { overduePeriods: a.lag.overdue.map((pos) => p.milestones.find((m) => m.position === pos)?.period ?? String(pos)), spending: a.lag.spending }
          : null,
      rectification: latestRectification(supervision.get(p.row.id), today),
    };
    const name = themeOf.get(p.row.id) ?? p.row.category ?? NO_CATEGORY;
    let group = categories.find((c) => c.category === name);
    if (!group) categories.push((group = { category: name, investmentWan: 0, projects: [] }));
    item.ordinal = ordinalIs(group.projects.length + 1);
    const done: CompletionProject = { ...item, lines: projectLines(item) };
    group.projects.push(done);
    if (done.investmentWan !== null) {
      group.investmentWan = roundWan(group.investmentWan + done.investmentWan);
      investment = roundWan(investment + done.investmentWan);
      withInvestment += 1;
    }
    statuses[a.status] += 1;
    if (evaluation?.rating) ratings[evaluation.rating] += 1;
  }
  const all = categories.flatMap((c) => c.projects);
  const county = settings.county.trim();
  const counts = {
    projects: all.length,
    statuses,
    /** 按期完成 / 逾期完成 counts among the completed. */
    onTime: all.filter((p) => p.completion?.timeliness === 'on_time').length,
    late: all.filter((p) => p.completion?.timeliness === 'late').length,
    investmentWan: investment,
  };
  return {
    title: `${county ? `${county} ` : ''}${year} 年民生实事项目完成情况`,
    county,
    year,
    asOf: today,
    /** "2022 年实施民生实事项目 12 件，全部按期完成，完成投资 3.6214 亿元。" */
    headline: headlineOf(year, counts),
    categories: categories.map((c, i) => ({ ...c, heading: themeHeading(i, c) })),
    totals: {
      ...counts,
      /** How many projects the investment total covers (the others reported no figure). */
      projectsWithInvestment: withInvestment,
      outputs: sumOutputs(all),
      evaluation: all.some((p) => p.evaluation?.rating) ? ratings : null,
    },
  };
}

/** The headline (part 一 of the seed: "12 件，全部按期完成"): 实施 N 件、按期完成 N 件, other statuses, money. */
function headlineOf(year: number, t: { projects: number; onTime: number; late: number; statuses: Record<ProjectStatus, number>; investmentWan: number }): string {
  const others = (['in_progress', 'lagging', 'not_started', 'carried_over'] as const)
    .filter((k) => t.statuses[k] > 0)
    .map((k) => `${PROJECT_STATUS_LABELS[k]} ${t.statuses[k]} 件`);
  const done =
    t.projects > 0 && t.onTime === t.projects
      ? `${t.projects} 件，全部按期完成`
      : `${t.projects} 件，按期完成 ${t.onTime} 件${t.late ? `、逾期完成 ${t.late} 件` : ''}`;
  return `${year} 年实施民生实事项目 ${done}${others.length ? `，${others.join('、')}` : ''}，完成投资 ${moneyText(t.investmentWan)}。`;
}

/**
 * A project's lines in the report: "一是{sentence}" with its state when not 按期 complete, then — indented —
 * the reason when 逾期, the reason when 滞后, its 满意度测评 and its 整改 (issue 16).
 */
function projectLines(p: Omit<CompletionProject, 'lines'>): string[] {
  const state = p.completion ? (p.completion.timeliness === 'late' ? `（${p.completion.timelinessLabel}）` : '') : `（${p.statusLabel}）`;
  const lines = [`${p.ordinal}${p.sentence}${state}`];
  if (p.completion?.lateReason) lines.push(`　　逾期原因：${p.completion.lateReason}`);
  if (p.lag) {
    const why = [
      ...(p.lag.overduePeriods.length ? [`${p.lag.overduePeriods.join('、')} 节点未按期完成`] : []),
      ...(p.lag.spending ? [`已投入 ${moneyText(p.lag.spending.spentWan)}，低于计划 ${moneyText(p.lag.spending.plannedWan)}`] : []),
    ];
    lines.push(`　　滞后原因：${why.join('；')}。`);
  }
  if (p.evaluation) {
    const rate = p.evaluation.satisfactionRate === null ? null : `满意率 ${(p.evaluation.satisfactionRate * 100).toFixed(1)}%`;
    const flag = p.evaluation.rectification ? '（需整改）' : '';
    lines.push(`　　满意度测评：${[p.evaluation.ratingLabel, rate].filter((x) => x !== null).join('，')}${flag}。`);
  }
  if (p.rectification) lines.push(`　　${rectificationText(p.rectification)}`);
  return lines;
}

/** A theme's heading: "一、完善基础设施（4 件，完成投资 3.139 亿元）". */
const themeHeading = (i: number, c: { category: string; projects: unknown[]; investmentWan: number }) =>
  `${chineseNumber(i + 1)}、${c.category}（${c.projects.length} 件，完成投资 ${moneyText(c.investmentWan)}）`;

/** The latest 整改 task opened by `today` (the report's 统计至), as it stood then; null when none. */
function latestRectification(s: Supervision | undefined, today: string) {
  const task = s ? rectificationsBy(s, today).at(-1) : undefined;
  return task ? presentRectification(task, today, 'public') : null;
}

/** The 整改 line of a project: its deadline and state (整改中, 逾期未完成, 已销号 with the note). */
export function rectificationText(r: NonNullable<CompletionProject['rectification']>): string {
  const reports = r.reports.length ? `，已报送整改进展 ${r.reports.length} 次` : '';
  if (r.status === 'closed') return `整改：已于 ${r.closedOn} 销号（${r.closingNote}）。`;
  if (r.status === 'no_deadline') return `整改：待定整改期限${reports}。`;
  if (r.status === 'overdue') return `整改：逾期未完成（期限 ${r.deadline}）${reports}。`;
  return `整改：整改中，期限 ${r.deadline}${reports}。`;
}

/**
 * The report as plain text, as the county writes it: title, the headline (实施 N 件、按期完成 N 件, money in 亿元
 * from 1 亿 up), per theme "一、…" and its projects as 一是/二是 (each figure once), the reasons for 逾期 and 滞后,
 * 满意度 results, 合计. No Markdown: ready to paste into a document. The printed page and the .docx print the same
 * lines (headline, themeHeading, each project's `lines`).
 */
export function renderCompletionText(r: CompletionReport): string {
  const lines: string[] = [r.title, `（统计至 ${r.asOf}）`, '', r.headline, ''];
  for (const c of r.categories) lines.push(c.heading, ...c.projects.flatMap((p) => p.lines), '');
  lines.push('合计');
  lines.push(`完成投资 ${moneyText(r.totals.investmentWan)}（${r.totals.projectsWithInvestment} 件项目列明投资）。`);
  const e = r.totals.evaluation;
  if (e) {
    lines.push(
      `满意度测评：${(['satisfied', 'basically_satisfied', 'dissatisfied'] as const).map((k) => `${EVALUATION_RATING_LABELS[k]} ${e[k]} 件`).join('，')}。`,
    );
  }
  return `${lines.join('\n')}\n`;
}
