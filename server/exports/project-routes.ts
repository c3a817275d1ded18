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
import { w } from './wording.ts';

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
    const rows = projects.map((p) => [
      p.seq,
      p.name,
      p.category,
      p.units.lead.join('、'),
      p.units.implement.join('、'),
      p.statusLabel,
      p.money.budgetWan,
      p.money.plannedToDateWan,
      p.money.spentToDateWan,
      p.progress.milestonesReached,
      p.progress.milestonesTotal,
      p.progress.lastReportDate,
      p.evaluation ? p.evaluation.ratingLabel : null,
      p.evaluation?.satisfactionRate ?? null,
    ]);
    const sheets = [
      {
        name: `${year}年民生实事项目`,
        columns: [
          { header: w('projects.col.seq'), kind: 'number' as const, width: 6 },
          { header: w('projects.col.name'), kind: 'text' as const, width: 36 },
          { header: w('cand.category'), kind: 'text' as const, width: 12 },
          { header: '牵头单位', kind: 'text' as const, width: 20 },
          { header: '实施单位', kind: 'text' as const, width: 20 },
          { header: w('projects.col.status'), kind: 'text' as const, width: 8 },
          { header: w('projects.col.budget'), kind: 'number' as const, width: 10 },
          { header: w('projects.col.planned'), kind: 'number' as const, width: 10 },
          { header: w('projects.col.spent'), kind: 'number' as const, width: 10 },
          { header: '已完成节点', kind: 'number' as const, width: 8 },
          { header: '节点总数', kind: 'number' as const, width: 8 },
          { header: w('projects.col.lastReport'), kind: 'text' as const, width: 12 },
          { header: w('projects.col.evaluation'), kind: 'text' as const, width: 10 },
          { header: w('results.rate'), kind: 'percent' as const, width: 8 },
        ],
        rows,
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
