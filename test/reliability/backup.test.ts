import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/database.ts';
import { newKey, pairTablets, randomMarks, seeded, setUpQinshui } from '../helpers/hall.ts';
import { Http } from '../helpers/http.ts';
import { run, startServer, type ServerProcess } from '../helpers/process.ts';

// `npm run backup` against a running server while tablets keep sending papers: the copy is sound, holds every
// paper acknowledged before the backup began, is one consistent moment (each paper with its cast), and a
// server started on it — the README's restore steps — comes up with the ballot as the copy has it.

const dirs: string[] = [];
const servers: ServerProcess[] = [];
afterAll(async () => {
  for (const s of servers) await s.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'piaojue-backup-'));
  dirs.push(dir);
  return dir;
}

const backup = (...args: string[]) => run(['--import', 'tsx', 'scripts/backup.ts', ...args]);

it('copies the live database while papers keep arriving', async () => {
  const dir = tempDir();
  const dataDir = path.join(dir, 'data');
  const server = await startServer({ dataDir });
  servers.push(server);
  const http = new Http(server.url);
  await http.login('admin', 'test-admin-password');
  const hall = await setUpQinshui(http, 300);
  const tokens = await pairTablets(http, hall.meetingId, hall.deputies.map((d) => d.id));
  for (const token of tokens) expect((await http.post('/api/deputy/check-in', {}, token)).status).toBe(201);
  const created = await http.post(`/api/meetings/${hall.meetingId}/ballots`, { title: '票决', seats: 10, durationSeconds: 600 });
  const ballotId: string = created.body.ballot.id;
  expect((await http.post(`/api/ballots/${ballotId}/open`)).status).toBe(200);

  // Two tablets at a time send their papers, a few milliseconds apart, until every tablet has voted.
  const rnd = seeded(11);
  const acks: { paperId: string; at: number }[] = [];
  let next = 0;
  const sender = async () => {
    while (next < tokens.length) {
      const token = tokens[next++]!;
      const res = await http.post(`/api/deputy/ballots/${ballotId}/papers`, { key: newKey(rnd), marks: randomMarks(hall.candidateIds, 10, rnd) }, token);
      expect(res.status).toBe(201);
      // A secret ballot's receipt is its tracker: the envelope, not yet a paper, is what the copy must hold.
      acks.push({ paperId: res.body.receipt.tracker as string, at: performance.now() });
      await new Promise((r) => setTimeout(r, 8));
    }
  };
  const sending = Promise.all([sender(), sender()]);
  while (acks.length < 40) await new Promise((r) => setTimeout(r, 5));

  const out = path.join(dir, 'copy.db');
  const startedAt = performance.now();
  const result = await backup('--out', out, '--data-dir', dataDir);
  const endedAt = performance.now();
  await sending;
  expect(result.code, result.stderr).toBe(0);
  expect(result.stdout).toContain('integrity ok');

  const before = acks.filter((a) => a.at < startedAt);
  const during = acks.filter((a) => a.at >= startedAt && a.at <= endedAt);
  // The backup ran while the server was committing papers, not in a quiet moment.
  expect(during.length).toBeGreaterThan(0);

  const copy = new BetterSqlite3(out, { readonly: true, fileMustExist: true });
  let copied: number;
  try {
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    // One self-contained file, not a WAL database that needs its -wal beside it.
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    const papers = new Set((copy.prepare('select tracker as id from envelope where ballot_id = ?').all(ballotId) as { id: string }[]).map((r) => r.id));
    const missing = before.filter((a) => !papers.has(a.paperId));
    expect(missing, `${missing.length} of ${before.length} acknowledged papers are not in the copy`).toEqual([]);
    // A consistent moment: every paper in the copy with its cast, and no cast without its paper.
    const casts = (copy.prepare('select count(*) as n from "cast" where ballot_id = ?').get(ballotId) as { n: number }).n;
    expect(casts).toBe(papers.size);
    copied = papers.size;
  } finally {
    copy.close();
  }
  expect(readdirSync(dir).filter((f) => f.startsWith('copy.db'))).toEqual(['copy.db']);

  // Restore, as the README says: a data directory holding only the copy as piaojue.db, then start.
  const restored = path.join(dir, 'restored');
  mkdirSync(restored);
  copyFileSync(out, path.join(restored, 'piaojue.db'));
  const verify = await run(['--import', 'tsx', 'scripts/audit-verify.ts', '--data-dir', restored]);
  expect(verify.code, verify.stderr).toBe(0);
  await server.stop();
  const again = await startServer({ dataDir: restored });
  servers.push(again);
  const http2 = new Http(again.url);
  await http2.login('admin', 'test-admin-password');
  const ballot = await http2.get(`/api/ballots/${ballotId}`);
  expect(ballot.body.ballot.status).toBe('open');
  expect(ballot.body.voted).toBe(copied);
  await again.stop();
}, 120_000);

describe('exit codes', () => {
  it('2 for bad arguments, an existing FILE or no database; 1 when the copy fails, leaving nothing behind', async () => {
    const dir = tempDir();
    expect((await backup()).code).toBe(2);
    expect((await backup('--out')).code).toBe(2);
    expect((await backup('--out', path.join(dir, 'x.db'), '--bogus')).code).toBe(2);
    expect((await backup('--out', path.join(dir, 'x.db'), '--data-dir', path.join(dir, 'nowhere'))).code).toBe(2);
    expect((await backup('--out', path.join(dir, 'no', 'such', 'dir.db'), '--data-dir', dir)).code).toBe(2);

    const dataDir = path.join(dir, 'data');
    mkdirSync(dataDir);
    writeFileSync(path.join(dataDir, 'piaojue.db'), 'this is not a database '.repeat(200));
    const existing = path.join(dir, 'existing.db');
    writeFileSync(existing, 'an older backup');
    const refused = await backup('--out', existing, '--data-dir', dataDir);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('already exists');

    const out = path.join(dir, 'out.db');
    const failed = await backup('--out', out, '--data-dir', dataDir);
    expect(failed.code, failed.stderr).toBe(1);
    expect(failed.stderr).toContain('backup FAILED');
    expect(readdirSync(dir).filter((f) => f.startsWith('out.db'))).toEqual([]);
    expect(existsSync(out)).toBe(false);
  });
});

it('the copy is 0600, as the database in DATA_DIR, whatever the umask', async () => {
  const dir = tempDir();
  const dataDir = path.join(dir, 'data');
  const { sqlite } = openDatabase(dataDir);
  sqlite.exec('create table t (x text); insert into t values (\'held\')');
  sqlite.close();
  const umask = process.umask(0o022); // the backup process inherits it
  try {
    const out = path.join(dir, 'copy.db');
    const result = await backup('--out', out, '--data-dir', dataDir);
    expect(result.code, result.stderr).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o600);
  } finally {
    process.umask(umask);
  }
});
