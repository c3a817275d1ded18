import path from 'node:path';
import { parseArgs } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { verifyChain, type StoredAuditRow } from '../server/audit/chain.ts';
import { DB_FILE_NAME } from '../server/db/database.ts';

// `npm run audit:verify [-- --data-dir DIR]`: walks the audit log's hash chain.
// Exit 0: intact. Exit 1: the first broken event is named. Exit 2: no database or bad arguments.
function main(): number {
  let dataDir: string;
  try {
    const { values } = parseArgs({ options: { 'data-dir': { type: 'string' } }, strict: true });
    dataDir = path.resolve(values['data-dir'] ?? process.env.DATA_DIR ?? './data');
  } catch (err) {
    console.error(`${(err as Error).message}\nusage: npm run audit:verify -- [--data-dir DIR]`);
    return 2;
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
    const verdict = verifyChain(rows);
    if (verdict.ok) {
      console.log(`audit log intact: ${verdict.events} events, head ${verdict.head}`);
      return 0;
    }
    console.error(`audit log BROKEN at event ${verdict.brokenAt}: ${verdict.reason}`);
    return 1;
  } finally {
    sqlite.close();
  }
}

process.exitCode = main();
