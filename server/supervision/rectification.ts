import type { RectificationReportBody } from '../../shared/supervision.ts';
import { auditProject, withProject } from '../projects/change.ts';
import { errors } from '../errors.ts';
import { zonedDate } from '../../shared/time.ts';
import { newId } from '../ids.ts';
import type { Staff } from '../plugins/auth.ts';
import { assertMayReport, todayOf, type ProjectContext } from '../projects/context.ts';
import type { ProjectExecutor } from '../projects/schema.ts';
import { checkDate } from './inspections.ts';

// 整改 (DESIGN §11): every project an announced evaluation rates 不满意 gets a task — created in the announcing
// transaction (openRectifications), once per project and evaluation. The secretariat sets its deadline, the
// responsible units report their follow-up, the secretariat closes it (销号) with a note. Overdue: open after
// its deadline.

/**
 * Opens a 整改 task for each project rated 不满意 by `ballotId` that has none from that ballot. Idempotent: a re-run
 * of promotion opens nothing. Returns the projects given a task. The caller audits (projects.evaluated).
 */
export async function openRectifications(db: ProjectExecutor, ballotId: string, projectIds: string[], now: number): Promise<string[]> {
  if (projectIds.length === 0) return [];
  const have = await db.selectFrom('rectification').select('project_id').where('ballot_id', '=', ballotId).where('project_id', 'in', projectIds).execute();
  const done = new Set(have.map((h) => h.project_id));
  const todo = projectIds.filter((id) => !done.has(id));
  if (todo.length) {
    await db
      .insertInto('rectification')
      .values(todo.map((project_id) => ({ id: newId('rc'), project_id, ballot_id: ballotId, created_at: now, deadline: null, closed_at: null, closed_on: null, closing_note: null })))
      .execute();
  }
  return todo;
}

/** The project's task `id`: not_found when it has none. */
async function taskOf(db: ProjectExecutor, projectId: string, id: string) {
  const row = await db.selectFrom('rectification').selectAll().where('id', '=', id).where('project_id', '=', projectId).executeTakeFirst();
  if (!row) throw errors.notFound('rectification');
  return row;
}

/** The project's task `id`, which must still be open: not_found, or conflict (`closed`: the message) once closed. */
async function openTaskOf(db: ProjectExecutor, projectId: string, id: string, closed = 'the 整改 is closed') {
  const row = await taskOf(db, projectId, id);
  if (row.closed_at !== null) throw errors.conflict(closed);
  return row;
}

/** A task's follow-up, closure or deadline dated before the day it was opened: invalid_input date_before_opened. */
function checkNotBeforeOpened(ctx: ProjectContext, row: { created_at: number }, date: string, path: string): void {
  const opened = zonedDate(row.created_at, ctx.timeZone);
  if (date < opened) throw errors.badInput(path, `${date} is before the 整改 was opened (${opened})`, { code: 'date_before_opened', params: { date, opened } });
}

/**
 * 整改期限: sets the deadline, or moves it — moving one needs a reason (invalid_input). Throws not_found, conflict
 * (closed), invalid_input date_before_opened (a deadline before the day the task was opened). Audited as
 * project.rectification_deadline with the deadline before and after.
 */
export async function setDeadline(ctx: ProjectContext, projectId: string, id: string, deadline: string, reason: string | undefined, actor: string): Promise<void> {
  const now = ctx.now();
  await withProject(ctx, projectId, async (db, p, trx) => {
    const row = await openTaskOf(db, projectId, id);
    checkNotBeforeOpened(ctx, row, deadline, 'deadline');
    if (row.deadline === deadline) throw errors.badInput('deadline', 'the deadline is that already');
    if (row.deadline !== null && !reason) throw errors.badInput('reason', 'moving a deadline needs a reason');
    await db.updateTable('rectification').set({ deadline }).where('id', '=', id).execute();
    await auditProject(trx, p, actor, 'project.rectification_deadline', { rectificationId: id, before: row.deadline, after: deadline, reason: reason ?? null }, now);
  });
}

/**
 * 整改进展: a follow-up report by a responsible unit (or the secretariat on its behalf). Returns its id.
 * Idempotent by the form's `clientKey` (unique per 整改 task): a follow-up already filed with that key is answered
 * (`replayed: true`, its id; even once the task is closed) and nothing is written or audited; the check runs under
 * the write lock, so two racing requests file one. Throws forbidden (not responsible), not_found, conflict
 * (closed), invalid_input (date; date_before_opened). Audited as project.rectification_reported.
 */
export async function reportRectification(
  ctx: ProjectContext,
  projectId: string,
  id: string,
  body: RectificationReportBody,
  staff: Staff,
  actor: string,
): Promise<{ reportId: string; replayed: boolean }> {
  const now = ctx.now();
  return withProject(ctx, projectId, async (db, p, trx) => {
    assertMayReport(staff, p);
    const row = await taskOf(db, projectId, id);
    if (body.clientKey !== undefined) {
      const earlier = await db.selectFrom('rectification_report').select('id').where('rectification_id', '=', id).where('client_key', '=', body.clientKey).executeTakeFirst();
      if (earlier) return { reportId: earlier.id, replayed: true };
    }
    if (row.closed_at !== null) throw errors.conflict('the 整改 is closed');
    checkDate(p, body.date, todayOf(ctx));
    checkNotBeforeOpened(ctx, row, body.date, 'date');
    const reportId = newId('rr');
    await db
      .insertInto('rectification_report')
      .values({ id: reportId, rectification_id: id, date: body.date, text: body.text, unit: staff.unitName, actor, created_at: now, client_key: body.clientKey ?? null })
      .execute();
    await auditProject(trx, p, actor, 'project.rectification_reported', { rectificationId: id, reportId, unit: staff.unitName, ...body }, now);
    return { reportId, replayed: false };
  });
}

/**
 * 整改销号: closes the task with a note. Throws not_found, conflict (closed already), invalid_input (date;
 * date_before_opened).
 * Audited as project.rectification_closed.
 */
export async function closeRectification(ctx: ProjectContext, projectId: string, id: string, body: { date: string; note: string }, actor: string): Promise<void> {
  const now = ctx.now();
  await withProject(ctx, projectId, async (db, p, trx) => {
    const row = await openTaskOf(db, projectId, id, 'the 整改 is closed already');
    checkDate(p, body.date, todayOf(ctx));
    checkNotBeforeOpened(ctx, row, body.date, 'date');
    await db.updateTable('rectification').set({ closed_at: now, closed_on: body.date, closing_note: body.note }).where('id', '=', id).execute();
    await auditProject(trx, p, actor, 'project.rectification_closed', { rectificationId: id, ...body }, now);
  });
}
