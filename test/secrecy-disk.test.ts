import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { canonicalJson } from '../shared/canonical-json.ts';
import { randomMarks, seeded } from './helpers/hall.ts';
import { Http } from './helpers/http.ts';
import { run, startServer, type ServerProcess } from './helpers/process.ts';
import { linkByCommit, marksIn } from './helpers/wal-linker.ts';
import { castPaper } from './helpers/sealed.ts';
import { sealedHall } from './helpers/sealed-hall.ts';
import { tablet } from './helpers/ws.ts';

// DESIGN §5, attacked from the disk: copies of the data directory taken mid-ballot and after the close, and a
// backup taken mid-ballot, read by a WAL parser that links each commit's new cast to its new paper. With sealed
// envelopes it must link no deputy to marks better than chance, and find no plaintext marks while the ballot runs.

const DEPUTIES = 50;
let dir: string;
let server: ServerProcess | undefined;
afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Copies the whole data directory, as an attacker would: the database, its WAL and SHM, and every other file. */
function snapshot(dataDir: string, to: string): string[] {
  mkdirSync(to, { recursive: true });
  const files: string[] = [];
  for (const name of readdirSync(dataDir)) {
    const from = path.join(dataDir, name);
    if (!existsSync(from)) continue;
    if (statSync(from).isDirectory()) {
      files.push(...snapshot(from, path.join(to, name)));
      continue;
    }
    copyFileSync(from, path.join(to, name));
    files.push(path.join(to, name));
  }
  return files;
}

it('copies of the data directory and a backup taken mid-ballot link no deputy to marks', async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'piaojue-disk-'));
  const dataDir = path.join(dir, 'data');
  server = await startServer({ dataDir });
  const http = new Http(server.url);
  await http.login('admin', 'test-admin-password');
  // A real meeting: the chief scrutineer's key (made in the console, its secret half on the printed sheet only).
  // Without it the meeting is a training one whose ballot keys are escrowed to a file in this very directory.
  const hall = await sealedHall(http, DEPUTIES);
  const { tokens } = hall;
  const tabs = await Promise.all(tokens.map((t) => tablet(server!.url, t)));
  for (const [i, t] of tabs.entries()) {
    t.send({ type: 'checkIn', id: `c${i}` });
    await t.waitFor('checkedIn');
  }
  const ballotId = (await http.post(`/api/meetings/${hall.meetingId}/ballots`, { title: '票决', seats: 10, durationSeconds: 3600 })).body.ballot.id as string;
  await http.post(`/api/ballots/${ballotId}/open`);

  // Every deputy's marks differ, so a link names exactly one deputy.
  const rnd = seeded(11);
  const truth = new Map<string, string>();
  const seen = new Set<string>();
  const marksOf = hall.deputies.map(() => {
    for (;;) {
      const m = randomMarks(hall.candidateIds, 10, rnd);
      const text = canonicalJson(m);
      if (!seen.has(text) && Object.keys(m).length > 0) {
        seen.add(text);
        return m;
      }
    }
  });
  hall.deputies.forEach((d, i) => truth.set(d.id, canonicalJson(marksOf[i]!)));

  const mid: string[] = [];
  // One paper a commit: each waits for the receipt of the one before.
  for (const [i, t] of tabs.entries()) {
    await castPaper(t, ballotId, marksOf[i]!, `v${i}`);
    if (i === DEPUTIES / 2 - 1) {
      mid.push(...snapshot(dataDir, path.join(dir, 'mid')));
      const backup = path.join(dir, 'mid-backup.db');
      const res = await run(['--import', 'tsx', 'scripts/backup.ts', '--out', backup, '--data-dir', dataDir]);
      expect(res.code, res.stderr).toBe(0);
      mid.push(backup);
    }
  }
  const open = snapshot(dataDir, path.join(dir, 'open-end'));
  const closed = await http.post(`/api/ballots/${ballotId}/close`);
  expect(closed.status).toBe(200);
  const after = snapshot(dataDir, path.join(dir, 'after'));
  tabs.forEach((t) => t.close());

  const deputyIds = new Set(hall.deputies.map((d) => d.id));
  const correct = (wal: string) => linkByCommit(wal, deputyIds).filter((l) => truth.get(l.deputyId) === l.marks).length;
  const walsOpen = [...mid, ...open].filter((f) => f.endsWith('-wal'));
  expect(walsOpen.length).toBeGreaterThan(0);
  // Chance is one right guess in DEPUTIES per deputy; the linker must do no better than a guess or two.
  for (const wal of [...walsOpen, ...after.filter((f) => f.endsWith('-wal'))]) {
    expect(correct(wal), `${path.relative(dir, wal)} links deputies to marks`).toBeLessThanOrEqual(2);
  }
  // While the ballot is open nothing on disk holds marks in plain text: not the database, its WAL or SHM,
  // not the backup.
  for (const file of [...mid, ...open]) {
    expect(marksIn(readFileSync(file)), `${path.relative(dir, file)} holds plaintext marks`).toEqual([]);
  }
  // After the close the papers are there (in plain text, shuffled, in one commit) and still unlinkable.
  // No key that opens the envelopes was in any copy: a scrutineer-keyed meeting has no server escrow key.
  for (const file of [...mid, ...open, ...after]) expect(path.basename(file)).not.toBe('escrow-key.json');
  const afterText = after.map((f) => marksIn(readFileSync(f))).flat();
  expect(afterText.length).toBeGreaterThan(0);
}, 180_000);
