import { AsyncLocalStorage } from 'node:async_hooks';
import {
  CompiledQuery,
  DataTypeNode,
  Kysely,
  OperationNodeTransformer,
  PostgresDialect,
  PostgresDriver,
  type DatabaseConnection,
  type Driver,
  type PostgresDialectConfig,
  sql,
  type TransactionSettings,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type TransactionBuilder,
  type UnknownRow,
} from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';

// PostgreSQL as the store (DESIGN §8, issue 18): the same queries and migrations as on SQLite. Three differences
// are absorbed here so the rest of the code need not know:
// - types: SQLite's `integer` is 64-bit and `real` is a double; PostgreSQL's are 32-bit and single precision.
//   Times are milliseconds since the epoch, so every `integer` column becomes `bigint`, `real` becomes
//   `double precision`, `blob` becomes `bytea` (TypesForPostgres), and bigint values come back as numbers;
// - concurrency: on SQLite one process holds one connection, so transactions run one at a time. On PostgreSQL
//   several processes and a pool would run them at once: every transaction first takes one advisory lock, so they
//   still run one at a time across all processes, and the read-check-write commands behave as on SQLite — except
//   the paper batches, which hold it shared and run side by side, their races settled by constraints;
// - text order: SQLite compares text bytewise; the database must use the C collation to sort the same.

const SERIALIZATION_FAILURE = '40001';
const DEADLOCK = '40P01';
const MAX_ATTEMPTS = 12;

/** Column types as migrations write them (SQLite's names) → PostgreSQL's, with the same range and precision. */
const TYPE_MAP: Record<string, DataTypeNode['dataType']> = { integer: 'bigint', real: 'double precision', blob: 'bytea' };

class TypesTransformer extends OperationNodeTransformer {
  protected override transformDataType(node: DataTypeNode): DataTypeNode {
    const mapped = TYPE_MAP[node.dataType];
    return mapped ? DataTypeNode.create(mapped) : node;
  }
}

/** A Kysely plugin mapping SQLite's column type names to PostgreSQL's (see TYPE_MAP). */
export class TypesForPostgres implements KyselyPlugin {
  private readonly transformer = new TypesTransformer();
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return this.transformer.transformNode(args.node);
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

/** int8 and numeric come back from pg as strings; every value we store fits a double exactly, so numbers. */
function parseNumber(text: string): number {
  const n = Number(text);
  if (!Number.isFinite(n) || (Number.isInteger(n) && !Number.isSafeInteger(n))) throw new Error(`a number out of range came back from PostgreSQL: ${text}`);
  return n;
}
const INT8_OID = 20;
const NUMERIC_OID = 1700;
const pgTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID || oid === NUMERIC_OID ? parseNumber : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

const UNIQUE_VIOLATION = '23505';
const MAX_UNIQUE_ATTEMPTS = 3;

/**
 * Serialisation failures and deadlocks are retried; so, a few times, is a unique violation: when two processes
 * insert the same key (a resend's cast or envelope, the first admin) after each read that it was absent,
 * PostgreSQL may report the loser's insert as a unique violation rather than a serialisation failure. Run again,
 * the transaction reads the winner's row and decides as on one process (a duplicate, a 409). The code relies on no
 * unique violation as an answer, so a genuine one still surfaces after `uniqueAttempts` attempts.
 */
function isRetryable(error: unknown, attempt: number, uniqueAttempts: number): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === SERIALIZATION_FAILURE || code === DEADLOCK || (code === UNIQUE_VIOLATION && attempt < uniqueAttempts);
}

/**
 * Runs `attempt` until it does not fail with a serialisation failure, deadlock or unique violation (at most
 * MAX_ATTEMPTS times, a unique violation at most `uniqueAttempts` times, default 3; with a growing random pause
 * of a few milliseconds between tries). Rethrows anything else, and the last retryable error once the attempts
 * are spent.
 */
export async function retrySerializable<T>(attempt: () => Promise<T>, uniqueAttempts = MAX_UNIQUE_ATTEMPTS): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      if (!isRetryable(error, n, uniqueAttempts) || n >= MAX_ATTEMPTS) throw error;
      await new Promise((r) => setTimeout(r, Math.random() * 5 * n));
    }
  }
}

/**
 * The advisory lock every write transaction takes first (pg_advisory_xact_lock, released at commit or rollback).
 * The number is arbitrary but fixed: every piaojue process on the database must use the same.
 */
export const WRITE_LOCK = 0x70696175; // 'piau'

/** How a transaction holds WRITE_LOCK: alone (every command), or beside other paper batches (see sharedTransaction). */
type WriteLockMode = 'exclusive' | 'shared';

/** The statement taking WRITE_LOCK in `mode`. */
const lockStatement = (mode: WriteLockMode) => `select ${mode === 'shared' ? 'pg_advisory_xact_lock_shared' : 'pg_advisory_xact_lock'}(${WRITE_LOCK})`;

/**
 * The transaction PostgresKysely is beginning: its WRITE_LOCK mode; `begun` once a driver began a transaction for
 * it (a state serves one `begin` only); `locked` when that `begin` took the lock too. Its callback runs outside it.
 */
const beginning = new AsyncLocalStorage<{ mode: WriteLockMode; begun: boolean; locked: boolean }>();

/**
 * Kysely's PostgreSQL driver, except that a transaction begun by PostgresKysely takes WRITE_LOCK in the same
 * round trip as its `begin`: one simple-protocol query, `begin; select pg_advisory_xact_lock…(WRITE_LOCK)`. A
 * paper batch waits for PostgreSQL once less (docs/performance.md, issue 18: each round trip of the first batch
 * queued behind the event loop's parsing of the papers arriving meanwhile). Any other transaction begins as
 * Kysely begins it (PostgresKysely's own, over another driver, take the lock as their first statement instead).
 * Should the lock fail after the `begin` (a lock_timeout, a cancel), the transaction is rolled back here, since
 * Kysely rolls back only a transaction whose begin succeeded: the pool never gets back a connection inside an
 * aborted transaction. Throws what PostgreSQL throws.
 */
class WriteLockingDriver extends PostgresDriver {
  override async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const state = beginning.getStore();
    if (!state || state.begun || settings.isolationLevel || settings.accessMode) return super.beginTransaction(connection, settings);
    state.begun = true;
    try {
      // No parameters: pg sends this as a simple query, which may hold several statements.
      await connection.executeQuery(CompiledQuery.raw(`begin; ${lockStatement(state.mode)}`));
    } catch (error) {
      await connection.executeQuery(CompiledQuery.raw('rollback')).catch(() => {});
      throw error;
    }
    state.locked = true;
  }
}

/** PostgresDialect with WriteLockingDriver. */
class WriteLockingDialect extends PostgresDialect {
  constructor(private readonly settings: PostgresDialectConfig) {
    super(settings);
  }
  override createDriver(): Driver {
    return new WriteLockingDriver(this.settings);
  }
}

/**
 * Kysely over PostgreSQL whose transactions run one at a time across every process on the database, as SQLite's
 * do within one: each begins by taking WRITE_LOCK, then reads and writes under READ COMMITTED, so each statement
 * sees everything committed before the lock was granted. The commands' read-check-write steps (is the ballot
 * still open? the audit chain's head) therefore behave exactly as on SQLite, and no command needs to know how
 * many processes there are. Reads outside a transaction run concurrently. A transaction that fails with a
 * serialisation failure, a deadlock or a unique violation is run again (retrySerializable): its callback must do
 * nothing outside the database that cannot be done twice — the commands keep events and timers after the commit.
 * (Every command appends to the one audit chain, so finer locks would still meet at its head.)
 *
 * The one exception is sharedTransaction, for the paper batches alone: they take WRITE_LOCK shared, so the
 * processes' batches run side by side, while every other transaction still waits for all of them and they for it.
 */
export class PostgresKysely<DB> extends Kysely<DB> {
  override transaction(): TransactionBuilder<DB> {
    return this.lockedTransaction('exclusive');
  }

  /**
   * A transaction holding WRITE_LOCK shared (pg_advisory_xact_lock_shared): it runs beside other shared ones, on
   * any process, and never beside an exclusive one (every other command), which waits for those in flight and
   * holds back those asked for after it. For a transaction that appends nothing to the audit chain, whose every
   * read-then-write is guarded by a unique constraint, and which reads what such transactions write in one
   * statement (one snapshot: under READ COMMITTED another may commit between two statements): of two racing
   * inserts of one key the second waits for the first's commit, fails with a unique violation and is run again
   * (retrySerializable), and then reads the winner's row. Its inserts must go in one global key order (sorted),
   * so two of them never wait on each other.
   * A unique violation is retried up to MAX_ATTEMPTS times, not MAX_UNIQUE_ATTEMPTS: each one means another batch
   * committed that key, so every retry makes progress, and a batch of a thousand papers can meet several
   * batches of the other process that each hold one of its resends.
   */
  sharedTransaction(): TransactionBuilder<DB> {
    return this.lockedTransaction('shared');
  }

  private lockedTransaction(mode: WriteLockMode): TransactionBuilder<DB> {
    const builder = super.transaction();
    const execute = builder.execute.bind(builder);
    // The lock is taken with the `begin` (WriteLockingDriver), or else as the transaction's first statement:
    // either way before the callback runs — outside `beginning`, so nothing it starts inherits the state.
    // (setIsolationLevel / setAccessMode would make a builder without this execute: nothing uses them.)
    builder.execute = <T>(callback: Parameters<typeof execute<T>>[0]) =>
      retrySerializable(() => {
        const state = { mode, begun: false, locked: false };
        return beginning.run(state, () =>
          execute(async (trx) => {
            if (!state.locked) await sql.raw(lockStatement(mode)).execute(trx);
            return beginning.exit(() => callback(trx));
          }),
        );
      }, mode === 'shared' ? MAX_ATTEMPTS : MAX_UNIQUE_ATTEMPTS);
    return builder;
  }
}

export interface OpenedPostgres {
  db: Kysely<Database>;
  pool: pg.Pool;
  /** The URL without its password, for the start banner and logs. */
  where: string;
}

/** The URL as it may be shown: the password replaced by ***. */
export function redactUrl(url: string): string {
  // Not URL(): a socket URL (postgres://user@/db?host=/run/postgresql) has an empty host, which URL() refuses.
  return url.replace(/^(postgres(?:ql)?:\/\/[^:@/]*):[^@/]*@/, '$1:***@');
}

/**
 * Connects to PostgreSQL at `url` (postgres://user:password@host:port/db, or ?host=/socket/dir) through a pool
 * of `poolSize` connections. Nothing is checked until the first query (see checkPostgres).
 */
export function openPostgres(url: string, poolSize = 10): OpenedPostgres {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, types: pgTypes });
  // An idle client losing its server (a restart of PostgreSQL) must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  // Nor a client in use: a backend terminated mid-query (a restart, an admin, a pooler) rejects the query — its caller
  // hears of it — and the client then emits 'error' as well, which with no listener would end the process; the pool
  // drops the broken client when it is released.
  pool.on('connect', (client) => client.on('error', () => {}));
  const db = new PostgresKysely<Database>({ dialect: new WriteLockingDialect({ pool }), plugins: [new TypesForPostgres()] });
  return { db, pool, where: redactUrl(url) };
}

/**
 * Checks, before migrating, what the code relies on: the database answers and sorts text bytewise (collation C
 * or POSIX, as SQLite does). Throws Error with what to do otherwise.
 */
export async function checkPostgres(db: Kysely<any>): Promise<void> {
  // datlocprovider (PostgreSQL 15+): 'i' when ICU collates, whatever datcollate says; read through jsonb for 14.
  const { rows } = await sql<{ collate: string; provider: string | null }>`
    select datcollate as collate, to_jsonb(d) ->> 'datlocprovider' as provider from pg_database d where datname = current_database()`.execute(db);
  const collate = rows[0]?.provider === 'i' ? 'ICU' : (rows[0]?.collate ?? '');
  if (collate !== 'C' && collate !== 'POSIX') {
    throw new Error(
      `the database sorts text by the ${collate || 'unknown'} collation; piaojue needs C (text in bytewise order, as on SQLite). ` +
        "Create it with: createdb --template=template0 --encoding=UTF8 --locale=C <name>",
    );
  }
}
