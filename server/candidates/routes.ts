import type { FastifyInstance } from 'fastify';
import { idParamsSchema, meetingParamsSchema } from '../../shared/api.ts';
import { candidateEditSchema } from '../../shared/candidate.ts';
import { candidatesInUse, editCandidate } from './edit.ts';
import { previewOf } from '../../shared/import/grid.ts';
import { parseCandidateCsv } from '../../shared/import/candidates-csv.ts';
import { parseCandidateJson } from '../../shared/import/candidates-json.ts';
import { appendAudit } from '../audit/store.ts';
import { errors } from '../errors.ts';
import { addFileParsers, importQuerySchema, readImportBody } from '../import/body.ts';
import { actorOf, ALL_STAFF, OPERATORS } from '../plugins/auth.ts';
import { requireMeeting } from '../meetings/store.ts';
import { coded } from '../../shared/issues.ts';
import { parse } from '../validate.ts';
import { conflictsWithExisting, insertCandidates, listCandidates } from './store.ts';


export default async function candidateRoutes(app: FastifyInstance) {
  const staff = { preHandler: app.requireStaff(...ALL_STAFF) };
  const operators = { preHandler: app.requireStaff(...OPERATORS) };
  addFileParsers(app);

  app.get('/api/meetings/:meetingId/candidates', staff, async (req) => {
    const { meetingId } = parse(meetingParamsSchema, req.params);
    await requireMeeting(app.db, meetingId);
    return { candidates: await listCandidates(app.db, meetingId), inUse: await candidatesInUse(app.db, meetingId) };
  });

  // 候选项目 screen (issue 13): edit a candidate until an opened ballot lists it; audited field by field.
  app.patch('/api/candidates/:id', operators, async (req) => {
    const { id } = parse(idParamsSchema, req.params);
    const edit = parse(candidateEditSchema, req.body);
    const changed = await app.db.transaction().execute((trx) => editCandidate(trx, { candidateId: id, edit, actor: actorOf(req) }, app.now()));
    const row = await app.db.selectFrom('candidate').select('meeting_id').where('id', '=', id).executeTakeFirstOrThrow();
    const candidate = (await listCandidates(app.db, row.meeting_id)).find((c) => c.id === id);
    return { changed, candidate };
  });

  // The secretariat's own table: {csv: "<the 附件 CSV, Chinese headers as-is>"}, or JSON candidates
  // (an array, or {candidates: [...]} as in the fixture). ?dryRun=true previews without saving.
  app.post('/api/meetings/:meetingId/candidates/import', operators, async (req, reply) => {
    const { meetingId } = parse(meetingParamsSchema, req.params);
    const query = parse(importQuerySchema, req.query);
    const body = await readImportBody(req, query);
    const table = body.kind === 'grid' ? previewOf(body.grid) : undefined;
    const parsed = body.kind === 'grid' ? parseCandidateCsv(body.grid, { unit: query.unit }) : parseCandidateJson(body.value);
    if (!parsed.ok) throw errors.importProblems(parsed.problems, table);
    await requireMeeting(app.db, meetingId);
    const conflicts = await conflictsWithExisting(app.db, meetingId, parsed.candidates, parsed.rows);
    if (conflicts.length) throw errors.importProblems(conflicts, table);
    if (query.dryRun) return { dryRun: true, candidates: parsed.candidates, rows: parsed.rows, ...(table ? { table } : {}) };
    const now = app.now();
    await app.db.transaction().execute(async (trx) => {
      await insertCandidates(trx, meetingId, parsed.candidates, now);
      await appendAudit(
        trx,
        {
          actor: actorOf(req),
          action: 'candidates.imported',
          meetingId,
          detail: { count: parsed.candidates.length, format: body.kind === 'grid' ? body.grid.format : 'json', ...(query.unit ? { unit: query.unit } : {}), names: parsed.candidates.map((c) => c.name) },
        },
        now,
      );
    });
    reply.code(201);
    return { imported: parsed.candidates.length, candidates: await listCandidates(app.db, meetingId) };
  });
}
