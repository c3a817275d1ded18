import { CompiledQuery } from 'kysely';
import type { Trx } from '../db/database.ts';
import { isPostgres } from '../db/engine.ts';

// The reads of a paper batch, written as SQL text with bound parameters (as server/db/insert-rows.ts writes its
// inserts): a batch's lists of 1,000 and more ids cost the query builder milliseconds to compile, on the path of
// every acknowledgement. Identifiers come from code; values are always bound, never spliced.

/** Bound parameters in order of appearance: `$n` on PostgreSQL, `?` on SQLite. */
class Params {
  readonly values: unknown[] = [];
  private readonly lists = new Map<readonly string[], string>();
  constructor(private readonly pg: boolean) {}
  add(value: unknown): string {
    this.values.push(value);
    return this.pg ? `$${this.values.length}` : '?';
  }
  /**
   * `column` is one of the text `values`: on PostgreSQL one array parameter (`= any($n::text[])`; a list of 1,500
   * parameters took PostgreSQL some 20 ms to parse and as long to bind), on SQLite a list (`in (?, …)`).
   */
  anyOf(column: string, values: readonly string[]): string {
    if (this.pg) {
      // One list named twice (a batch's deputies: their rows and their casts) is bound once.
      let mark = this.lists.get(values);
      if (!mark) this.lists.set(values, (mark = this.add(values)));
      return `${column} = any(${mark}::text[])`;
    }
    return `${column} in (${values.map((v) => this.add(v)).join(', ')})`;
  }
}

/** A deputy as a batch checks them: their meeting, 在册 (1/0), and their check-in there (ms since the epoch; null: none). */
export interface BatchDeputy {
  id: string;
  meetingId: string;
  seated: number;
  checkedInAt: number | null;
}

/** One key a ballot's batch must not take twice. */
export interface TakenKey {
  kind: 'cast' | 'tracker' | 'paper';
  key: string;
  /** A cast's source ('tablet' / 'paper'); a paper's digest; null for a tracker. */
  extra: string | null;
}

/** What one batch reads for one ballot (readBatch). */
export interface BatchReads {
  deputies: BatchDeputy[];
  taken: TakenKey[];
  /** The ballot's mark ids in paper order (candidates or evaluation items), when asked for; else undefined. */
  markIds: string[] | undefined;
}

/** One row of readBatch's statement: every part's columns, null where a part has none. */
interface Row {
  kind: 'deputy' | 'mark' | TakenKey['kind'];
  key: string;
  extra: string | null;
  meetingId: string | null;
  seated: number | null;
  at: number | null;
  position: number | null;
}

/**
 * Everything a ballot's batch reads, in ONE statement (one round trip, one snapshot): the deputies `deputyIds`
 * with their check-ins at their own meeting; what the batch must not take twice — the casts of `deputyIds`, the
 * envelopes' and the box's `trackers` (a resend after the opening finds its tracker in the box), and the plain
 * papers of `paperIds`; and, when `markIds` is true, the ballot's mark ids in paper order.
 *
 * One statement reads one snapshot: on PostgreSQL another process's batch may commit between two statements of
 * this one (sharedWriteTransaction), and a deputy's cast seen without the envelope stored with it — or the envelope
 * without the cast — would turn a resend into paper_conflict or already_voted. In one snapshot the other batch is
 * seen whole, or not at all (and then this batch's insert meets its keys, and the batch is decided again).
 * Check-ins, the roster and the candidate list change only in transactions holding the write lock alone, so they
 * are fixed while a batch runs. One statement is also one wait: each round trip of a batch queued behind the
 * parsing of the papers arriving meanwhile (docs/performance.md, issue 18). `deputyIds` must not be empty; at
 * most a few thousand ids of each kind. Throws what the database throws.
 */
export async function readBatch(
  trx: Trx,
  ballotId: string,
  keys: { deputyIds: readonly string[]; trackers: readonly string[]; paperIds: readonly string[]; markIds: boolean },
): Promise<BatchReads> {
  const p = new Params(isPostgres(trx));
  // The first part fixes the columns' names and types (PostgreSQL resolves a union's types part by part, so its
  // nulls are typed); the others fill what they lack with null.
  const parts = [
    `select 'deputy' as kind, d.id as key, cast(null as text) as extra, d.meeting_id as "meetingId", d.seated as seated, c.at as at, cast(null as bigint) as position ` +
      'from deputy d left join check_in c on c.deputy_id = d.id and c.meeting_id = d.meeting_id ' +
      `where ${p.anyOf('d.id', keys.deputyIds)}`,
    `select 'cast', deputy_id, source, null, null, null, null from "cast" where ballot_id = ${p.add(ballotId)} and ${p.anyOf('deputy_id', keys.deputyIds)}`,
  ];
  if (keys.trackers.length) {
    for (const table of ['envelope', 'ballot_box']) {
      parts.push(`select 'tracker', tracker, null, null, null, null, null from ${table} where ballot_id = ${p.add(ballotId)} and ${p.anyOf('tracker', keys.trackers)}`);
    }
  }
  if (keys.paperIds.length) {
    parts.push(`select 'paper', id, digest, null, null, null, null from paper where ballot_id = ${p.add(ballotId)} and ${p.anyOf('id', keys.paperIds)}`);
  }
  if (keys.markIds) {
    parts.push(`select 'mark', candidate_id, null, null, null, null, position from ballot_candidate where ballot_id = ${p.add(ballotId)}`);
    parts.push(`select 'mark', item_id, null, null, null, null, position from ballot_item where ballot_id = ${p.add(ballotId)}`);
  }
  const { rows } = await trx.executeQuery<Row>(CompiledQuery.raw(parts.join(' union all '), p.values));
  const reads: BatchReads = { deputies: [], taken: [], markIds: undefined };
  const marks: { id: string; position: number }[] = [];
  for (const r of rows) {
    if (r.kind === 'deputy') reads.deputies.push({ id: r.key, meetingId: r.meetingId!, seated: r.seated!, checkedInAt: r.at });
    else if (r.kind === 'mark') marks.push({ id: r.key, position: r.position! });
    else reads.taken.push({ kind: r.kind, key: r.key, extra: r.extra });
  }
  if (keys.markIds) reads.markIds = marks.sort((a, b) => a.position - b.position).map((m) => m.id);
  return reads;
}
