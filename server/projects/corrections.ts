import type { CorrectReportBody, EditProjectBody } from '../../shared/projects.ts';
import { auditProject, withProject } from './change.ts';
import { parsePeriod } from '../../shared/rules/progress.ts';
import { errors } from '../errors.ts';
import type { Staff } from '../plugins/auth.ts';
import { assertMayReport, todayOf, type ProjectContext } from './context.ts';
import { checkReport } from './reports.ts';
import { initialReviewStatus } from './review.ts';
import type { ProjectExecutor } from './schema.ts';
import { insertReport, type Project, type ProgressReport } from './store.ts';

// Corrections (DESIGN §11: "every edit audited with its reason"): withdrawing or correcting a progress report,
// editing a project's fields or plan. Nothing is deleted: a withdrawn report is kept, marked, and counts for nothing.

function activeReport(p: Project, reportId: string): ProgressReport {
  // A report sent back by the secretariat (退回) is corrected or withdrawn like any other.
  const r = [...p.reports, ...p.returnedReports].find((x) => x.id === reportId);
  if (r) return r;
  if (p.withdrawnReports.some((x) => x.id === reportId)) throw errors.conflict(`report ${reportId} is withdrawn already`);
  throw errors.notFound('report');
}

/**
 * A unit account withdraws or corrects only what its own unit filed (any of the unit's accounts): not the lead
 * unit's report when it cooperates (协办), nor what the secretariat typed in for it. The secretariat may amend any
 * report. Throws forbidden.
 */
export function assertMayAmend(staff: Staff, r: ProgressReport): void {
  if (staff.role !== 'unit') return;
  if (staff.unitName === null || r.unitName !== staff.unitName) {
    throw errors.forbidden(`report ${r.id} was filed by ${r.unitName ?? 'the secretariat'}; only they (or the secretariat) may withdraw or correct it`);
  }
}

async function withdraw(db: ProjectExecutor, reportId: string, reason: string, now: number) {
  await db.updateTable('progress_report').set({ withdrawn_at: now, withdrawn_reason: reason }).where('id', '=', reportId).execute();
}

/**
 * 撤回填报: the report stops counting (status, spending, outputs, public page) but is kept, marked withdrawn with
 * the reason. Throws not_found, conflict when withdrawn already, forbidden for a unit not responsible.
 * Audited as project.report_withdrawn with the report's figures.
 */
export async function withdrawReport(ctx: ProjectContext, projectId: string, reportId: string, reason: string, staff: Staff, actor: string): Promise<void> {
  const now = ctx.now();
  await withProject(ctx, projectId, async (db, p, trx) => {
    assertMayReport(staff, p);
    const r = activeReport(p, reportId);
    assertMayAmend(staff, r);
    await withdraw(db, reportId, reason, now);
    const { photos, withdrawn: _w, review: _r, ...facts } = r;
    await auditProject(trx, p, actor, 'project.report_withdrawn', { reason, report: { ...facts, photos: photos.length } }, now);
  });
}

/**
 * 更正填报: the report is withdrawn and a new one with the corrected figures replaces it (corrects_report_id), its
 * photos moved over. The new figures are checked as a new report would be, without the one replaced.
 * Returns the new report's id. Audited as project.report_corrected with both versions and the reason.
 */
export async function correctReport(ctx: ProjectContext, projectId: string, reportId: string, body: CorrectReportBody, staff: Staff, actor: string): Promise<string> {
  const now = ctx.now();
  const today = todayOf(ctx);
  return withProject(ctx, projectId, async (db, p, trx) => {
    assertMayReport(staff, p);
    const old = activeReport(p, reportId);
    assertMayAmend(staff, old);
    checkReport({ ...p, reports: p.reports.filter((r) => r.id !== reportId) }, body.report, staff, today);
    await withdraw(db, reportId, `更正：${body.reason}`, now);
    // A unit's correction is reviewed again, as a new report would be (review.ts).
    const reviewStatus = await initialReviewStatus(db, staff);
    const newId = await insertReport(db, {
      project_id: projectId,
      kind: old.kind,
      date: body.report.date,
      spent_wan: body.report.spentWan,
      milestonesReached: body.report.milestonesReached,
      outputs: body.report.outputs,
      note: body.report.note,
      account_id: staff.id,
      actor,
      created_at: now,
      correctsReportId: reportId,
      reviewStatus,
    });
    await db.updateTable('report_photo').set({ report_id: newId }).where('report_id', '=', reportId).execute();
    const { photos: _p, withdrawn: _w, review: _r, ...before } = old;
    await auditProject(trx, p, actor, 'project.report_corrected', { reportId, newReportId: newId, reason: body.reason, review: reviewStatus, before, after: body.report }, now);
    return newId;
  });
}

const FIELD_COLUMNS = {
  name: 'name',
  category: 'category',
  budgetWan: 'budget_wan',
  summary: 'summary',
  annualTask: 'annual_task',
  remarks: 'remarks',
  countyLeader: 'county_leader',
  responsibleLeader: 'responsible_leader',
  leaderInCharge: 'leader_in_charge',
} as const;

/**
 * A corrected plan's periods must be readable ('2023-Q1', '2023-02', '2023-03~2023-05', … as parsePeriod reads
 * them) and lie within the project's year or the next (a plan may run into January): an imported office file keeps
 * what it says (an unreadable node is never due), but a correction typed now that would silently move or drop a
 * due date is refused. Throws 400 invalid_input at `milestones.N.period`.
 */
function checkPlanPeriods(plan: readonly { period: string }[], year: number): void {
  plan.forEach((m, i) => {
    const range = parsePeriod(m.period);
    if (!range) throw errors.badInput(`milestones.${i}.period`, `${m.period} is not a period (e.g. ${year}-03, ${year}-Q2, ${year}-H2, ${year}-03~${year}-05)`);
    const [from, to] = [Number(range.start.slice(0, 4)), Number(range.end.slice(0, 4))];
    if (from < year || to > year + 1) throw errors.badInput(`milestones.${i}.period`, `${m.period} lies outside the project's year ${year}`);
  });
}

/**
 * 更正项目: fields and, when given, the whole plan. A plan that drops a milestone some report declared reached is
 * refused (invalid_input: withdraw or correct that report first), and so is a period that cannot be read or lies outside
 * the project's year (checkPlanPeriods); an edit that changes nothing is refused too
 * (invalid_input), so that the audit holds only real corrections. Audited as project.corrected with before/after.
 */
export async function editProject(ctx: ProjectContext, projectId: string, body: EditProjectBody, actor: string): Promise<void> {
  const now = ctx.now();
  await withProject(ctx, projectId, async (db, p, trx) => {
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    const set: Record<string, unknown> = {};
    for (const [key, column] of Object.entries(FIELD_COLUMNS) as [keyof typeof FIELD_COLUMNS, (typeof FIELD_COLUMNS)[keyof typeof FIELD_COLUMNS]][]) {
      const value = body.fields[key];
      if (value === undefined || value === p.row[column]) continue;
      before[key] = p.row[column];
      after[key] = value;
      set[column] = value;
    }
    const units = body.fields.units;
    if (units && JSON.stringify(units) !== JSON.stringify(p.units)) {
      before.units = p.units;
      after.units = units;
      Object.assign(set, { units_lead: JSON.stringify(units.lead), units_cooperate: JSON.stringify(units.cooperate), units_implement: JSON.stringify(units.implement) });
    }
    const plan = body.milestones;
    const oldPlan = p.milestones.map(({ position: _p, ...m }) => m);
    const planChanged = plan !== undefined && JSON.stringify(plan) !== JSON.stringify(oldPlan);
    if (planChanged) {
      checkPlanPeriods(plan, p.row.year);
      const reached = new Set(p.reports.flatMap((r) => r.milestonesReached));
      for (const position of reached) {
        if (position >= plan.length) throw errors.badInput('milestones', `milestone ${position + 1} is reported reached; withdraw or correct that report before removing it`);
      }
      before.milestones = oldPlan;
      after.milestones = plan;
    }
    if (Object.keys(after).length === 0) throw errors.badInput('fields', 'the correction changes nothing');
    if (Object.keys(set).length) await db.updateTable('tracked_project').set(set).where('id', '=', projectId).execute();
    if (planChanged) {
      await db.deleteFrom('project_milestone').where('project_id', '=', projectId).execute();
      if (plan.length) {
        await db
          .insertInto('project_milestone')
          .values(plan.map((m, position) => ({ project_id: projectId, position, period: m.period, amount_wan: m.amountWan, text: m.text, target: m.target, percent: m.percent })))
          .execute();
      }
    }
    await auditProject(trx, p, actor, 'project.corrected', { reason: body.reason, before, after }, now);
  });
}
