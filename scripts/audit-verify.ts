import path from 'node:path';
import { parseArgs } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { parseHead, verifyAgainstHeads, type ExpectedHead, type StoredAuditRow } from '../server/audit/chain.ts';
import { databaseUrlFrom, DB_FILE_NAME } from '../server/db/database.ts';
import { openPostgres } from '../server/db/postgres.ts';

const USAGE = 'usage: npm run audit:verify -- [--data-dir DIR] [--expect SEQ:HASH]…';

// `npm run audit:verify [-- --data-dir DIR] [--expect SEQ:HASH …]`: walks the audit log's hash chain, and checks
// that it still reaches every head given (printed on a signed 表决结果报告, shown on the public page) unchanged.
// Exit 0: intact. Exit 1: the first broken event or the missed head is named. Exit 2: no database or bad arguments.
// With DATABASE_URL set (postgres://…) the log is read from PostgreSQL instead of the SQLite file under DATA_DIR.
async function main(): Promise<number> {
  let dataDir: string;
  const heads: ExpectedHead[] = [];
  try {
    const { values } = parseArgs({ options: { 'data-dir': { type: 'string' }, expect: { type: 'string', multiple: true } }, strict: true });
    dataDir = path.resolve(values['data-dir'] ?? process.env.DATA_DIR ?? './data');
    for (const text of values.expect ?? []) {
      const head = parseHead(text);
      if (!head) throw new Error(`--expect ${text}: not SEQ:HASH (an event number, a colon, 64 hex digits)`);
      heads.push(head);
    }
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  let databaseUrl: string | undefined;
  try {
    databaseUrl = databaseUrlFrom(process.env.DATABASE_URL);
  } catch (err) {
    console.error((err as Error).message);
    return 2;
  }
  if (databaseUrl) {
    const { db, where } = openPostgres(databaseUrl, 1);
    try {
      let rows: StoredAuditRow[];
      try {
        rows = await db.selectFrom('audit_event').selectAll().orderBy('seq').execute();
      } catch (err) {
        console.error(`cannot read the audit log from ${where}: ${(err as Error).message}`);
        return 2;
      }
      return report(verifyAgainstHeads(rows, heads), heads);
    } finally {
      await db.destroy();
    }
  }
  const file = path.join(dataDir, DB_FILE_NAME);
  let sqlite: BetterSqlite3.Database;
  try {
    sqlite = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  } catch (err) {
    console.error(`cannot open ${file}: ${(err as Error).message}`);
    return 2;
  }
  try {
    const rows = sqlite.prepare('select * from audit_event order by seq').iterate() as Iterable<StoredAuditRow>;
    return report(verifyAgainstHeads(rows, heads), heads);
  } finally {
    sqlite.close();
  }
}

/** Prints the verdict; returns the exit code (0 intact, 1 broken). */
function report(verdict: ReturnType<typeof verifyAgainstHeads>, heads: readonly ExpectedHead[]): number {
  if (verdict.ok) {
    console.log(`audit log intact: ${verdict.events} events, head ${verdict.events}:${verdict.head}`);
    if (heads.length) {
      console.log(`reaches ${heads.length === 1 ? 'the published head' : `all ${heads.length} published heads`}; ${verdict.after ?? 0} event(s) after the latest, covered by no published head yet`);
    }
    return 0;
  }
  console.error(`audit log BROKEN at event ${verdict.brokenAt}: ${verdict.reason}`);
  return 1;
}

process.exitCode = await main();
