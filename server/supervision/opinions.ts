import type { OpinionBody } from '../../shared/supervision.ts';
import { appendAudit } from '../audit/store.ts';
import { errors } from '../errors.ts';
import { newId } from '../ids.ts';
import type { Staff } from '../plugins/auth.ts';
import { assertMayRead, responsibleUnits, todayOf, type ProjectContext } from '../projects/context.ts';
import { projectDb, type ProjectExecutor } from '../projects/schema.ts';
import { getProject } from '../projects/store.ts';
import { checkDate, checkDeputies } from './inspections.ts';

// 意见建议 and 办理答复 (DESIGN §11): a deputy's opinion on a project, typed in by the secretariat; the answer of a
// responsible unit's account (status 待答复 → 已答复); the deputy's 满意/不满意 with the answer, recorded by the
// secretariat, optional. A unit sees and answers only the opinions on its own projects.

/**
 * Records an opinion. Returns its id. Idempotent by the form's `clientKey` (unique per project): an opinion already
 * recorded with that key is answered (`replayed: true`, its id) and nothing is written or audited; the check runs
 * under the write lock, so two racing requests record one. Throws not_found (project), invalid_input (date, deputy
 * not on the roster: deputy_not_on_roster). Audited as project.opinion_recorded.
 */
export async function recordOpinion(ctx: ProjectContext, projectId: string, body: OpinionBody, actor: string): Promise<{ opinionId: string; replayed: boolean }> {
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const db = projectDb(trx);
    const p = await getProject(db, projectId);
    if (body.clientKey !== undefined) {
      const earlier = await db.selectFrom('deputy_opinion').select('id').where('project_id', '=', projectId).where('client_key', '=', body.clientKey).executeTakeFirst();
      if (earlier) return { opinionId: earlier.id, replayed: true };
    }
    checkDate(p, body.date, todayOf(ctx));
    await checkDeputies(db, p, [body.deputyId], 'deputyId');
    const id = newId('op');
    await db
      .insertInto('deputy_opinion')
      .values({
        id,
        project_id: projectId,
        deputy_id: body.deputyId,
        date: body.date,
        text: body.text,
        actor,
        created_at: now,
        reply_text: null,
        reply_unit: null,
        reply_actor: null,
        replied_at: null,
        verdict: null,
        verdict_at: null,
        client_key: body.clientKey ?? null,
      })
      .execute();
    await appendAudit(trx, { actor, action: 'project.opinion_recorded', meetingId: p.row.meeting_id, detail: { projectId, opinionId: id, ...body } }, now);
    return { opinionId: id, replayed: false };
  });
}

async function opinionOf(db: ProjectExecutor, projectId: string, opinionId: string) {
  const row = await db.selectFrom('deputy_opinion').selectAll().where('id', '=', opinionId).where('project_id', '=', projectId).executeTakeFirst();
  if (!row) throw errors.notFound('opinion');
  return row;
}

/**
 * 办理答复 by a responsible unit (only a unit account answers: its name goes with the answer). Throws forbidden
 * (not a unit, or not one of the project's units), not_found, conflict (answered already).
 * Audited as project.opinion_replied.
 */
export async function replyToOpinion(ctx: ProjectContext, projectId: string, opinionId: string, text: string, staff: Staff, actor: string): Promise<void> {
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const db = projectDb(trx);
    const p = await getProject(db, projectId);
    if (staff.role !== 'unit' || staff.unitName === null) throw errors.forbidden('the responsible unit answers a deputy’s opinion');
    assertMayRead(staff, p);
    if (!responsibleUnits(p).includes(staff.unitName)) throw errors.forbidden(`${staff.unitName} is not a responsible unit of ${p.row.name}`);
    const row = await opinionOf(db, projectId, opinionId);
    if (row.replied_at !== null) throw errors.conflict(`opinion ${opinionId} is answered already`);
    await db.updateTable('deputy_opinion').set({ reply_text: text, reply_unit: staff.unitName, reply_actor: actor, replied_at: now }).where('id', '=', opinionId).execute();
    await appendAudit(trx, { actor, action: 'project.opinion_replied', meetingId: p.row.meeting_id, detail: { projectId, opinionId, unit: staff.unitName, text } }, now);
  });
}

/**
 * The deputy's 满意/不满意 with the answer, recorded by the secretariat (may be changed; each change audited).
 * Throws not_found, conflict (not answered yet). Audited as project.opinion_verdict.
 */
export async function recordVerdict(ctx: ProjectContext, projectId: string, opinionId: string, verdict: 'satisfied' | 'dissatisfied', actor: string): Promise<void> {
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const db = projectDb(trx);
    const p = await getProject(db, projectId);
    const row = await opinionOf(db, projectId, opinionId);
    if (row.replied_at === null) throw errors.conflict(`opinion ${opinionId} has no answer yet`);
    if (row.verdict === verdict) throw errors.badInput('verdict', 'the verdict is recorded already');
    await db.updateTable('deputy_opinion').set({ verdict, verdict_at: now }).where('id', '=', opinionId).execute();
    await appendAudit(trx, { actor, action: 'project.opinion_verdict', meetingId: p.row.meeting_id, detail: { projectId, opinionId, verdict, before: row.verdict } }, now);
  });
}
