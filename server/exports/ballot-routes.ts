import type { FastifyInstance, FastifyReply } from 'fastify';
import { idParamsSchema } from '../../shared/api.ts';
import { toSpreadsheetCsv } from '../../shared/export/safe-csv.ts';
import { formatZoned } from '../../shared/time.ts';
import { ballotTurnout } from '../ballots/turnout.ts';
import { ALL_STAFF } from '../plugins/auth.ts';
import { parse } from '../validate.ts';
import { buildBallotReport, resultsTable } from './ballot-report.ts';
import { attachment, DOCX_TYPE, XLSX_TYPE } from './media.ts';
import { ballotCandidates, getBallot, storedTally } from '../ballots/store.ts';
import { errors } from '../errors.ts';
import { w } from './wording.ts';
import type { SheetSpec } from './xlsx.ts';

// The format libraries load on first use (see media.ts).
const docx = () => import('./ballot-docx.ts');
const xlsx = () => import('./xlsx.ts');

/** A file name safe on Windows and in a header: the ballot's title, then its id. */
export const fileStem = (title: string, id: string) => `${title.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 60)}-${id}`;

/** Sends bytes as a named download. */
export function sendFile(reply: FastifyReply, bytes: Buffer | string, type: string, filename: string, ascii: string) {
  reply.type(type).header('content-disposition', attachment(filename, ascii));
  return reply.send(bytes);
}

/**
 * Exports of a closed ballot for the office's Word and Excel: the 表决结果报告 (.docx), the results (.xlsx and
 * CSV) and the turnout (.xlsx). Staff only; a ballot not yet closed answers 409 ballot_not_closed (no running
 * count leaves the server), an unknown one 404 not_found.
 */
export default async function ballotExportRoutes(app: FastifyInstance) {
  const staff = { preHandler: app.requireStaff(...ALL_STAFF) };

  const closed = async (id: string) => {
    const ballot = await getBallot(app.db, id);
    const tally = await storedTally(app.db, id);
    if (!tally) throw errors.state('ballot_not_closed', 'the results exist once the ballot is closed');
    return { ballot, tally, candidates: await ballotCandidates(app.db, id) };
  };

  app.get('/api/ballots/:id/report.docx', staff, async (req, reply) => {
    const { id } = parse(idParamsSchema, req.params);
    const report = await buildBallotReport(app.db, id, app.timeZone);
    const stem = fileStem(`${report.title}-${report.ballotTitle}`, id);
    const { ballotReportDocx } = await docx();
    return sendFile(reply, await ballotReportDocx(report), DOCX_TYPE, `${stem}.docx`, `ballot-report-${id}.docx`);
  });

  app.get('/api/ballots/:id/results.xlsx', staff, async (req, reply) => {
    const { id } = parse(idParamsSchema, req.params);
    const report = await buildBallotReport(app.db, id, app.timeZone);
    const { ballot, tally, candidates } = await closed(id);
    const table = resultsTable(ballot, candidates, tally, { budget: true, sheet: true });
    const { factsSheet, workbook } = await xlsx();
    const sheets: SheetSpec[] = [
      { name: w('results.title'), columns: table.columns, rows: table.rows.map((r) => r.cells) },
      factsSheet('概况', [
        [w('report.title'), report.ballotTitle],
        ['会议', `${report.meeting.name} · ${report.meeting.date}`],
        ['规则', report.rules],
        ['时间', report.times],
        ...report.summary.map((s): [string, string | number] => [s.label, s.value]),
        ['门槛', report.thresholdNote],
        ...report.notes.map((n): [string, string] => ['说明', n]),
        ...(report.selected ? [[report.selected.heading, report.selected.items.join('；')] as [string, string], ['', report.selected.total] as [string, string]] : []),
        ['导出时间', formatZoned(app.now(), app.timeZone)],
      ]),
    ];
    const stem = fileStem(ballot.title, id);
    return sendFile(reply, await workbook(sheets, report.ballotTitle), XLSX_TYPE, `${stem}.xlsx`, `results-${id}.xlsx`);
  });

  app.get('/api/ballots/:id/results.csv', staff, async (req, reply) => {
    const { id } = parse(idParamsSchema, req.params);
    const { ballot, tally, candidates } = await closed(id);
    const table = resultsTable(ballot, candidates, tally, { budget: true, sheet: true });
    const csv = toSpreadsheetCsv([table.columns.map((c) => c.header), ...table.rows.map((r) => r.cells)]);
    return sendFile(reply, csv, 'text/csv; charset=utf-8', `${fileStem(ballot.title, id)}.csv`, `results-${id}.csv`);
  });

  app.get('/api/ballots/:id/turnout.xlsx', staff, async (req, reply) => {
    const { id } = parse(idParamsSchema, req.params);
    const ballot = await getBallot(app.db, id);
    const t = await ballotTurnout(app.db, id);
    const { factsSheet, workbook } = await xlsx();
    const sheets: SheetSpec[] = [
      {
        name: '各代表团',
        columns: [
          { header: w('deputy.delegation'), kind: 'text', width: 16 },
          { header: w('att.seated'), kind: 'number', width: 8 },
          { header: w('att.present'), kind: 'number', width: 8 },
          { header: w('turnout.voted'), kind: 'number', width: 8 },
          { header: w('turnout.waiting'), kind: 'number', width: 8 },
        ],
        rows: t.byDelegation.map((d) => [d.name, d.seated, d.present, d.voted, d.present - d.voted]),
      },
      {
        name: '已签到未投票',
        columns: [
          { header: w('deputy.delegation'), kind: 'text', width: 16 },
          { header: w('deputy.name'), kind: 'text', width: 12 },
          { header: w('deputy.seat'), kind: 'text', width: 10 },
        ],
        rows: t.notVoted.map((d) => [d.delegation, d.name, d.seat]),
      },
      factsSheet('概况', [
        ['表决', ballot.title],
        ['状态', w(`status.${ballot.status}`)],
        [w('att.present'), t.present],
        [w('turnout.voted'), t.voted],
        [w('turnout.waiting'), t.present - t.voted],
        ['导出时间', formatZoned(app.now(), app.timeZone)],
      ]),
    ];
    return sendFile(reply, await workbook(sheets, `${ballot.title} 投票情况`), XLSX_TYPE, `${fileStem(`${ballot.title}-投票情况`, id)}.xlsx`, `turnout-${id}.xlsx`);
  });
}
