import { appendAudit } from '../audit/store.ts';
import { errors } from '../errors.ts';
import type { Staff } from '../plugins/auth.ts';
import type { ProjectContext } from './context.ts';
import { loadProjectSettings } from './project-settings.ts';
import { projectDb, type ProjectExecutor, type ReviewStatus } from './schema.ts';
import { getProject, loadProjects, type ProgressReport, type Project } from './store.ts';

// The secretariat's review of unit reports (DESIGN §11: "reports from its units (reviewed by the secretariat before
// they are public)"). A report filed by a 责任单位 account waits as 'pending' while the setting is on; the
// secretariat approves it (public from then on) or sends it back with a reason ('returned': it counts for nothing
// until the unit corrects it, which files a new pending report). Reports the secretariat files are approved.

/** The review status a new report (or correction) by `staff` starts in: pending for a unit while review is on. */
export async function initialReviewStatus(db: ProjectExecutor, staff: Staff): Promise<ReviewStatus> {
  if (staff.role !== 'unit') return 'approved';
  return (await loadProjectSettings(db)).reviewUnitReports ? 'pending' : 'approved';
}

function pendingReport(p: Project, reportId: string): ProgressReport {
  const r = [...p.reports, ...p.returnedReports].find((x) => x.id === reportId);
  if (!r) {
    if (p.withdrawnReports.some((x) => x.id === reportId)) throw errors.conflict(`report ${reportId} is withdrawn`);
    throw errors.notFound('report');
  }
  if (r.review.status !== 'pending') throw errors.conflict(`report ${reportId} is ${r.review.status} already`);
  return r;
}

/**
 * 通过 (approve) or 退回 (send back, `reason` required by the route) a pending report. Throws not_found, conflict when
 * it is not pending (approved or returned already, withdrawn). Audited as project.report_approved /
 * project.report_returned with the report's figures and the reason.
 */
export async function reviewReport(
  ctx: ProjectContext,
  projectId: string,
  reportId: string,
  decision: { status: 'approved'; note?: string | undefined } | { status: 'returned'; reason: string },
  actor: string,
): Promise<void> {
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const db = projectDb(trx);
    const p = await getProject(db, projectId);
    const r = pendingReport(p, reportId);
    const reason = decision.status === 'returned' ? decision.reason : (decision.note ?? null);
    await db
      .updateTable('progress_report')
      .set({ review_status: decision.status, reviewed_at: now, reviewed_by: actor, review_reason: reason })
      .where('id', '=', reportId)
      .where('review_status', '=', 'pending')
      .execute();
    const { photos, withdrawn: _w, review: _r, ...facts } = r;
    await appendAudit(
      trx,
      {
        actor,
        action: decision.status === 'approved' ? 'project.report_approved' : 'project.report_returned',
        meetingId: p.row.meeting_id,
        detail: { projectId, reportId, reason, report: { ...facts, photos: photos.length } },
      },
      now,
    );
  });
}

/** Every pending report with its project, oldest first (the review queue); for a year when given. */
export async function reviewQueue(db: ProjectExecutor, year?: number): Promise<{ project: Project; report: ProgressReport }[]> {
  const ids = await db
    .selectFrom('progress_report')
    .innerJoin('tracked_project', 'tracked_project.id', 'progress_report.project_id')
    .select('progress_report.project_id')
    .distinct()
    .where('progress_report.review_status', '=', 'pending')
    .where('progress_report.withdrawn_at', 'is', null)
    .$if(year !== undefined, (q) => q.where('tracked_project.year', '=', year!))
    .execute();
  const projects = await loadProjects(db, { ids: ids.map((r) => r.project_id) });
  return projects
    .flatMap((project) => project.reports.filter((r) => r.review.status === 'pending').map((report) => ({ project, report })))
    .sort((a, b) => a.report.createdAt - b.report.createdAt);
}
