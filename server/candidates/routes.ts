import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { meetingParamsSchema } from '../../shared/api.ts';
import { parseCandidateCsv } from '../../shared/import/candidates-csv.ts';
import { parseCandidateJson } from '../../shared/import/candidates-json.ts';
import { appendAudit } from '../audit/store.ts';
import { errors } from '../errors.ts';
import { actorOf, ALL_STAFF, OPERATORS } from '../plugins/auth.ts';
import { requireMeeting } from '../meetings/store.ts';
import { coded } from '../../shared/issues.ts';
import { parse } from '../validate.ts';
import { conflictsWithExisting, insertCandidates, listCandidates } from './store.ts';

export const importQuerySchema = z.strictObject({
  dryRun: z.enum(['true', 'false', '1', '0']).optional().transform((v) => v === 'true' || v === '1'),
});
export const csvBodySchema = z.strictObject({ csv: z.string().max(1_000_000).refine((s) => s.length > 0, coded('csv_empty', 'the CSV is empty')) });

export default async function candidateRoutes(app: FastifyInstance) {
  const staff = { preHandler: app.requireStaff(...ALL_STAFF) };
  const operators = { preHandler: app.requireStaff(...OPERATORS) };

  app.get('/api/meetings/:meetingId/candidates', staff, async (req) => {
    const { meetingId } = parse(meetingParamsSchema, req.params);
    await requireMeeting(app.db, meetingId);
    return { candidates: await listCandidates(app.db, meetingId) };
  });

  // The secretariat's own table: {csv: "<the 附件 CSV, Chinese headers as-is>"}, or JSON candidates
  // (an array, or {candidates: [...]} as in the fixture). ?dryRun=true previews without saving.
  app.post('/api/meetings/:meetingId/candidates/import', operators, async (req, reply) => {
    const { meetingId } = parse(meetingParamsSchema, req.params);
    const { dryRun } = parse(importQuerySchema, req.query);
    const isCsv = typeof req.body === 'object' && req.body !== null && 'csv' in req.body;
    const parsed = isCsv ? parseCandidateCsv(parse(csvBodySchema, req.body).csv) : parseCandidateJson(req.body);
    if (!parsed.ok) throw errors.importProblems(parsed.problems);
    await requireMeeting(app.db, meetingId);
    const conflicts = await conflictsWithExisting(app.db, meetingId, parsed.candidates, parsed.rows);
    if (conflicts.length) throw errors.importProblems(conflicts);
    if (dryRun) return { dryRun: true, candidates: parsed.candidates };
    const now = app.now();
    await app.db.transaction().execute(async (trx) => {
      await insertCandidates(trx, meetingId, parsed.candidates, now);
      await appendAudit(
        trx,
        {
          actor: actorOf(req),
          action: 'candidates.imported',
          meetingId,
          detail: { count: parsed.candidates.length, format: isCsv ? 'csv' : 'json', names: parsed.candidates.map((c) => c.name) },
        },
        now,
      );
    });
    reply.code(201);
    return { imported: parsed.candidates.length, candidates: await listCandidates(app.db, meetingId) };
  });
}
