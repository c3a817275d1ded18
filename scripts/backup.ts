import { chmodSync, closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { DB_FILE_NAME } from '../server/db/database.ts';

// `npm run backup -- --out FILE [--data-dir DIR]`: a consistent copy of the live database, taken while the
// server runs, through SQLite's online backup API. The copy is one self-contained file (no -wal beside it).
// Exit 0: FILE is a complete, checked copy. Exit 1: the backup failed (nothing is left at FILE).
// Exit 2: bad arguments, FILE already exists, or there is no database under DIR.

const USAGE = 'usage: npm run backup -- --out FILE [--data-dir DIR]\n  FILE  where the copy goes (must not exist yet)\n  DIR   the data directory (default: $DATA_DIR or ./data)';

interface Args {
  out: string;
  source: string;
}

function parse(argv: string[]): Args | string {
  let values: { out?: string | undefined; 'data-dir'?: string | undefined };
  try {
    ({ values } = parseArgs({ args: argv, options: { out: { type: 'string' }, 'data-dir': { type: 'string' } }, strict: true, allowPositionals: false }));
  } catch (err) {
    return (err as Error).message;
  }
  if (!values.out) return 'missing --out FILE';
  const out = path.resolve(values.out);
  const source = path.join(path.resolve(values['data-dir'] ?? process.env.DATA_DIR ?? './data'), DB_FILE_NAME);
  if (!existsSync(source)) return `no database at ${source}`;
  // Never overwrite: an older good backup, or the live database itself, must not be replaced by accident.
  if (existsSync(out)) return `${out} already exists; choose a new name`;
  if (!existsSync(path.dirname(out))) return `the directory ${path.dirname(out)} does not exist`;
  return { out, source };
}

function fsyncPath(file: string): void {
  const fd = openSync(file, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

async function backup({ out, source }: Args): Promise<void> {
  // Written under a temporary name and renamed when complete and checked, so FILE is never a partial copy.
  const partial = `${out}.partial-${process.pid}`;
  // The copy holds what the database does (sessions, device tokens' hashes, papers): readable by this user alone,
  // 0600 as in DATA_DIR (issue 12) whatever the umask — made empty with that mode before a byte is copied into it.
  closeSync(openSync(partial, 'wx', 0o600));
  chmodSync(partial, 0o600);
  const live = new BetterSqlite3(source, { fileMustExist: true });
  try {
    live.pragma('busy_timeout = 5000');
    // All pages in one step: the copy is one read snapshot of the database (WAL included), taken without
    // blocking the server's writers. Small steps would restart whenever the server commits in between.
    await live.backup(partial, { progress: () => 0x7fffffff });
  } catch (err) {
    rmSync(partial, { force: true });
    throw err;
  } finally {
    live.close();
  }

  const copy = new BetterSqlite3(partial, { fileMustExist: true });
  try {
    // The copy inherits WAL mode from the live file; rollback-journal mode makes it one file to carry around.
    // The server turns WAL back on when it opens a restored copy.
    copy.pragma('journal_mode = DELETE');
    const check = copy.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new Error(`the copy fails PRAGMA integrity_check: ${String(check)}`);
  } catch (err) {
    copy.close();
    rmSync(partial, { force: true });
    throw err;
  }
  copy.close();
  fsyncPath(partial);
  renameSync(partial, out);
  fsyncPath(path.dirname(out));
}

async function main(argv: string[]): Promise<number> {
  const args = parse(argv);
  if (typeof args === 'string') {
    console.error(`backup: ${args}\n${USAGE}`);
    return 2;
  }
  try {
    await backup(args);
  } catch (err) {
    console.error(`backup FAILED: ${(err as Error).message}`);
    return 1;
  }
  console.log(`backup of ${args.source} written to ${args.out} (${statSync(args.out).size} bytes, integrity ok)`);
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
