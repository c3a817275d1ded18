import type { EditInspectionBody, InspectionBody } from '../../shared/supervision.ts';
import { appendAudit } from '../audit/store.ts';
import { errors } from '../errors.ts';
import { newId } from '../ids.ts';
import { todayOf, type ProjectContext } from '../projects/context.ts';
import { decodePhotos, removePhotoFiles, writePhotoFiles } from '../projects/photos.ts';
import { projectDb, type ProjectExecutor } from '../projects/schema.ts';
import { getProject, type Project } from '../projects/store.ts';

// 视察/督查 (DESIGN §11): the secretariat records an inspection of a project by deputies — date, kind, the deputies
// taking part (from the roster of the meeting that chose the project), findings, photos. Corrected or withdrawn
// with a reason, never deleted; every step audited.

/**
 * The deputies who may take part: the roster of the meeting that voted the project; for an imported project
 * (no meeting), the rosters of the meetings of its year and the year after (where it is evaluated).
 */
export async function rosterOf(db: ProjectExecutor, p: Project): Promise<{ id: string; name: string }[]> {
  let q = db.selectFrom('deputy').innerJoin('meeting', 'meeting.id', 'deputy.meeting_id').select(['deputy.id', 'deputy.name']);
  q = p.row.meeting_id ? q.where('deputy.meeting_id', '=', p.row.meeting_id) : q.where('meeting.year', 'in', [p.row.year, p.row.year + 1]);
  return q.orderBy('deputy.seat').orderBy('deputy.name').execute();
}

/** Throws invalid_input (path deputyIds.i, code deputy_not_on_roster) for a deputy not on the project's roster. */
export async function checkDeputies(db: ProjectExecutor, p: Project, ids: string[], path = 'deputyIds'): Promise<void> {
  const roster = new Set((await rosterOf(db, p)).map((d) => d.id));
  ids.forEach((d, i) => {
    if (!roster.has(d)) throw errors.badInput(`${path}.${i}`, `${d} is not a deputy of the meeting that chose ${p.row.name}`, { code: 'deputy_not_on_roster' });
  });
}

/** A supervision date: not in the future, not before the project's year. Throws invalid_input (date_future, date_before_year). */
export function checkDate(p: Project, date: string, today: string, path = 'date'): void {
  if (date > today) throw errors.badInput(path, `${date} is in the future (today is ${today})`, { code: 'date_future', params: { date, today } });
  if (date < `${p.row.year}-01-01`) {
    throw errors.badInput(path, `${date} is before ${p.row.year}, the project's year`, { code: 'date_before_year', params: { date, year: p.row.year } });
  }
}

async function inspectionByKey(db: ProjectExecutor, projectId: string, clientKey: string | undefined): Promise<string | null> {
  if (clientKey === undefined) return null;
  const row = await db.selectFrom('inspection').select('id').where('project_id', '=', projectId).where('client_key', '=', clientKey).executeTakeFirst();
  return row?.id ?? null;
}

/**
 * Records an inspection with its photos (decoded, cleaned and written as report photos are). Returns its id.
 * Idempotent by the form's `clientKey` (unique per project): an inspection already recorded with that key is
 * answered (`replayed: true`, its id) and nothing is written or audited — also when two requests race (the
 * transaction looks again under the write lock). Throws not_found (project), invalid_input (date, deputies,
 * photos), conflict (photos without a data directory). Audited as project.inspected (deputy ids, findings, photo
 * hashes, the key).
 */
export async function recordInspection(ctx: ProjectContext, projectId: string, body: InspectionBody, actor: string): Promise<{ inspectionId: string; replayed: boolean }> {
  const db = projectDb(ctx.db);
  const p = await getProject(db, projectId);
  const earlier = await inspectionByKey(db, projectId, body.clientKey);
  if (earlier) return { inspectionId: earlier, replayed: true };
  checkDate(p, body.date, todayOf(ctx));
  await checkDeputies(db, p, body.deputyIds);
  const photos = await decodePhotos(body.photos);
  if (photos.length && ctx.dataDir === null) throw errors.conflict('this server has no data directory to keep photos in');
  const files = photos.length ? await writePhotoFiles(ctx.dataDir!, photos) : [];
  const now = ctx.now();
  try {
    const result = await ctx.db.transaction().execute(async (trx) => {
      const tdb = projectDb(trx);
      const raced = await inspectionByKey(tdb, projectId, body.clientKey);
      if (raced) return { inspectionId: raced, replayed: true };
      const id = newId('in');
      await tdb
        .insertInto('inspection')
        .values({
          id,
          project_id: projectId,
          date: body.date,
          kind: body.kind,
          deputy_ids: JSON.stringify(body.deputyIds),
          findings: body.findings,
          actor,
          created_at: now,
          updated_at: null,
          withdrawn_at: null,
          withdrawn_reason: null,
          client_key: body.clientKey ?? null,
        })
        .execute();
      const stored = photos.map((ph, i) => ({ id: newId('ip'), inspection_id: id, file: files[i]!, filename: ph.filename, content_type: ph.contentType, bytes: ph.bytes.length, sha256: ph.sha256 }));
      if (stored.length) await tdb.insertInto('inspection_photo').values(stored).execute();
      const { photos: _p, ...facts } = body;
      await appendAudit(
        trx,
        { actor, action: 'project.inspected', meetingId: p.row.meeting_id, detail: { projectId, inspectionId: id, ...facts, photos: stored.map((s) => ({ id: s.id, bytes: s.bytes, sha256: s.sha256 })) } },
        now,
      );
      return { inspectionId: id, replayed: false };
    });
    if (result.replayed) await removePhotoFiles(ctx.dataDir ?? '', files);
    return result;
  } catch (err) {
    await removePhotoFiles(ctx.dataDir ?? '', files);
    throw err;
  }
}

async function activeInspection(db: ProjectExecutor, projectId: string, inspectionId: string) {
  const row = await db.selectFrom('inspection').selectAll().where('id', '=', inspectionId).where('project_id', '=', projectId).executeTakeFirst();
  if (!row) throw errors.notFound('inspection');
  if (row.withdrawn_at !== null) throw errors.conflict(`inspection ${inspectionId} is withdrawn`);
  return row;
}

/**
 * 更正视察记录: new date, kind, deputies, findings; photos stay. Refuses an edit that changes nothing
 * (invalid_input). Throws not_found, conflict (withdrawn). Audited as project.inspection_corrected, before/after.
 */
export async function editInspection(ctx: ProjectContext, projectId: string, inspectionId: string, body: EditInspectionBody, actor: string): Promise<void> {
  const now = ctx.now();
  const today = todayOf(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const db = projectDb(trx);
    const p = await getProject(db, projectId);
    const row = await activeInspection(db, projectId, inspectionId);
    const next = body.inspection;
    checkDate(p, next.date, today, 'inspection.date');
    await checkDeputies(db, p, next.deputyIds, 'inspection.deputyIds');
    const before = { date: row.date, kind: row.kind, deputyIds: JSON.parse(row.deputy_ids) as string[], findings: row.findings };
    if (JSON.stringify(before) === JSON.stringify({ date: next.date, kind: next.kind, deputyIds: next.deputyIds, findings: next.findings })) {
      throw errors.badInput('inspection', 'the correction changes nothing');
    }
    await db
      .updateTable('inspection')
      .set({ date: next.date, kind: next.kind, deputy_ids: JSON.stringify(next.deputyIds), findings: next.findings, updated_at: now })
      .where('id', '=', inspectionId)
      .execute();
    await appendAudit(trx, { actor, action: 'project.inspection_corrected', meetingId: p.row.meeting_id, detail: { projectId, inspectionId, reason: body.reason, before, after: next } }, now);
  });
}

/**
 * 撤回视察记录: kept, marked withdrawn with the reason; it leaves the public page (photos too). Throws not_found,
 * conflict when withdrawn already. Audited as project.inspection_withdrawn.
 */
export async function withdrawInspection(ctx: ProjectContext, projectId: string, inspectionId: string, reason: string, actor: string): Promise<void> {
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const db = projectDb(trx);
    const p = await getProject(db, projectId);
    const row = await activeInspection(db, projectId, inspectionId);
    await db.updateTable('inspection').set({ withdrawn_at: now, withdrawn_reason: reason }).where('id', '=', inspectionId).execute();
    await appendAudit(trx, { actor, action: 'project.inspection_withdrawn', meetingId: p.row.meeting_id, detail: { projectId, inspectionId, reason, date: row.date, findings: row.findings } }, now);
  });
}
