import type { BallotKind } from '../../shared/api.ts';
import type { BallotRules, EvaluationReport, Tally } from '../../shared/record.ts';
import type { BallotCandidate, CloseReason } from '../../shared/responses/ballots.ts';
import { EVALUATION_OPTIONS, SELECTION_OPTIONS, tallySchema } from '../../shared/record.ts';
import type { Executor } from '../db/database.ts';
import type { BallotStatus, BallotTable } from '../db/schema.ts';
import { errors } from '../errors.ts';

export interface Ballot {
  id: string;
  meetingId: string;
  title: string;
  kind: BallotKind;
  rules: BallotRules;
  durationMs: number;
  closeWhenAllVoted: boolean;
  status: BallotStatus;
  runoffOf: string | null;
  openedAt: number | null;
  deadlineAt: number | null;
  closedAt: number | null;
  closeReason: CloseReason | null;
  announcedAt: number | null;
  /** Attendance fixed when the ballot closed; `issued`: paper ballots issued, when any were (record @2). */
  attendance: { seated: number; present: number; issued?: number } | null;
  presidiumDecision: string[] | null;
  /** Evaluations only: whether the announcement reports a rating with its 满意率, or the 满意率 only. */
  evaluationReport: EvaluationReport | null;
  createdAt: number;
  /** A secret ballot once opened: what tablets seal their papers to (DESIGN §5). Null for named ballots and drafts. */
  sealing: { publicKey: string; plaintextLength: number } | null;
  /** Closed, but the envelopes wait to be opened with the key from the scrutineer's recovery sheet. */
  openingPending: boolean;
  /** The whole ballot runs on paper from the start (纸质选票, DESIGN §10): tablets do not vote in it. */
  paperOnly: boolean;
  /** When the entered paper ballots joined the tally (ms), or null. */
  paperCountedAt: number | null;
}

export function toBallot(row: BallotTable): Ballot {
  const evaluation = row.options === JSON.stringify(EVALUATION_OPTIONS);
  return {
    id: row.id,
    meetingId: row.meeting_id,
    title: row.title,
    kind: evaluation ? 'evaluation' : 'selection',
    rules: {
      options: evaluation ? [...EVALUATION_OPTIONS] : [...SELECTION_OPTIONS],
      maxApprovals: row.max_approvals,
      seats: row.seats,
      threshold: row.threshold as BallotRules['threshold'],
      blank: row.blank as BallotRules['blank'],
      ties: row.ties as BallotRules['ties'],
      secret: row.secret === 1,
    } as BallotRules,
    durationMs: row.duration_ms,
    closeWhenAllVoted: row.close_when_all_voted === 1,
    status: row.status,
    runoffOf: row.runoff_of,
    openedAt: row.opened_at,
    deadlineAt: row.deadline_at,
    closedAt: row.closed_at,
    closeReason: row.close_reason as CloseReason | null,
    announcedAt: row.announced_at,
    attendance:
      row.seated !== null && row.present !== null ? { seated: row.seated, present: row.present, ...(row.issued !== null ? { issued: row.issued } : {}) } : null,
    presidiumDecision: row.presidium_decision ? (JSON.parse(row.presidium_decision) as string[]) : null,
    evaluationReport: evaluation ? (row.evaluation_report ?? 'rating') : null,
    createdAt: row.created_at,
    sealing: row.seal_public_key !== null && row.seal_plaintext_length !== null ? { publicKey: row.seal_public_key, plaintextLength: row.seal_plaintext_length } : null,
    openingPending: row.opening === 'pending',
    paperOnly: row.paper_only === 1,
    paperCountedAt: row.paper_counted_at,
  };
}

export async function findBallot(db: Executor, ballotId: string): Promise<Ballot | undefined> {
  const row = await db.selectFrom('ballot').selectAll().where('id', '=', ballotId).executeTakeFirst();
  return row ? toBallot(row) : undefined;
}

export async function getBallot(db: Executor, ballotId: string): Promise<Ballot> {
  const ballot = await findBallot(db, ballotId);
  if (!ballot) throw errors.notFound('ballot');
  return ballot;
}

export type { BallotCandidate };

/**
 * The ballot's candidates in ballot order — for an evaluation (满意度测评), its items: the tracked projects it
 * rates, `id` the id papers mark and `seq` the number the paper shows (1…n), with what the paper showed.
 * A ballot has either candidate rows or item rows, never both.
 */
export async function ballotCandidates(db: Executor, ballotId: string): Promise<BallotCandidate[]> {
  const candidates = await db
    .selectFrom('ballot_candidate')
    .innerJoin('candidate', 'candidate.id', 'ballot_candidate.candidate_id')
    .select([
      'candidate.id',
      'candidate.seq',
      'candidate.name',
      'candidate.category',
      'candidate.budget_wan as budgetWan',
      'candidate.summary',
    ])
    .where('ballot_candidate.ballot_id', '=', ballotId)
    .orderBy('ballot_candidate.position')
    .execute();
  if (candidates.length) return candidates;
  return (await ballotItems(db, ballotId)).map(({ id, seq, name, category, budgetWan, summary }) => ({ id, seq, name, category, budgetWan, summary }));
}

export interface BallotItem extends BallotCandidate {
  projectId: string;
  annualTask: string;
}

/** An evaluation's items in ballot order: the tracked projects it rates (migration 0005). */
export async function ballotItems(db: Executor, ballotId: string): Promise<BallotItem[]> {
  return db
    .selectFrom('ballot_item')
    .select(['item_id as id', 'number as seq', 'name', 'category', 'budget_wan as budgetWan', 'summary', 'annual_task as annualTask', 'project_id as projectId'])
    .where('ballot_id', '=', ballotId)
    .orderBy('position')
    .execute();
}

/**
 * The ids papers may mark, in ballot order: candidates, or an evaluation's items (a ballot has one or the
 * other, never both). One statement, read inside every paper batch.
 */
export async function ballotMarkIds(db: Executor, ballotId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('ballot_candidate')
    .select(['candidate_id as id', 'position'])
    .where('ballot_id', '=', ballotId)
    .unionAll(db.selectFrom('ballot_item').select(['item_id as id', 'position']).where('ballot_id', '=', ballotId))
    .orderBy('position')
    .execute();
  return rows.map((r) => r.id);
}

export async function storedTally(db: Executor, ballotId: string): Promise<Tally | undefined> {
  const row = await db.selectFrom('tally').select('result').where('ballot_id', '=', ballotId).executeTakeFirst();
  return row ? tallySchema.parse(JSON.parse(row.result)) : undefined;
}

/** Papers in random-id order — the only order they are ever read in. */
export async function ballotPapers(db: Executor, ballotId: string) {
  return db
    .selectFrom('paper')
    .leftJoin('deputy', 'deputy.id', 'paper.deputy_id')
    .select(['paper.id', 'paper.marks', 'paper.source', 'paper.deputy_id as deputyId', 'deputy.name as deputyName'])
    .where('paper.ballot_id', '=', ballotId)
    .orderBy('paper.id')
    .execute();
}

export async function castCount(db: Executor, ballotId: string): Promise<number> {
  const row = await db
    .selectFrom('cast')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('ballot_id', '=', ballotId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The run-off of a ballot (再次投票 among its tied candidates), if one was created; at most one exists. */
export async function findRunoff(db: Executor, ballotId: string): Promise<Ballot | undefined> {
  const row = await db.selectFrom('ballot').selectAll().where('runoff_of', '=', ballotId).executeTakeFirst();
  return row ? toBallot(row) : undefined;
}

/** A secret ballot's box: the trackers of its opened envelopes, sorted (DESIGN §5, §9). */
export async function ballotBox(db: Executor, ballotId: string): Promise<string[]> {
  const rows = await db.selectFrom('ballot_box').select('tracker').where('ballot_id', '=', ballotId).orderBy('tracker').execute();
  return rows.map((r) => r.tracker);
}

/** Paper ballots issued for a ballot so far: casts with source 'paper' (DESIGN §10). */
export async function paperIssuedCount(db: Executor, ballotId: string): Promise<number> {
  const row = await db
    .selectFrom('cast')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('ballot_id', '=', ballotId)
    .where('source', '=', 'paper')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
