import type { CarryOverBody } from '../../shared/projects-review.ts';
import { auditProject, withProject } from './change.ts';
import { errors } from '../errors.ts';
import { todayOf, type ProjectContext } from './context.ts';
import { assess } from './presenters.ts';
import { insertProject } from './store.ts';

// 结转续建 (DESIGN §11: "Unfinished projects carry over"): at year end the secretariat carries an unfinished project
// into the next year. A new tracked project of year+1 continues it — linked to it (carried_from_id) and to its
// original vote (the same meeting, ballot and votes) — with the milestones not reached, their periods moved one year
// on (the secretariat corrects the plan as the county decides). The old project keeps its plan and shows 结转续建
// instead of 逾期. Undoable until the new project has any report.

/** A period moved one year on: '2023-Q4' → '2024-Q4', '2023-11~2023-12' → '2024-11~2024-12'. */
export const nextYearPeriod = (period: string) => period.replace(/\b(\d{4})\b/g, (y) => String(Number(y) + 1));

/**
 * Carries `projectId` over into its next year on `body.date` (default today). Throws not_found; conflict when it is
 * complete or carried over already; invalid_input for a date before the year's last month (12-01), in the future,
 * or a project with no open milestone. Returns the new project's id. Audited as project.carried_over.
 */
export async function carryOver(ctx: ProjectContext, projectId: string, body: CarryOverBody, actor: string): Promise<string> {
  const now = ctx.now();
  const today = todayOf(ctx);
  const date = body.date ?? today;
  return withProject(ctx, projectId, async (db, p, trx) => {
    const r = p.row;
    if (r.carried_to_id !== null) throw errors.conflict(`${r.name} is carried over already (on ${r.carried_on})`);
    if (date > today) throw errors.badInput('date', `${date} is in the future (today is ${today})`);
    if (date < `${r.year}-12-01`) {
      throw errors.badInput('date', `${date} is before the year's end: a project is carried over from ${r.year}-12-01 on`, { code: 'carry_too_early', params: { date, year: r.year } });
    }
    const a = assess(p, date, ctx.lagMargin);
    if (r.completed_on !== null || a.status === 'completed') throw errors.conflict(`${r.name} is complete; only an unfinished project carries over`);
    const open = p.milestones.filter((m) => !a.milestones.find((s) => s.position === m.position)?.reached);
    const next = r.year + 1;
    const last = await db.selectFrom('tracked_project').select((eb) => eb.fn.max('seq').as('seq')).where('year', '=', next).executeTakeFirst();
    const spent = a.spentToDateWan;
    const newId = await insertProject(
      db,
      {
        year: next,
        seq: (last?.seq ?? 0) + 1,
        source: r.source,
        name: r.name,
        category: r.category,
        // What is left of the budget once the spending to date is counted.
        budgetWan: r.budget_wan === null ? null : Math.max(0, Math.round((r.budget_wan - (spent ?? 0)) * 10_000) / 10_000),
        summary: r.summary,
        annualTask: r.annual_task,
        units: p.units,
        countyLeader: r.county_leader,
        responsibleLeader: r.responsible_leader,
        leaderInCharge: r.leader_in_charge,
        contacts: p.contacts,
        remarks: r.remarks,
        ...(r.meeting_id && r.ballot_id && r.selected_by_ballot_id && r.selected_via
          ? {
              selection: {
                meetingId: r.meeting_id,
                ballotId: r.ballot_id,
                selectedByBallotId: r.selected_by_ballot_id,
                via: r.selected_via,
                candidateId: null,
                votes: { for: r.votes_for ?? 0, against: r.votes_against ?? 0, abstain: r.votes_abstain ?? 0 },
                rank: r.vote_rank,
              },
            }
          : {}),
        milestones: open.map(({ position: _p, ...m }) => ({ ...m, period: nextYearPeriod(m.period) })),
        carriedFromId: r.id,
      },
      now,
    );
    await db.updateTable('tracked_project').set({ carried_to_id: newId, carried_on: date, carry_reason: body.reason }).where('id', '=', r.id).execute();
    await auditProject(trx, p, actor, 'project.carried_over', { name: r.name, year: r.year, newProjectId: newId, newYear: next, date, reason: body.reason, milestones: open.map((m) => m.position), spentWan: spent }, now);
    return newId;
  });
}

/**
 * Undoes a carry-over: the next year's project is removed and the old one is judged by its plan again. Throws
 * conflict when `projectId` is not carried over, or when the new project has any report (withdrawn ones too).
 * Audited as project.carry_over_undone with the reason.
 */
export async function undoCarryOver(ctx: ProjectContext, projectId: string, reason: string, actor: string): Promise<void> {
  const now = ctx.now();
  await withProject(ctx, projectId, async (db, p, trx) => {
    const r = p.row;
    if (r.carried_to_id === null) throw errors.conflict(`${r.name} is not carried over`);
    const filed = await db.selectFrom('progress_report').select('id').where('project_id', '=', r.carried_to_id).executeTakeFirst();
    if (filed) throw errors.conflict(`the ${r.year + 1} project has reports already; correct it instead`);
    await db.deleteFrom('project_milestone').where('project_id', '=', r.carried_to_id).execute();
    await db.deleteFrom('tracked_project').where('id', '=', r.carried_to_id).execute();
    await db.updateTable('tracked_project').set({ carried_to_id: null, carried_on: null, carry_reason: null }).where('id', '=', r.id).execute();
    await auditProject(trx, p, actor, 'project.carry_over_undone', { name: r.name, removedProjectId: r.carried_to_id, reason, undone: { date: r.carried_on, reason: r.carry_reason } }, now);
  });
}
