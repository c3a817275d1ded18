import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { newKey, pairTablets, randomMarks, seeded, setUpQinshui } from './helpers/hall.ts';
import { Http } from './helpers/http.ts';
import { startPostgres, type PostgresCluster } from './helpers/postgres.ts';
import { startServer, type ServerProcess } from './helpers/process.ts';

const dirs: string[] = [];
let server: ServerProcess | undefined;
const started: ServerProcess[] = [];
let cluster: PostgresCluster | undefined;
afterAll(async () => {
  for (const s of started) await s.stop();
  await cluster?.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

// kill -9 in the middle of two open ballots: one whose deadline is still ahead, one whose deadline passes
// while the server is down. On restart the first is open with the same deadline and every acknowledged
// paper; the second was closed on start, with its papers tallied. On SQLite and on PostgreSQL.
describe.each(['sqlite', 'postgres'] as const)('on %s', (engine) => {
  it('restarts into the same state after kill -9', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'piaojue-restart-'));
    dirs.push(dir);
    const dataDir = path.join(dir, 'data');
    let env: Record<string, string> = {};
    if (engine === 'postgres') {
      cluster = await startPostgres();
      env = { DATABASE_URL: await cluster.createDatabase('restart') };
    }
    server = await startServer({ dataDir, env });
    started.push(server);
    let http = new Http(server.url);
    await http.login('admin', 'test-admin-password');
    const rnd = seeded(7);

    const setUp = async (durationSeconds: number) => {
      const hall = await setUpQinshui(http, 12);
      const tokens = await pairTablets(http, hall.meetingId, hall.deputies.map((d) => d.id));
      for (const t of tokens) await http.post('/api/deputy/check-in', {}, t);
      const b = await http.post(`/api/meetings/${hall.meetingId}/ballots`, { title: `票决 ${durationSeconds}s`, seats: 10, durationSeconds });
      const opened = await http.post(`/api/ballots/${b.body.ballot.id}/open`);
      expect(opened.status).toBe(200);
      return { hall, tokens, ballotId: b.body.ballot.id as string, deadlineAt: opened.body.ballot.deadlineAt as number };
    };
    // Two meetings (one open ballot per meeting): the long one is set up first, the short one last, so its
    // ten-second clock is already running while the long one's papers go in.
    const long = await setUp(600);
    const longPapers = long.tokens.slice(0, 8).map(() => ({ key: newKey(rnd), marks: randomMarks(long.hall.candidateIds, 10, rnd) }));
    const longAcks = await Promise.all(longPapers.map((p, i) => http.post(`/api/deputy/ballots/${long.ballotId}/papers`, p, long.tokens[i])));
    const short = await setUp(10);
    const shortAcks = await Promise.all(
      short.tokens.slice(0, 5).map((t) =>
        http.post(`/api/deputy/ballots/${short.ballotId}/papers`, { key: newKey(rnd), marks: randomMarks(short.hall.candidateIds, 10, rnd) }, t),
      ),
    );
    for (const r of [...longAcks, ...shortAcks]) expect(r.status).toBe(201);

    await server.kill9();
    const wait = short.deadlineAt - Date.now() + 300;
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));

    server = await startServer({ dataDir, env });
    started.push(server);
    http = new Http(server.url);
    await http.login('admin', 'test-admin-password');

    const longNow = await http.get(`/api/ballots/${long.ballotId}`);
    expect(longNow.body.ballot.status).toBe('open');
    expect(longNow.body.ballot.deadlineAt).toBe(long.deadlineAt);
    expect(longNow.body.voted).toBe(8);
    // A resend after the restart answers the original receipt, a different paper is refused, and the
    // tablets that had not voted still can.
    const resent = await http.post(`/api/deputy/ballots/${long.ballotId}/papers`, longPapers[0], long.tokens[0]);
    expect(resent.status).toBe(200);
    expect(resent.body.receipt).toEqual(longAcks[0]!.body.receipt);
    const second = await http.post(`/api/deputy/ballots/${long.ballotId}/papers`, { key: 'x'.repeat(20), marks: {} }, long.tokens[0]);
    expect(second.status).toBe(409);
    const late = await http.post(`/api/deputy/ballots/${long.ballotId}/papers`, { key: newKey(rnd), marks: {} }, long.tokens[9]);
    expect(late.status).toBe(201);

    const shortNow = await http.get(`/api/ballots/${short.ballotId}/tally`);
    expect(shortNow.status).toBe(200);
    expect(shortNow.body.ballot).toMatchObject({ status: 'closed', closeReason: 'deadline' });
    expect(shortNow.body.tally.papers.returned).toBe(5);
    const record = await http.get(`/api/ballots/${short.ballotId}/record`);
    const box = new Set(record.body.box as string[]);
    for (const r of shortAcks) expect(box.has(r.body.receipt.tracker)).toBe(true);
    expect(box.size).toBe(5);
  }, 90_000);
});
