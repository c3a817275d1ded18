import { EVALUATION_OPTIONS, SELECTION_OPTIONS, type EvaluationReport } from '../../shared/record.ts';
import type { Trx } from '../db/database.ts';
import { newId } from '../ids.ts';

export interface NewBallot {
  meetingId: string;
  title: string;
  /** 满意度测评 (evaluation options) rather than a selection (for / against / abstain). */
  evaluation: boolean;
  /** In ballot order; must be the meeting's candidates (the caller checks). */
  candidateIds: string[];
  seats: number | null;
  maxApprovals: number | null;
  threshold: string;
  blank: string;
  ties: string;
  secret: boolean;
  /** How long the ballot stays open once opened, in milliseconds. */
  durationMs: number;
  closeWhenAllVoted: boolean;
  runoffOf: string | null;
  /** Evaluations of tracked projects (满意度测评): the items, in paper order; candidateIds is then empty. */
  items?: NewBallotItem[];
  /** Evaluations: announce a rating with its 满意率 (default), or the 满意率 only. */
  evaluationReport?: EvaluationReport;
  /** The whole ballot runs on paper from the start (纸质选票, DESIGN §10). */
  paperOnly?: boolean;
}

/** An evaluation's item (table ballot_item, migration 0005): a tracked project as the paper shows it. */
export interface NewBallotItem {
  /** The id papers mark: the project's id. */
  itemId: string;
  projectId: string;
  /** The number on the paper (1…n in the year's list). */
  number: number;
  name: string;
  category: string | null;
  budgetWan: number | null;
  summary: string;
  annualTask: string;
}

/** A ballot's settings: what the form sets, and a draft's edit may change. */
export type BallotSettings = Pick<NewBallot, 'title' | 'evaluation' | 'seats' | 'maxApprovals' | 'threshold' | 'blank' | 'ties' | 'secret' | 'durationMs' | 'closeWhenAllVoted' | 'paperOnly'>;

/** The ballot table's columns for `settings` (booleans as 0/1, the options its kind offers as JSON). */
export function settingColumns(settings: BallotSettings) {
  return {
    title: settings.title,
    options: JSON.stringify(settings.evaluation ? EVALUATION_OPTIONS : SELECTION_OPTIONS),
    max_approvals: settings.maxApprovals,
    seats: settings.seats,
    threshold: settings.threshold,
    blank: settings.blank,
    ties: settings.ties,
    secret: settings.secret ? 1 : 0,
    duration_ms: settings.durationMs,
    close_when_all_voted: settings.closeWhenAllVoted ? 1 : 0,
    paper_only: settings.paperOnly ? 1 : 0,
  };
}

/** Writes `candidateIds` as ballot `ballotId`'s candidate list, in ballot order (none: nothing written). */
export async function insertCandidateList(trx: Trx, ballotId: string, candidateIds: readonly string[]): Promise<void> {
  if (!candidateIds.length) return;
  await trx
    .insertInto('ballot_candidate')
    .values(candidateIds.map((candidateId, position) => ({ ballot_id: ballotId, candidate_id: candidateId, position })))
    .execute();
}

/**
 * The one way a ballot row is written (createBallot, createRunoff, the projects' createEvaluation): a draft
 * ballot and its candidates — or, for an evaluation of tracked projects, its items — in order, inside the caller's transaction, at `now` (ms since the epoch). Returns the
 * new ballot's id. Audit is the caller's, since each caller records a different detail. Throws only what the
 * database throws (a foreign key: an unknown meeting or candidate).
 */
export async function insertBallot(trx: Trx, input: NewBallot, now: number): Promise<string> {
  const id = newId('b');
  await trx
    .insertInto('ballot')
    .values({
      id,
      meeting_id: input.meetingId,
      ...settingColumns(input),
      status: 'draft',
      runoff_of: input.runoffOf,
      evaluation_report: input.evaluation ? (input.evaluationReport ?? 'rating') : null,
      created_at: now,
      issued: null,
      paper_counted_at: null,
    })
    .execute();
  await insertCandidateList(trx, id, input.candidateIds);
  if (input.items?.length) {
    await trx
      .insertInto('ballot_item')
      .values(
        input.items.map((item, position) => ({
          ballot_id: id,
          item_id: item.itemId,
          project_id: item.projectId,
          position,
          number: item.number,
          name: item.name,
          category: item.category,
          budget_wan: item.budgetWan,
          summary: item.summary,
          annual_task: item.annualTask,
        })),
      )
      .execute();
  }
  return id;
}
