import type { Kysely } from 'kysely';
import { FailureThrottle } from '../auth/throttle.ts';
import type { Database } from '../db/schema.ts';
import { isPostgres } from '../db/engine.ts';
import { newId } from '../ids.ts';

/**
 * The network-wide budget of wrong pairing codes: at most `max` attempts counted in any `windowMs` (a sliding
 * window). `take()` counts an attempt before its code is checked (a burst is counted as it arrives) and gives a
 * ticket, or null when the budget is spent; `giveBack(ticket)` takes the attempt back when its code proved right.
 */
export interface WrongCodeBudget {
  /** Counts one attempt; null when `max` attempts were already counted in the window (nothing is counted then). */
  take(): Promise<string | null>;
  /** Forgets the attempt `ticket` counted (its code was right). */
  giveBack(ticket: string): Promise<void>;
}

/**
 * The budget in this process's memory: right for SQLite, which one process serves. Throws nothing.
 */
export function memoryBudget(max: number, windowMs: number, now: () => number): WrongCodeBudget {
  const throttle = new FailureThrottle(max, windowMs, now);
  return {
    async take() {
      if (throttle.isLocked('*')) return null;
      throttle.fail('*');
      return '*';
    },
    async giveBack() {
      throttle.forgive('*');
    },
  };
}

/**
 * The budget in PostgreSQL's `pairing_attempt` table, shared by every process on the database (README "Behind
 * nginx", DESIGN §8): each attempt is a row, counted and inserted in one write transaction (which PostgresKysely
 * runs under the processes' shared write lock), so two processes never both take the last attempt of the window.
 * Rows older than the window are deleted as attempts come. Times are `now()` ms, so the processes' clocks must
 * agree (one machine, or NTP).
 * Throws the database's errors (the request then fails with 500 and counts nothing).
 */
export function postgresBudget(db: Kysely<Database>, max: number, windowMs: number, now: () => number): WrongCodeBudget {
  return {
    async take() {
      const at = now();
      const since = at - windowMs;
      const id = newId('pa');
      // db.transaction() on PostgreSQL first takes the write lock every piaojue process shares (WRITE_LOCK,
      // server/db/postgres.ts), and each statement then sees what was committed before it was granted: no two
      // processes count the same 19 and both insert the 20th.
      return db.transaction().execute(async (trx) => {
        await trx.deleteFrom('pairing_attempt').where('at', '<=', since).execute();
        const { n } = await trx
          .selectFrom('pairing_attempt')
          .select((eb) => eb.fn.countAll<string | number>().as('n'))
          .where('at', '>', since)
          .executeTakeFirstOrThrow();
        if (Number(n) >= max) return null;
        await trx.insertInto('pairing_attempt').values({ id, at }).execute();
        return id;
      });
    },
    async giveBack(ticket) {
      await db.deleteFrom('pairing_attempt').where('id', '=', ticket).execute();
    },
  };
}

/** The budget for `db`'s engine: shared through the database on PostgreSQL, in memory on SQLite. */
export function wrongCodeBudget(db: Kysely<Database>, max: number, windowMs: number, now: () => number): WrongCodeBudget {
  return isPostgres(db) ? postgresBudget(db, max, windowMs, now) : memoryBudget(max, windowMs, now);
}
