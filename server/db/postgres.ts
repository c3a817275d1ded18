import {
  DataTypeNode,
  Kysely,
  OperationNodeTransformer,
  PostgresDialect,
  sql,
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
//   several processes and a pool run them at once: every transaction is SERIALIZABLE and retried when PostgreSQL
//   reports a serialisation failure or a deadlock, so the read-check-write commands behave as on SQLite;
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

function isRetryable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === SERIALIZATION_FAILURE || code === DEADLOCK;
}

/**
 * Runs `attempt` until it does not fail with a serialisation failure or deadlock (at most MAX_ATTEMPTS times,
 * with a growing random pause of a few milliseconds between tries). Rethrows anything else, and the last
 * retryable error once the attempts are spent.
 */
export async function retrySerializable<T>(attempt: () => Promise<T>): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      if (!isRetryable(error) || n >= MAX_ATTEMPTS) throw error;
      await new Promise((r) => setTimeout(r, Math.random() * 5 * n));
    }
  }
}

/**
 * Kysely over PostgreSQL whose `transaction()` is SERIALIZABLE and retried (retrySerializable): a transaction's
 * callback must therefore do nothing outside the database that cannot be done twice — the commands already keep
 * their side effects (events, timers) after the commit.
 */
export class PostgresKysely<DB> extends Kysely<DB> {
  override transaction(): TransactionBuilder<DB> {
    const builder = super.transaction().setIsolationLevel('serializable');
    const execute = builder.execute.bind(builder);
    builder.execute = <T>(callback: Parameters<typeof execute<T>>[0]) => retrySerializable(() => execute(callback));
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
  const db = new PostgresKysely<Database>({ dialect: new PostgresDialect({ pool }), plugins: [new TypesForPostgres()] });
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
