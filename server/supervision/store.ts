import { DEFAULT_TIME_ZONE, zonedDate } from '../../shared/time.ts';
import type { DeputyOpinionTable, InspectionTable, ProjectExecutor, RectificationReportTable, RectificationTable } from '../projects/schema.ts';

// What deputies' supervision holds about projects (DESIGN §11): inspections with their photos, opinions with the
// replies, 整改 tasks with their follow-up reports. Read in a few queries for any number of projects.

export interface InspectionPhoto {
  id: string;
  filename: string;
  contentType: string;
  bytes: number;
}
export interface Inspection {
  row: InspectionTable;
  deputyIds: string[];
  photos: InspectionPhoto[];
}
export interface Opinion {
  row: DeputyOpinionTable;
  deputyName: string;
  /** The county's calendar date of the reply (办理答复), for an as-of view; null while unanswered. */
  repliedOn: string | null;
}
export interface Rectification {
  row: RectificationTable;
  reports: RectificationReportTable[];
  /** The county's calendar date the task was opened (the evaluation's announcement), for an as-of view. */
  openedOn: string;
}
export interface Supervision {
  /** In date order, withdrawn ones included (marked). */
  inspections: Inspection[];
  opinions: Opinion[];
  rectifications: Rectification[];
  /** Names of the deputies named anywhere above, by id. */
  deputyNames: Map<string, string>;
}

const empty = (): Supervision => ({ inspections: [], opinions: [], rectifications: [], deputyNames: new Map() });

/**
 * Supervision records of the given projects, by project id (every id present, empty when nothing is recorded).
 * `timeZone` (IANA; the server's TIME_ZONE) says on which calendar date a task was opened or an opinion answered.
 */
export async function loadSupervision(db: ProjectExecutor, projectIds: string[], timeZone = DEFAULT_TIME_ZONE): Promise<Map<string, Supervision>> {
  const out = new Map(projectIds.map((id) => [id, empty()]));
  if (projectIds.length === 0) return out;
  const [inspections, opinions, tasks] = await Promise.all([
    db.selectFrom('inspection').selectAll().where('project_id', 'in', projectIds).orderBy('date').orderBy('created_at').execute(),
    db.selectFrom('deputy_opinion').selectAll().where('project_id', 'in', projectIds).orderBy('date').orderBy('created_at').execute(),
    db.selectFrom('rectification').selectAll().where('project_id', 'in', projectIds).orderBy('created_at').execute(),
  ]);
  const [photos, reports] = await Promise.all([
    inspections.length
      ? db.selectFrom('inspection_photo').selectAll().where('inspection_id', 'in', inspections.map((i) => i.id)).orderBy('id').execute()
      : [],
    tasks.length
      ? db.selectFrom('rectification_report').selectAll().where('rectification_id', 'in', tasks.map((t) => t.id)).orderBy('date').orderBy('created_at').execute()
      : [],
  ]);
  const parsed = inspections.map((row) => ({ row, deputyIds: JSON.parse(row.deputy_ids) as string[] }));
  const deputyIds = [...new Set([...parsed.flatMap((i) => i.deputyIds), ...opinions.map((o) => o.deputy_id)])];
  const deputies = deputyIds.length ? await db.selectFrom('deputy').select(['id', 'name']).where('id', 'in', deputyIds).execute() : [];
  const names = new Map(deputies.map((d) => [d.id, d.name]));
  for (const { row, deputyIds: ids } of parsed) {
    const s = out.get(row.project_id)!;
    s.inspections.push({
      row,
      deputyIds: ids,
      photos: photos.filter((p) => p.inspection_id === row.id).map((p) => ({ id: p.id, filename: p.filename, contentType: p.content_type, bytes: p.bytes })),
    });
    for (const d of ids) s.deputyNames.set(d, names.get(d) ?? d);
  }
  for (const row of opinions) {
    const s = out.get(row.project_id)!;
    s.opinions.push({ row, deputyName: names.get(row.deputy_id) ?? row.deputy_id, repliedOn: row.replied_at === null ? null : zonedDate(row.replied_at, timeZone) });
  }
  for (const row of tasks) {
    out.get(row.project_id)!.rectifications.push({ row, reports: reports.filter((r) => r.rectification_id === row.id), openedOn: zonedDate(row.created_at, timeZone) });
  }
  return out;
}
