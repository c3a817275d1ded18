import type { ProjectSource, ReportKind, SelectionVia } from '../../shared/responses/projects.ts';
import type { CandidateUnits, Contact } from '../../shared/candidate.ts';
import type { Outputs } from '../../shared/projects.ts';
import { errors } from '../errors.ts';
import { newId } from '../ids.ts';
import type { ProgressReportTable, ProjectExecutor, ReportPhotoTable, ReviewStatus, TrackedProjectTable } from './schema.ts';
import { yearNumbers } from './numbering.ts';

export interface ProjectMilestone {
  position: number;
  period: string;
  amountWan: number | null;
  text: string;
  target: number | null;
  percent: number | null;
  /** The parallel sub-plan, and whether the node is a recurring duty's occurrence or a yearly target (null: a step). */
  track: string | null;
  kind: 'recurring' | 'target' | null;
}
export interface ReportPhoto {
  id: string;
  filename: string;
  contentType: string;
  bytes: number;
}
export interface ProgressReport {
  id: string;
  kind: ReportKind;
  date: string;
  spentWan: number | null;
  milestonesReached: number[];
  outputs: Outputs;
  note: string;
  actor: string;
  createdAt: number;
  photos: ReportPhoto[];
  /** Set when the report was withdrawn (or replaced by a correction): it then counts for nothing. */
  withdrawn: { at: number; reason: string } | null;
  /** The report this one corrects. */
  correctsReportId: string | null;
  /** The secretariat's review: pending reports are not public, returned ones count for nothing. */
  review: { status: ReviewStatus; at: number | null; by: string | null; reason: string | null };
  /** Whether the account that filed it is a responsible unit's (责任单位) rather than the secretariat's. */
  byUnit: boolean;
  /** The filing account's unit (role unit only), for the plausibility flags (a 协办 unit reporting the whole). */
  unitName: string | null;
}
/** A tracked project with everything known about it: plan, reports in date order, photos. */
export interface Project {
  row: TrackedProjectTable;
  /** Its number within its year as the public knows it, 1…n (numbering.ts yearNumbers); `row.seq` is the ballot's. */
  number: number;
  units: CandidateUnits;
  contacts: Contact[];
  milestones: ProjectMilestone[];
  /** The reports that count, in date order: withdrawn ones are left out. */
  reports: ProgressReport[];
  /** Withdrawn (or corrected) reports, kept to show what was corrected. */
  withdrawnReports: ProgressReport[];
  /** Reports the secretariat sent back (退回): they count for nothing until corrected. */
  returnedReports: ProgressReport[];
}

/** The project fields copied from a candidate (or an imported report) when a tracked project is created. */
export interface NewProject {
  year: number;
  seq: number;
  source: ProjectSource;
  name: string;
  category: string | null;
  budgetWan: number | null;
  summary: string;
  annualTask: string;
  units: CandidateUnits;
  countyLeader: string;
  responsibleLeader: string;
  leaderInCharge: string;
  contacts: Contact[];
  remarks: string;
  selection?: {
    meetingId: string;
    ballotId: string;
    selectedByBallotId: string;
    via: SelectionVia;
    /** null on a carried-over project: the candidate stays with the original (candidate_id is unique). */
    candidateId: string | null;
    votes: { for: number; against: number; abstain: number };
    rank: number | null;
  };
  /** `on`: the date it was completed ('YYYY-MM-DD'); `at`: when that was recorded (ms). */
  completed?: { at: number; on: string; note: string };
  milestones: Omit<ProjectMilestone, 'position'>[];
  /** 续建: the previous year's project this one continues. */
  carriedFromId?: string;
}

export async function insertProject(db: ProjectExecutor, p: NewProject, now: number): Promise<string> {
  const id = newId('p');
  const s = p.selection;
  await db
    .insertInto('tracked_project')
    .values({
      id,
      year: p.year,
      seq: p.seq,
      source: p.source,
      meeting_id: s?.meetingId ?? null,
      ballot_id: s?.ballotId ?? null,
      selected_by_ballot_id: s?.selectedByBallotId ?? null,
      selected_via: s?.via ?? null,
      candidate_id: s?.candidateId ?? null,
      votes_for: s?.votes.for ?? null,
      votes_against: s?.votes.against ?? null,
      votes_abstain: s?.votes.abstain ?? null,
      vote_rank: s?.rank ?? null,
      name: p.name,
      category: p.category,
      budget_wan: p.budgetWan,
      summary: p.summary,
      annual_task: p.annualTask,
      units_lead: JSON.stringify(p.units.lead),
      units_cooperate: JSON.stringify(p.units.cooperate),
      units_implement: JSON.stringify(p.units.implement),
      county_leader: p.countyLeader,
      responsible_leader: p.responsibleLeader,
      leader_in_charge: p.leaderInCharge,
      contacts: JSON.stringify(p.contacts),
      remarks: p.remarks,
      completed_at: p.completed?.at ?? null,
      completion_note: p.completed?.note ?? null,
      completed_on: p.completed?.on ?? null,
      completion_late_reason: null,
      completion_open_reason: null,
      evaluation_ballot_id: null,
      evaluation_rating: null,
      evaluation_rate: null,
      evaluation_unrated: 0,
      created_at: now,
      carried_from_id: p.carriedFromId ?? null,
      carried_to_id: null,
      carried_on: null,
      carry_reason: null,
    })
    .execute();
  if (p.milestones.length) {
    await db
      .insertInto('project_milestone')
      .values(p.milestones.map((m, position) => ({ project_id: id, position, period: m.period, amount_wan: m.amountWan, text: m.text, target: m.target, percent: m.percent, track: m.track, kind: m.kind })))
      .execute();
  }
  return id;
}

export async function insertReport(
  db: ProjectExecutor,
  r: Omit<
    ProgressReportTable,
    'id' | 'milestones_reached' | 'outputs' | 'client_key' | 'withdrawn_at' | 'withdrawn_reason' | 'corrects_report_id' | 'review_status' | 'reviewed_at' | 'reviewed_by' | 'review_reason'
  > & {
    milestonesReached: number[];
    outputs: Outputs;
    clientKey?: string | null;
    correctsReportId?: string | null;
    /** 'pending' when it waits for the secretariat's review; default 'approved'. */
    reviewStatus?: ReviewStatus;
  },
): Promise<string> {
  const id = newId('r');
  const { milestonesReached, outputs, clientKey, correctsReportId, reviewStatus, ...rest } = r;
  await db
    .insertInto('progress_report')
    .values({
      ...rest,
      id,
      milestones_reached: JSON.stringify(milestonesReached),
      outputs: JSON.stringify(outputs),
      client_key: clientKey ?? null,
      withdrawn_at: null,
      withdrawn_reason: null,
      corrects_report_id: correctsReportId ?? null,
      review_status: reviewStatus ?? 'approved',
      reviewed_at: null,
      reviewed_by: null,
      review_reason: null,
    })
    .execute();
  return id;
}

const toReport = (r: ProgressReportTable, photos: ReportPhotoTable[], unitAccounts: Map<string, string | null>): ProgressReport => ({
  id: r.id,
  kind: r.kind,
  date: r.date,
  spentWan: r.spent_wan,
  milestonesReached: JSON.parse(r.milestones_reached) as number[],
  outputs: JSON.parse(r.outputs) as Outputs,
  note: r.note,
  actor: r.actor,
  createdAt: r.created_at,
  photos: photos.filter((p) => p.report_id === r.id).map((p) => ({ id: p.id, filename: p.filename, contentType: p.content_type, bytes: p.bytes })),
  withdrawn: r.withdrawn_at !== null ? { at: r.withdrawn_at, reason: r.withdrawn_reason ?? '' } : null,
  correctsReportId: r.corrects_report_id,
  review: { status: r.review_status, at: r.reviewed_at, by: r.reviewed_by, reason: r.review_reason },
  byUnit: r.account_id !== null && unitAccounts.has(r.account_id),
  unitName: (r.account_id !== null ? unitAccounts.get(r.account_id) : null) ?? null,
});

/** Projects with their plan, reports and year number (numbering.ts), in (year, seq, created_at, id) order. */
export async function loadProjects(db: ProjectExecutor, filter: { year?: number | undefined; ids?: string[] } = {}): Promise<Project[]> {
  let q = db.selectFrom('tracked_project').selectAll();
  if (filter.year !== undefined) q = q.where('year', '=', filter.year);
  if (filter.ids) {
    if (filter.ids.length === 0) return [];
    q = q.where('id', 'in', filter.ids);
  }
  const rows = await q.orderBy('year').orderBy('seq').orderBy('created_at').orderBy('id').execute();
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [numbers, milestones, reports] = await Promise.all([
    yearNumbers(db, rows.map((r) => r.year)),
    db.selectFrom('project_milestone').selectAll().where('project_id', 'in', ids).orderBy('position').execute(),
    db.selectFrom('progress_report').selectAll().where('project_id', 'in', ids).orderBy('date').orderBy('created_at').orderBy('id').execute(),
  ]);
  const photos = reports.length
    ? await db.selectFrom('report_photo').selectAll().where('report_id', 'in', reports.map((r) => r.id)).orderBy('id').execute()
    : [];
  const accountIds = [...new Set(reports.map((r) => r.account_id).filter((a): a is string => a !== null))];
  const unitAccounts = new Map(
    accountIds.length
      ? (await db.selectFrom('account').select(['id', 'unit_name']).where('id', 'in', accountIds).where('role', '=', 'unit').execute()).map((a) => [a.id, a.unit_name] as const)
      : [],
  );
  return rows.map((row) => {
    const all = reports.filter((r) => r.project_id === row.id).map((r) => toReport(r, photos, unitAccounts));
    return {
    row,
    number: numbers.get(row.id)!,
    units: {
      lead: JSON.parse(row.units_lead) as string[],
      cooperate: JSON.parse(row.units_cooperate) as string[],
      implement: JSON.parse(row.units_implement) as string[],
    },
    contacts: JSON.parse(row.contacts) as Contact[],
    milestones: milestones
      .filter((m) => m.project_id === row.id)
      .map((m) => ({ position: m.position, period: m.period, amountWan: m.amount_wan, text: m.text, target: m.target, percent: m.percent, track: m.track, kind: m.kind })),
    reports: all.filter((r) => r.withdrawn === null && r.review.status !== 'returned'),
    withdrawnReports: all.filter((r) => r.withdrawn !== null),
    returnedReports: all.filter((r) => r.withdrawn === null && r.review.status === 'returned'),
  };
  });
}

export async function getProject(db: ProjectExecutor, projectId: string): Promise<Project> {
  const [project] = await loadProjects(db, { ids: [projectId] });
  if (!project) throw errors.notFound('project');
  return project;
}
