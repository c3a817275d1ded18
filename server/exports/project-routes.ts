import { loadSupervision } from '../supervision/store.ts';
import type { FastifyInstance } from 'fastify';
import { projectExportQuerySchema } from '../../shared/export/queries.ts';
import { formatZoned, zoneLabel } from '../../shared/time.ts';
import { ALL_STAFF } from '../plugins/auth.ts';
import { buildCompletionReport } from '../projects/completion.ts';
import { loadReportSettings } from '../projects/report-settings.ts';
import { mayRead, PROJECT_READERS, viewDate, type ProjectContext } from '../projects/context.ts';
import { presentProject } from '../projects/presenters.ts';
import { projectDb } from '../projects/schema.ts';
import { loadProjects } from '../projects/store.ts';
import { parse } from '../validate.ts';
import { sendFile } from './ballot-routes.ts';
import { DOCX_TYPE, XLSX_TYPE } from './media.ts';
import type { SheetColumn, SheetValue } from './xlsx.ts';
import type { StaffProject } from '../../shared/responses/projects.ts';
import { w } from './wording.ts';

/** The project list's columns, each with its header, kind and width, and the project's value in it. */
const LIST_COLUMNS: [string, SheetColumn['kind'], number, (p: StaffProject) => SheetValue][] = [
  [w('projects.col.seq'), 'number', 6, (p) => p.number],
  [w('projects.col.name'), 'text', 36, (p) => p.name],
  [w('cand.category'), 'text', 12, (p) => p.category],
  ['牵头单位', 'text', 20, (p) => p.units.lead.join('、')],
  ['实施单位', 'text', 20, (p) => p.units.implement.join('、')],
  [w('projects.col.status'), 'text', 8, (p) => p.statusLabel],
  [w('projects.col.budget'), 'number', 10, (p) => p.money.budgetWan],
  [w('projects.col.planned'), 'number', 10, (p) => p.money.plannedToDateWan],
  [w('projects.col.spent'), 'number', 10, (p) => p.money.spentToDateWan],
  ['已完成节点', 'number', 8, (p) => p.progress.milestonesReached],
  ['节点总数', 'number', 8, (p) => p.progress.milestonesTotal],
  [w('projects.col.lastReport'), 'text', 12, (p) => p.progress.lastReportDate],
  [w('projects.col.evaluation'), 'text', 10, (p) => (p.evaluation ? p.evaluation.ratingLabel : null)],
  [w('results.rate'), 'percent', 8, (p) => p.evaluation?.satisfactionRate ?? null],
];

/**
 * The year's projects for Word and Excel: the 完成情况报告 as .docx (from the same report data as the printed page
 * and the text, buildCompletionReport) and the project list as .xlsx (a unit gets only the projects it is
 * responsible for, as on screen). `?year=` is required (invalid_input otherwise); `?asOf=` as on the console's views
 * (a date after today: invalid_input).
 */
export default async function projectExportRoutes(app: FastifyInstance, ctx: ProjectContext) {
  const db = projectDb(app.db);

  app.get('/api/projects/report.docx', { preHandler: app.requireStaff(...ALL_STAFF) }, async (req, reply) => {
    const { year, asOf } = parse(projectExportQuerySchema, req.query);
    const projects = await loadProjects(db, { year });
    const supervision = await loadSupervision(db, projects.map((p) => p.row.id), ctx.timeZone);
    const report = buildCompletionReport(year, projects, viewDate(ctx, asOf), ctx.lagMargin, await loadReportSettings(db, year), supervision);
    const { completionReportDocx } = await import('./completion-docx.ts');
    const bytes = await completionReportDocx(report, zoneLabel(ctx.now(), ctx.timeZone));
    return sendFile(reply, bytes, DOCX_TYPE, `${report.title.replace(/\s+/g, '')}.docx`, `completion-report-${year}.docx`);
  });

  app.get('/api/projects/list.xlsx', { preHandler: app.requireStaff(...PROJECT_READERS) }, async (req, reply) => {
    const { year, asOf } = parse(projectExportQuerySchema, req.query);
    const today = viewDate(ctx, asOf);
    const projects = (await loadProjects(db, { year }))
      .filter((p) => mayRead(req.staff!, p))
      .map((p) => presentProject(p, today, ctx.lagMargin, { audience: 'staff', allReports: false }));
    const { factsSheet, workbook } = await import('./xlsx.ts');
    const sheets = [
      {
        name: `${year}年民生实事项目`,
        columns: LIST_COLUMNS.map(([header, kind, width]) => ({ header, kind, width })),
        rows: projects.map((p) => LIST_COLUMNS.map(([, , , value]) => value(p))),
      },
      factsSheet('概况', [
        ['年度', year],
        ['项目数', projects.length],
        [w('projects.asOf', { date: today }), zoneLabel(ctx.now(), ctx.timeZone)],
        ['导出时间', formatZoned(ctx.now(), ctx.timeZone)],
      ]),
    ];
    return sendFile(reply, await workbook(sheets, `${year} 年民生实事项目`), XLSX_TYPE, `${year}年民生实事项目.xlsx`, `projects-${year}.xlsx`);
  });
}
