import type { ImportCompletedBody } from '../../shared/projects.ts';
import { appendAudit } from '../audit/store.ts';
import { errors } from '../errors.ts';
import type { Staff } from '../plugins/auth.ts';
import { todayOf, type ProjectContext } from './context.ts';
import { projectDb } from './schema.ts';
import { insertProject, insertReport } from './store.ts';

/**
 * A completed year from its 完成情况 report (as qinshui-2022-completed.json): one tracked project per entry,
 * marked 已完成, its investment and outputs recorded as a final report dated the year's last day (or today, for
 * the current year). Each is completed on its own `completedOn` when the file gives one, else on that same date:
 * a 完成情况 report states the year's result (the 2022 one: "全部按期完成"), never the day of the import.
 * Names already tracked for that year are refused: importing twice is a mistake. Throws invalid_input for a
 * completion date outside the project's year or after today.
 */
export async function importCompleted(ctx: ProjectContext, body: ImportCompletedBody, staff: Staff, actor: string): Promise<string[]> {
  const now = ctx.now();
  const today = todayOf(ctx);
  const yearEnd = `${body.year}-12-31`;
  const date = yearEnd < today ? yearEnd : today;
  if (`${body.year}-01-01` > today) throw errors.badInput('year', `${body.year} has not begun yet`);
  return ctx.db.transaction().execute(async (trx) => {
    const db = projectDb(trx);
    const existing = await db.selectFrom('tracked_project').select(['name', 'seq']).where('year', '=', body.year).execute();
    const taken = new Set(existing.map((p) => p.name));
    body.projects.forEach((p, i) => {
      if (p.completedOn !== undefined && (p.completedOn > today || p.completedOn < `${body.year}-01-01`)) {
        throw errors.badInput(`projects.${i}.completedOn`, `${p.completedOn} is before ${body.year} or after today (${today})`);
      }
      if (taken.has(p.name)) throw errors.conflict(`projects.${i}.name: "${p.name}" is already a tracked project of ${body.year}`);
    });
    const firstSeq = Math.max(0, ...existing.map((p) => p.seq)) + 1;
    const note = `据 ${body.year} 年民生实事项目完成情况导入`;
    const ids: string[] = [];
    for (const [i, p] of body.projects.entries()) {
      const projectId = await insertProject(
        db,
        {
          year: body.year,
          seq: firstSeq + i,
          source: 'import',
          name: p.name,
          category: p.category,
          // Only what was spent is known, not what was budgeted.
          budgetWan: null,
          summary: p.text,
          annualTask: '',
          units: { lead: [], cooperate: [], implement: [] },
          countyLeader: '',
          responsibleLeader: '',
          leaderInCharge: '',
          contacts: [],
          remarks: '',
          completed: { at: now, on: p.completedOn ?? date, note },
          milestones: [],
        },
        now,
      );
      await insertReport(db, {
        project_id: projectId,
        kind: 'final',
        date,
        spent_wan: p.investmentWan,
        milestonesReached: [],
        outputs: p.outputs,
        note: p.text,
        account_id: staff.id,
        actor,
        created_at: now,
      });
      ids.push(projectId);
    }
    await appendAudit(
      trx,
      { actor, action: 'projects.imported', detail: { year: body.year, source: body.source ?? null, count: ids.length, projects: body.projects.map((p, i) => ({ projectId: ids[i], name: p.name })) } },
      now,
    );
    return ids;
  });
}
