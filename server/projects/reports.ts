import type { ProgressReportBody } from '../../shared/projects.ts';
import { appendAudit } from '../audit/store.ts';
import { errors } from '../errors.ts';
import { newId } from '../ids.ts';
import type { Staff } from '../plugins/auth.ts';
import { assertMayReport, todayOf, type ProjectContext } from './context.ts';
import { initialReviewStatus } from './review.ts';
import { decodePhotos, removePhotoFiles, writePhotoFiles } from './photos.ts';
import { projectDb, type ProjectExecutor } from './schema.ts';
import { getProject, insertReport, type Project } from './store.ts';

/**
 * Everything about a report that depends on the project: who may file it (forbidden), its date, nodes and
 * cumulative spending (invalid_input). A correction passes the project without the report it replaces.
 */
export function checkReport(p: Project, body: Omit<ProgressReportBody, 'photos' | 'clientKey'>, staff: Staff, today: string): void {
  assertMayReport(staff, p);
  if (body.date > today) throw errors.badInput('date', `${body.date} is in the future (today is ${today})`, {
      code: 'date_future',
      params: { date: body.date, today },
    });
  if (body.date < `${p.row.year}-01-01`) throw errors.badInput('date', `${body.date} is before ${p.row.year}, the project's year`, {
      code: 'date_before_year',
      params: { date: body.date, year: p.row.year },
    });
  const positions = new Set(p.milestones.map((m) => m.position));
  body.milestonesReached.forEach((position, i) => {
    if (!positions.has(position)) {
      throw errors.badInput(`milestonesReached.${i}`, `the project has no milestone at position ${position} (it has ${p.milestones.length})`);
    }
  });
  // Spending to date is cumulative: it cannot fall below an earlier report, nor rise above a later one.
  for (const r of p.reports) {
    if (r.spentWan === null) continue;
    if (r.date <= body.date && body.spentWan < r.spentWan) {
      throw errors.badInput('spentWan', `below the ${r.spentWan} 万元 reported on ${r.date}; spending to date is cumulative`, {
        code: 'spent_below',
        params: { spent: r.spentWan, date: r.date },
      });
    }
    if (r.date > body.date && body.spentWan > r.spentWan) {
      throw errors.badInput('spentWan', `above the ${r.spentWan} 万元 reported later, on ${r.date}; spending to date is cumulative`, {
        code: 'spent_above',
        params: { spent: r.spentWan, date: r.date },
      });
    }
  }
}

async function reportByKey(db: ProjectExecutor, projectId: string, clientKey: string | undefined): Promise<string | null> {
  if (clientKey === undefined) return null;
  const row = await db.selectFrom('progress_report').select('id').where('project_id', '=', projectId).where('client_key', '=', clientKey).executeTakeFirst();
  return row?.id ?? null;
}

/**
 * 进度报告: a responsible unit's report, with its photos on disk under DATA_DIR/photos. Idempotent by the form's
 * `clientKey`: a report already filed with that key is answered (`replayed: true`) and nothing is written.
 * Throws forbidden / invalid_input from checkReport.
 */
export async function fileReport(
  ctx: ProjectContext,
  projectId: string,
  body: ProgressReportBody,
  staff: Staff,
  actor: string,
): Promise<{ reportId: string; replayed: boolean }> {
  const today = todayOf(ctx);
  const project = await getProject(projectDb(ctx.db), projectId);
  assertMayReport(staff, project);
  const earlier = await reportByKey(projectDb(ctx.db), projectId, body.clientKey);
  if (earlier) return { reportId: earlier, replayed: true };
  checkReport(project, body, staff, today);
  const photos = await decodePhotos(body.photos);
  if (photos.length && ctx.dataDir === null) throw errors.conflict('this server has no data directory to keep photos in');
  const files = photos.length ? await writePhotoFiles(ctx.dataDir!, photos) : [];
  const now = ctx.now();
  try {
    const result = await ctx.db.transaction().execute(async (trx) => {
      const db = projectDb(trx);
      const raced = await reportByKey(db, projectId, body.clientKey);
      if (raced) return { reportId: raced, replayed: true };
      const project = await getProject(db, projectId);
      checkReport(project, body, staff, today);
      const reviewStatus = await initialReviewStatus(db, staff);
      const reportId = await insertReport(db, {
        project_id: projectId,
        kind: 'progress',
        date: body.date,
        spent_wan: body.spentWan,
        milestonesReached: body.milestonesReached,
        outputs: body.outputs,
        note: body.note,
        account_id: staff.id,
        actor,
        created_at: now,
        clientKey: body.clientKey ?? null,
        reviewStatus,
      });
      const stored = photos.map((p, i) => ({
        id: newId('ph'),
        report_id: reportId,
        file: files[i]!,
        filename: p.filename,
        content_type: p.contentType,
        bytes: p.bytes.length,
        sha256: p.sha256,
      }));
      if (stored.length) await db.insertInto('report_photo').values(stored).execute();
      const { photos: _photos, ...facts } = body;
      await appendAudit(
        trx,
        {
          actor,
          action: 'project.reported',
          meetingId: project.row.meeting_id,
          detail: { projectId, reportId, review: reviewStatus, ...facts, photos: stored.map((s) => ({ id: s.id, bytes: s.bytes, sha256: s.sha256 })) },
        },
        now,
      );
      return { reportId, replayed: false };
    });
    if (result.replayed) await removePhotoFiles(ctx.dataDir ?? '', files);
    return result;
  } catch (err) {
    await removePhotoFiles(ctx.dataDir ?? '', files);
    throw err;
  }
}
