import type { ProgressReportBody } from '../../shared/projects.ts';
import { appendAudit } from '../audit/store.ts';
import { errors } from '../errors.ts';
import { newId } from '../ids.ts';
import type { Staff } from '../plugins/auth.ts';
import { assertMayReport, todayOf, type ProjectContext } from './context.ts';
import { decodePhotos, removePhotoFiles, writePhotoFiles } from './photos.ts';
import { projectDb } from './schema.ts';
import { getProject, insertReport, type Project } from './store.ts';

/** Everything about a report that depends on the project: who may file it, its date, nodes and spending. */
function checkReport(p: Project, body: ProgressReportBody, staff: Staff, today: string): void {
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

/** 进度报告: a responsible unit's report, with its photos on disk under DATA_DIR/photos. */
export async function fileReport(ctx: ProjectContext, projectId: string, body: ProgressReportBody, staff: Staff, actor: string): Promise<string> {
  const today = todayOf(ctx);
  checkReport(await getProject(projectDb(ctx.db), projectId), body, staff, today);
  const photos = await decodePhotos(body.photos);
  if (photos.length && ctx.dataDir === null) throw errors.conflict('this server has no data directory to keep photos in');
  const files = photos.length ? await writePhotoFiles(ctx.dataDir!, photos) : [];
  const now = ctx.now();
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const db = projectDb(trx);
      const project = await getProject(db, projectId);
      checkReport(project, body, staff, today);
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
          detail: { projectId, reportId, ...facts, photos: stored.map((s) => ({ id: s.id, bytes: s.bytes, sha256: s.sha256 })) },
        },
        now,
      );
      return reportId;
    });
  } catch (err) {
    await removePhotoFiles(ctx.dataDir ?? '', files);
    throw err;
  }
}
