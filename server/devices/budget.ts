import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { isPostgres } from '../db/engine.ts';
import { newId } from '../ids.ts';

/** Which of the two network-wide budgets an attempt was counted against (server/devices/guard.ts). */
export type BudgetKind = 'main' | 'reserve';

/** One code attempt still counted as wrong: when (ms), from which address, against which budget. */
export interface CountedAttempt {
  at: number;
  address: string;
  budget: BudgetKind;
}

/** How long (ms) counted attempts are kept after their window, for the console's warning: 10 minutes. */
export const ATTEMPT_HISTORY_MS = 10 * 60_000;

/**
 * A network-wide budget of wrong pairing codes: at most `max` attempts counted in any `windowMs` (a sliding
 * window). `take(address)` counts an attempt before its code is checked (a burst is counted as it arrives) and
 * gives a ticket, or null when the budget is spent; `giveBack(ticket)` takes the attempt back when its code proved
 * right. `recent(since)` lists the attempts still counted (wrong codes) at or after `since` (ms, at most
 * ATTEMPT_HISTORY_MS ago), oldest first.
 */
export interface WrongCodeBudget {
  /** Counts one attempt from `address`; null when `max` were already counted in the window (nothing counted then). */
  take(address: string): Promise<string | null>;
  /** Forgets the attempt `ticket` counted (its code was right). */
  giveBack(ticket: string): Promise<void>;
  /** The attempts counted (and not given back) since `since` (ms), oldest first. */
  recent(since: number): Promise<CountedAttempt[]>;
}

/**
 * The budget `kind` in this process's memory: right for SQLite, which one process serves. Throws nothing.
 */
export function memoryBudget(kind: BudgetKind, max: number, windowMs: number, now: () => number): WrongCodeBudget {
  let attempts: (CountedAttempt & { id: string })[] = [];
  let next = 0;
  const prune = (at: number) => {
    if (attempts.length > 0 && attempts[0]!.at <= at - ATTEMPT_HISTORY_MS) attempts = attempts.filter((a) => a.at > at - ATTEMPT_HISTORY_MS);
  };
  return {
    async take(address) {
      const at = now();
      prune(at);
      if (attempts.filter((a) => a.at > at - windowMs).length >= max) return null;
      const id = `${kind}-${++next}`;
      attempts.push({ id, at, address, budget: kind });
      return id;
    },
    async giveBack(ticket) {
      attempts = attempts.filter((a) => a.id !== ticket);
    },
    async recent(since) {
      prune(now());
      return attempts.filter((a) => a.at >= since).map(({ at, address, budget }) => ({ at, address, budget }));
    },
  };
}

/**
 * The budget `kind` in PostgreSQL's `pairing_attempt` table (column `budget`), shared by every process on the
 * database (README "Behind nginx", DESIGN §8): each attempt is a row, counted and inserted in one write transaction
 * (which PostgresKysely runs under the processes' shared write lock), so two processes never both take the last
 * attempt of the window. Rows are kept ATTEMPT_HISTORY_MS for the console's warning, then deleted as attempts come
 * (at most 10 windows' budget of rows). Times are `now()` ms, so the processes' clocks must agree (one machine, or
 * NTP). Throws the database's errors (the request then fails with 500 and counts nothing).
 */
export function postgresBudget(db: Kysely<Database>, kind: BudgetKind, max: number, windowMs: number, now: () => number): WrongCodeBudget {
  return {
    async take(address) {
      const at = now();
      const since = at - windowMs;
      const id = newId('pa');
      // db.transaction() on PostgreSQL first takes the write lock every piaojue process shares (WRITE_LOCK,
      // server/db/postgres.ts), and each statement then sees what was committed before it was granted: no two
      // processes count the same 19 and both insert the 20th.
      return db.transaction().execute(async (trx) => {
        await trx.deleteFrom('pairing_attempt').where('at', '<=', at - ATTEMPT_HISTORY_MS).execute();
        const { n } = await trx
          .selectFrom('pairing_attempt')
          .select((eb) => eb.fn.countAll<string | number>().as('n'))
          .where('budget', '=', kind)
          .where('at', '>', since)
          .executeTakeFirstOrThrow();
        if (Number(n) >= max) return null;
        await trx.insertInto('pairing_attempt').values({ id, at, budget: kind, address }).execute();
        return id;
      });
    },
    async giveBack(ticket) {
      await db.deleteFrom('pairing_attempt').where('id', '=', ticket).execute();
    },
    async recent(since) {
      const rows = await db.selectFrom('pairing_attempt').select(['at', 'address', 'budget']).where('budget', '=', kind).where('at', '>=', since).orderBy('at').execute();
      return rows.map((r) => ({ at: Number(r.at), address: r.address, budget: r.budget === 'reserve' ? 'reserve' : 'main' }));
    },
  };
}

/** The budget `kind` for `db`'s engine: shared through the database on PostgreSQL, in memory on SQLite. */
export function wrongCodeBudget(db: Kysely<Database>, kind: BudgetKind, max: number, windowMs: number, now: () => number): WrongCodeBudget {
  return isPostgres(db) ? postgresBudget(db, kind, max, windowMs, now) : memoryBudget(kind, max, windowMs, now);
}
