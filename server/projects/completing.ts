import type { CompleteProjectBody } from '../../shared/projects.ts';
import { openItemsOn, plannedEnd, timelinessOf } from '../../shared/rules/completion.ts';
import { auditProject, withProject } from './change.ts';
import { errors } from '../errors.ts';
import { todayOf, type ProjectContext } from './context.ts';

// 标记完成 and its undo (DESIGN §11, issue 16): a completion has a date, is 按期 or 逾期 against the plan's last
// milestone (or the year's end), and records why when late or when milestones are open or targets unmet.

/**
 * The secretariat marks a project complete on `body.date` (default today). Throws invalid_input for a date in the
 * future or before the project's year, for a late completion without `lateReason`, and for one with open
 * milestones or an unmet target without `openReason`; conflict when it is complete or carried over (结转续建) already. Audited as
 * project.completed with the date, 按期/逾期 and the reasons.
 */
export async function markComplete(ctx: ProjectContext, projectId: string, body: CompleteProjectBody, actor: string): Promise<void> {
  const now = ctx.now();
  const today = todayOf(ctx);
  const date = body.date ?? today;
  await withProject(ctx, projectId, async (db, p, trx) => {
    if (p.row.completed_on !== null) throw errors.conflict(`${p.row.name} is complete already (on ${p.row.completed_on}); undo that first`);
    // 结转续建: the next year's project carries on with it; that one is completed, or the carry-over undone first.
    if (p.row.carried_to_id !== null) throw errors.conflict(`${p.row.name} is carried over into ${p.row.year + 1} (on ${p.row.carried_on}); complete the ${p.row.year + 1} project, or undo the carry-over first`);
    if (date > today) throw errors.badInput('date', `${date} is in the future (today is ${today})`);
    if (date < `${p.row.year}-01-01`) throw errors.badInput('date', `${date} is before ${p.row.year}, the project's year`);
    const due = plannedEnd(p.milestones, p.row.year);
    const timeliness = timelinessOf(date, due);
    if (timeliness === 'late' && !body.lateReason) {
      throw errors.badInput('lateReason', `completed on ${date}, after the plan's last milestone (${due}): give the reason it is late (逾期原因)`, {
        code: 'completion_late',
        params: { date, due },
      });
    }
    const open = openItemsOn(p.milestones, p.reports, date);
    const targetShort = open.target !== null && !open.target.met;
    if ((open.openMilestones.length > 0 || targetShort) && !body.openReason) {
      const parts = [];
      const zh = [];
      if (open.openMilestones.length) {
        parts.push(`${open.openMilestones.length} of ${p.milestones.length} milestones not reached`);
        zh.push(`${open.openMilestones.length}/${p.milestones.length} 个节点未完成`);
      }
      if (targetShort) {
        parts.push(`${open.target!.achieved} of the planned ${open.target!.plannedTotal} reported`);
        zh.push(`已报 ${open.target!.achieved}，计划 ${open.target!.plannedTotal}`);
      }
      throw errors.badInput('openReason', `on ${date}: ${parts.join('; ')} — say why the project is complete nonetheless`, {
        code: 'completion_open',
        params: { date, open: zh.join('；') },
      });
    }
    const lateReason = timeliness === 'late' ? body.lateReason! : null;
    const openReason = open.openMilestones.length > 0 || targetShort ? body.openReason! : null;
    await db
      .updateTable('tracked_project')
      .set({ completed_at: now, completed_on: date, completion_note: body.note ?? '', completion_late_reason: lateReason, completion_open_reason: openReason })
      .where('id', '=', projectId)
      .execute();
    await auditProject(trx, p, actor, 'project.completed', { name: p.row.name, date, due, timeliness, note: body.note ?? null, lateReason, openReason, open }, now);
  });
}

/**
 * Undo 标记完成 (a correction): the project is judged by its plan and reports again. Throws conflict when it is
 * not marked complete. Audited as project.completion_undone with what was undone and the reason.
 */
export async function undoCompletion(ctx: ProjectContext, projectId: string, reason: string, actor: string): Promise<void> {
  const now = ctx.now();
  await withProject(ctx, projectId, async (db, p, trx) => {
    const r = p.row;
    if (r.completed_on === null) throw errors.conflict(`${r.name} is not marked complete`);
    await db
      .updateTable('tracked_project')
      .set({ completed_at: null, completed_on: null, completion_note: null, completion_late_reason: null, completion_open_reason: null })
      .where('id', '=', projectId)
      .execute();
    await auditProject(trx, p, actor, 'project.completion_undone', { name: r.name, reason, undone: { date: r.completed_on, note: r.completion_note, lateReason: r.completion_late_reason, openReason: r.completion_open_reason } }, now);
  });
}
