import type { ProjectSource, ReportKind, SelectionVia } from '../../shared/responses/projects.ts';
import type { Kysely, Transaction } from 'kysely';
import type { EvaluationOption } from '../../shared/record.ts';
import type { Executor } from '../db/database.ts';
import type { Database, MilestoneTable, ProjectColumns } from '../db/schema.ts';

// Row types of the tables migration 0002 adds. They live with the domain rather than in server/db/schema.ts;
// `projectDb` widens an executor's type to see them (types only: the queries are unchanged).
export interface TrackedProjectTable extends ProjectColumns {
  id: string;
  year: number;
  seq: number;
  source: ProjectSource;
  meeting_id: string | null;
  ballot_id: string | null;
  selected_by_ballot_id: string | null;
  selected_via: SelectionVia | null;
  candidate_id: string | null;
  votes_for: number | null;
  votes_against: number | null;
  votes_abstain: number | null;
  vote_rank: number | null;
  completed_at: number | null;
  completion_note: string | null;
  /** 'YYYY-MM-DD', the county's calendar date the project was completed on (migration 20261130_0700_year). */
  completed_on: string | null;
  completion_late_reason: string | null;
  completion_open_reason: string | null;
  evaluation_ballot_id: string | null;
  evaluation_rating: EvaluationOption | null;
  evaluation_rate: number | null;
  /** 1 when nobody rated the project (a zero base under rated-majority): 无人评价, never 不满意 (migration 1650). */
  evaluation_unrated: number;
  created_at: number;
  /** 续建 (migration 20261130_1600_review): the project of the year before this one continues. */
  carried_from_id: string | null;
  /** The next year's project this one was carried over into; with the date decided and why. */
  carried_to_id: string | null;
  carried_on: string | null;
  carry_reason: string | null;
}
/** A tracked project's milestone: the candidate's milestone columns, keyed by the project instead. */
export interface ProjectMilestoneTable extends Omit<MilestoneTable, 'candidate_id'> {
  project_id: string;
}
export interface ProgressReportTable {
  id: string;
  project_id: string;
  kind: ReportKind;
  date: string;
  spent_wan: number | null;
  milestones_reached: string;
  outputs: string;
  note: string;
  account_id: string | null;
  actor: string;
  created_at: number;
  client_key: string | null;
  withdrawn_at: number | null;
  withdrawn_reason: string | null;
  corrects_report_id: string | null;
  /** The secretariat's review (migration 20261130_1600_review): only approved reports are public. */
  review_status: ReviewStatus;
  reviewed_at: number | null;
  reviewed_by: string | null;
  /** Why it was sent back (退回原因). */
  review_reason: string | null;
}
export type ReviewStatus = 'pending' | 'approved' | 'returned';
export interface ReportPhotoTable {
  id: string;
  report_id: string;
  file: string;
  filename: string;
  content_type: string;
  bytes: number;
  sha256: string;
}

export interface YearReportSettingTable {
  year: number;
  county: string;
  /** JSON: [{name, projectIds}] (shared/projects.ts reportSettingsSchema). */
  themes: string;
  updated_at: number;
}

/** The secretariat's project settings, one JSON value per key (project-settings.ts). */
export interface ProjectSettingTable {
  key: string;
  value: string;
  updated_at: number;
}

// Supervision by deputies (migration 20261130_1650_supervision).
export interface InspectionTable {
  id: string;
  project_id: string;
  date: string;
  kind: 'inspection' | 'supervision';
  /** JSON string[] of deputy ids. */
  deputy_ids: string;
  findings: string;
  actor: string;
  created_at: number;
  updated_at: number | null;
  withdrawn_at: number | null;
  withdrawn_reason: string | null;
  /** The creating form's idempotency key (unique per project), null when none was sent. */
  client_key: string | null;
}
export interface InspectionPhotoTable {
  id: string;
  inspection_id: string;
  file: string;
  filename: string;
  content_type: string;
  bytes: number;
  sha256: string;
}
export interface DeputyOpinionTable {
  id: string;
  project_id: string;
  deputy_id: string;
  date: string;
  text: string;
  actor: string;
  created_at: number;
  reply_text: string | null;
  reply_unit: string | null;
  reply_actor: string | null;
  replied_at: number | null;
  verdict: 'satisfied' | 'dissatisfied' | null;
  verdict_at: number | null;
  /** The creating form's idempotency key (unique per project), null when none was sent. */
  client_key: string | null;
}
export interface RectificationTable {
  id: string;
  project_id: string;
  ballot_id: string;
  created_at: number;
  deadline: string | null;
  closed_at: number | null;
  closed_on: string | null;
  closing_note: string | null;
}
export interface RectificationReportTable {
  id: string;
  rectification_id: string;
  date: string;
  text: string;
  unit: string | null;
  actor: string;
  created_at: number;
  /** The follow-up form's idempotency key (unique per 整改 task), null when none was sent. */
  client_key: string | null;
}

// A type alias, not an interface: withTables wants a type with an implicit index signature.
export type ProjectTables = {
  tracked_project: TrackedProjectTable;
  project_milestone: ProjectMilestoneTable;
  progress_report: ProgressReportTable;
  report_photo: ReportPhotoTable;
  year_report_setting: YearReportSettingTable;
  project_setting: ProjectSettingTable;
  inspection: InspectionTable;
  inspection_photo: InspectionPhotoTable;
  deputy_opinion: DeputyOpinionTable;
  rectification: RectificationTable;
  rectification_report: RectificationReportTable;
};
export type ProjectDatabase = Database & ProjectTables;
export type ProjectExecutor = Kysely<ProjectDatabase> | Transaction<ProjectDatabase>;

export function projectDb(db: Executor): ProjectExecutor {
  return db.withTables<ProjectTables>() as ProjectExecutor;
}
