import type { CompletionReport } from '../projects/completion.ts';
import { packA4, para, SIZE, table, type DocxColumn } from './docx-common.ts';
import { w } from './wording.ts';

/**
 * The 满意度测评 cell as EvaluationCell.tsx prints it: the rating (none when only 满意率 is reported), "满意率
 * 92.3%", and 需整改 for a project rated 不满意 — one line each; "—" before any evaluation.
 */
export function evaluationLines(e: CompletionReport['categories'][number]['projects'][number]['evaluation']): string[] {
  if (!e) return ['—'];
  return [
    ...(e.rating ? [w(`option.${e.rating}`)] : []),
    ...(e.satisfactionRate !== null ? [`${w('eval.rate')} ${(e.satisfactionRate * 100).toFixed(1)}%`] : []),
    ...(e.rectification ? [w('eval.rectify')] : []),
  ];
}

/**
 * 民生实事项目完成情况 as a Word document (A4), from the report data the server computes (buildCompletionReport),
 * in the order and words of CompletionReportScreen.tsx: the county's title, 统计至, 正文 as the county writes it
 * (headline, themes, 一是/二是, reasons, ratings), then 附表: the overview, per category a heading and a
 * table (序号, 项目名称 with the note, 状态 — 按期完成/逾期完成 once complete — 完成投资, 主要产出, 满意度测评),
 * then 合计.
 */
export async function completionReportDocx(r: CompletionReport, zoneNote: string): Promise<Buffer> {
  const s = r.totals.statuses;
  const e = r.totals.evaluation;
  const columns: DocxColumn[] = [
    // 状态 holds 按期完成, 主要产出 "新建绿地面积 12000" and 满意度测评 "满意率 100.0%" on one line each. 状态's
    // 13/93 of the text width is 1347 twips: 1227 inside the cell margins for 840 of four 五号 characters, so
    // 按期完成/结转续建 stand clear of the rules (at 10 they touched them).
    { header: w('projects.col.seq'), width: 6, align: 'right' },
    { header: w('projects.col.name'), width: 25, align: 'left' },
    { header: w('projects.col.status'), width: 13, align: 'center' },
    { header: w('projects.col.investment'), width: 11, align: 'right' },
    { header: w('projects.outputs'), width: 22, align: 'left' },
    { header: w('projects.col.evaluation'), width: 16, align: 'left' },
  ];
  const sections = r.categories.flatMap((c) => [
    para(`${c.category} ${w('projects.categoryLine', { n: c.projects.length, wan: c.investmentWan })}`, { title: true, size: SIZE.heading, before: 240, after: 120 }),
    table(
      columns,
      c.projects.map((p) => ({
        cells: [
          [String(p.number)],
          p.note ? [p.name, p.note] : [p.name],
          [p.completion ? w(`projects.timeliness.${p.completion.timeliness}`) : w(`projects.status.${p.status}`)],
          [p.investmentWan === null ? w('projects.noInvestment') : String(p.investmentWan)],
          Object.entries(p.outputs).map(([label, v]) => `${label} ${v}`),
          evaluationLines(p.evaluation),
        ],
      })),
    ),
  ]);
  const outputs = Object.entries(r.totals.outputs);
  // 正文 as the county writes it — the same lines as the printed page and the text (server/projects/completion.ts).
  const prose = [
    para(r.headline, { after: 120 }),
    ...r.categories.flatMap((c) => [
      para(c.heading, { title: true, size: SIZE.heading, before: 200, after: 80 }),
      ...c.projects.flatMap((p) => p.lines.map((l, i) => para(i === 0 ? `　　${l}` : l, i === 0 ? {} : { size: SIZE.small }))),
    ]),
  ];
  return packA4(r.title, [
    para(r.title, { title: true, size: SIZE.title, center: true, after: 120 }),
    para(`${w('projects.asOf', { date: r.asOf })}（${zoneNote}）`, { size: SIZE.small, center: true, after: 240 }),
    ...prose,
    para(w('projects.annex'), { title: true, size: SIZE.heading, before: 360, after: 120 }),
    para(w('projects.overview', { n: r.totals.projects, done: s.completed, lagging: s.lagging, progress: s.in_progress + s.not_started, carried: s.carried_over, wan: r.totals.investmentWan })),
    ...sections,
    para(w('projects.totals'), { title: true, size: SIZE.heading, before: 360, after: 120 }),
    para(`${w('projects.totalInvestment')}${r.totals.investmentWan} ${w('unit.wan')}${w('projects.withInvestment', { n: r.totals.projectsWithInvestment })}`),
    ...(outputs.length ? [para(`${w('projects.mainOutputs')}${outputs.map(([label, v]) => `${label} ${v}`).join(w('projects.sep'))}`)] : []),
    ...(e ? [para(w('projects.evaluationLine', { satisfied: e.satisfied, basic: e.basically_satisfied, dissatisfied: e.dissatisfied }))] : []),
  ]);
}
