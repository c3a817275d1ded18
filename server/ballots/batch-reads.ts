import { CompiledQuery } from 'kysely';
import type { Trx } from '../db/database.ts';
import { isPostgres } from '../db/engine.ts';

// The reads of a paper batch, written as SQL text with bound parameters (as server/db/insert-rows.ts writes its
// inserts): a batch's lists of 1,000 and more ids cost the query builder milliseconds to compile, on the path of
// every acknowledgement. Identifiers come from code; values are always bound, never spliced.

/** Bound parameters in order of appearance: `$n` on PostgreSQL, `?` on SQLite. */
class Params {
  readonly values: unknown[] = [];
  constructor(private readonly pg: boolean) {}
  add(value: unknown): string {
    this.values.push(value);
    return this.pg ? `$${this.values.length}` : '?';
  }
  list(values: readonly unknown[]): string {
    return values.map((v) => this.add(v)).join(', ');
  }
}

/** A deputy as a batch checks them: their meeting, 在册 (1/0), and their check-in there (ms since the epoch; null: none). */
export interface BatchDeputy {
  id: string;
  meetingId: string;
  seated: number;
  checkedInAt: number | null;
}

/**
 * The deputies `ids` (at most a few thousand: one statement) with their check-ins at their own meeting. Check-ins and
 * the roster change only in transactions holding the write lock alone, so they are fixed while a batch runs.
 */
export async function readDeputies(trx: Trx, ids: readonly string[]): Promise<BatchDeputy[]> {
  const p = new Params(isPostgres(trx));
  const text =
    'select d.id, d.meeting_id as "meetingId", d.seated, c.at as "checkedInAt" from deputy d ' +
    'left join check_in c on c.deputy_id = d.id and c.meeting_id = d.meeting_id ' +
    `where d.id in (${p.list(ids)})`;
  return (await trx.executeQuery<BatchDeputy>(CompiledQuery.raw(text, p.values))).rows;
}

/** One key a ballot's batch must not take twice (readTaken). */
export interface TakenKey {
  kind: 'cast' | 'tracker' | 'paper';
  key: string;
  /** A cast's source ('tablet' / 'paper'); a paper's digest; null for a tracker. */
  extra: string | null;
}

/**
 * What a ballot's batch must not take twice, read in ONE statement: the casts of `deputyIds`, the envelopes' and
 * the box's `trackers` (a resend after the opening finds its tracker in the box), and the plain papers of
 * `paperIds`. One statement reads one snapshot: on PostgreSQL another process's batch may commit between two
 * statements of this one (sharedWriteTransaction), and a deputy's cast seen without the envelope stored with it
 * — or the envelope without the cast — would turn a resend into paper_conflict or already_voted. In one snapshot
 * the other batch is seen whole, or not at all (and then this batch's insert meets its keys, and the batch is
 * decided again). `deputyIds` must not be empty; at most a few thousand of each.
 */
export async function readTaken(trx: Trx, ballotId: string, keys: { deputyIds: readonly string[]; trackers: readonly string[]; paperIds: readonly string[] }): Promise<TakenKey[]> {
  const p = new Params(isPostgres(trx));
  const parts = [`select 'cast' as kind, deputy_id as key, source as extra from "cast" where ballot_id = ${p.add(ballotId)} and deputy_id in (${p.list(keys.deputyIds)})`];
  if (keys.trackers.length) {
    for (const table of ['envelope', 'ballot_box']) {
      parts.push(`select 'tracker' as kind, tracker as key, null as extra from ${table} where ballot_id = ${p.add(ballotId)} and tracker in (${p.list(keys.trackers)})`);
    }
  }
  if (keys.paperIds.length) {
    parts.push(`select 'paper' as kind, id as key, digest as extra from paper where ballot_id = ${p.add(ballotId)} and id in (${p.list(keys.paperIds)})`);
  }
  return (await trx.executeQuery<TakenKey>(CompiledQuery.raw(parts.join(' union all '), p.values))).rows;
}
