import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditHash, GENESIS_HASH, type StoredAuditRow } from '../server/audit/chain.ts';
import { json, makeApp, type TestApp } from './helpers/app.ts';
import { checkInTablets, meetingWithTablets, openBallot, submitPaper, type Setup } from './helpers/factories.ts';
import { newKey, randomMarks, seeded } from './helpers/hall.ts';
import { run } from './helpers/process.ts';

// The anchored audit log (issue 12). With write access to a copy of the database one can delete or edit events
// and recompute the whole chain with the project's own hash: the plain walk then says intact. The head printed on
// the signed 表决结果报告 (and the public page) is kept outside the database; `audit:verify --expect SEQ:HASH`
// catches every such rewrite of what came before it.
let t: TestApp;
let root: string;
let pristine: string;
let first: { seq: number; hash: string };
let second: { seq: number; hash: string };
let publicHeads: { seq: number; hash: string; title: string }[];
const rnd = seeded(7);

async function announcedBallot(s: Setup): Promise<{ seq: number; hash: string }> {
  const id = await openBallot(t, s);
  for (const token of s.tokens) expect((await submitPaper(t, token, id, { key: newKey(rnd), marks: randomMarks(s.candidateIds, 10, rnd) })).statusCode).toBe(201);
  for (const step of ['close', 'announce']) {
    const res = await t.app.inject({ method: 'POST', url: `/api/ballots/${id}/${step}`, payload: {}, headers: { cookie: s.cookie } });
    expect(res.statusCode, res.body).toBe(200);
  }
  const { anchor } = json(await t.app.inject({ method: 'GET', url: `/api/ballots/${id}/anchor`, headers: { cookie: s.cookie } }));
  return anchor;
}

beforeAll(async () => {
  t = await makeApp();
  const s = await meetingWithTablets(t, 4);
  await checkInTablets(t, s.tokens);
  first = await announcedBallot(s);
  second = await announcedBallot(s);
  publicHeads = json(await t.app.inject({ method: 'GET', url: '/api/public/audit-heads' })).heads;
  await t.app.close();
  await t.opened.db.destroy();
  root = mkdtempSync(path.join(tmpdir(), 'piaojue-anchor-'));
  pristine = t.opened.file;
}, 60_000);
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(t.dir, { recursive: true, force: true });
});

let copies = 0;
/** A copy of the database, rewritten by `sql`; `rechain` then recomputes every hash as the project would. */
function rewrittenCopy(sql: string, rechain: boolean): string {
  const dir = path.join(root, `copy-${++copies}`);
  mkdirSync(dir);
  copyFileSync(pristine, path.join(dir, 'piaojue.db'));
  const db = new BetterSqlite3(path.join(dir, 'piaojue.db'));
  db.exec('drop trigger if exists audit_event_no_update; drop trigger if exists audit_event_no_delete;');
  db.exec(sql);
  if (rechain) {
    const rows = db.prepare('select * from audit_event order by seq').all() as StoredAuditRow[];
    db.exec('delete from audit_event');
    const insert = db.prepare('insert into audit_event values (@seq, @at, @actor, @action, @meeting_id, @ballot_id, @detail, @prev_hash, @hash)');
    let prev = GENESIS_HASH;
    rows.forEach((row, i) => {
      const seq = i + 1;
      const hash = auditHash(prev, { seq, at: row.at, actor: row.actor, action: row.action, meetingId: row.meeting_id, ballotId: row.ballot_id, detail: row.detail });
      insert.run({ ...row, seq, prev_hash: prev, hash });
      prev = hash;
    });
  }
  db.close();
  return dir;
}
const verify = (dir: string, ...heads: { seq: number; hash: string }[]) =>
  run(['--import', 'tsx', 'scripts/audit-verify.ts', '--data-dir', dir, ...heads.flatMap((h) => ['--expect', `${h.seq}:${h.hash}`])]);

describe('audit:verify --expect SEQ:HASH', () => {
  it('the heads are published without sign-in, newest first, as the report prints them', () => {
    expect(publicHeads.map((h) => [h.seq, h.hash, h.title])).toEqual([
      [second.seq, second.hash, '票决'],
      [first.seq, first.hash, '票决'],
    ]);
  });

  it('the intact log reaches both published heads and says how many events follow the latest', async () => {
    const out = await verify(path.dirname(pristine), first, second);
    expect(out.code, out.stderr).toBe(0);
    // The announcement promotes the winners to tracked projects after the announce event: those follow the head.
    expect(out.stdout).toMatch(/reaches all 2 published heads; [1-9]\d* event\(s\) after the latest, covered by no published head yet/);
    expect(second.seq).toBeGreaterThan(first.seq + 3);
  });

  it('deleting an event before the head: caught, rechained or not', async () => {
    const sql = `delete from audit_event where action = 'check_in.tablet' and seq = (select min(seq) from audit_event where action = 'check_in.tablet')`;
    const plain = await verify(rewrittenCopy(sql, false), first);
    expect(plain.code).toBe(1);
    const dir = rewrittenCopy(sql, true);
    expect((await verify(dir)).code, 'the rechained copy passes the plain walk').toBe(0);
    const out = await verify(dir, first);
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(new RegExp(`audit log BROKEN at event ${first.seq}: event ${first.seq} has hash [0-9a-f]{64}, but the published head says ${first.hash}`));
  });

  it('editing an event before the head, then rechaining with the project\'s own hash: caught', async () => {
    const dir = rewrittenCopy(`update audit_event set actor = 'staff:nobody' where seq = 3`, true);
    expect((await verify(dir)).code).toBe(0);
    const out = await verify(dir, first);
    expect(out.code).toBe(1);
    expect(out.stderr).toContain('the log was rewritten up to it');
  });

  it('cutting events off the end: caught against every head the log no longer reaches', async () => {
    const dir = rewrittenCopy(`delete from audit_event where seq >= ${first.seq - 1}`, false);
    expect((await verify(dir)).code, 'a truncated chain is intact in itself').toBe(0);
    const out = await verify(dir, first);
    expect(out.code).toBe(1);
    expect(out.stderr).toContain(`the log ends at event ${first.seq - 2} and no longer reaches the published head ${first.seq}`);
    // Cut after the first head: the first head alone cannot see it (nothing after it was published then); the
    // next published head does — which is why verifying takes the latest one.
    const later = rewrittenCopy(`delete from audit_event where seq > ${first.seq + 2}`, false);
    expect((await verify(later, first)).code).toBe(0);
    expect((await verify(later, first, second)).code).toBe(1);
  });

  it('rechaining after an earlier head only: the later head catches it; a bad --expect is exit 2', async () => {
    const dir = rewrittenCopy(`delete from audit_event where seq = ${first.seq + 3}`, true);
    expect((await verify(dir, first)).code).toBe(0);
    const out = await verify(dir, second);
    expect(out.code).toBe(1);
    expect(out.stderr).toContain(`audit log BROKEN at event ${second.seq}: event ${second.seq} has hash`);
    const bad = await run(['--import', 'tsx', 'scripts/audit-verify.ts', '--data-dir', dir, '--expect', '12:abc']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('not SEQ:HASH');
  });
});
