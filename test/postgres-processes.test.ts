import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newKey, pairTablets, randomMarks, seeded, setUpQinshui, type Hall } from './helpers/hall.ts';
import { Http, type Reply } from './helpers/http.ts';
import { startPostgres, type PostgresCluster } from './helpers/postgres.ts';
import { startServer, type ServerProcess } from './helpers/process.ts';
import { sealedRecordProblems } from './helpers/sealed.ts';
import { newKeyPair, sealReady } from '../shared/seal.ts';
import { WsClient } from './helpers/ws.ts';

// Two server processes on one PostgreSQL database (DESIGN §8, issue 18): both started at once (one migrates),
// tablets spread over both, consoles on each; presses on both consoles at once; one process killed with -9
// mid-ballot, its tablets resending to the other; every acknowledged paper counted once; events cross processes
// (LISTEN/NOTIFY); a deadline closes the ballot once, also when it passed while every process was down.
// 400: a county hall at its largest (DESIGN §8); ~3 minutes for the file on a busy 2-core machine.
const DEPUTIES = 400;

describe('two server processes on one PostgreSQL database', () => {
  let dir: string;
  let cluster: PostgresCluster;
  let env: Record<string, string>;
  let a: ServerProcess;
  let b: ServerProcess;
  let httpA: Http;
  let httpB: Http;
  let hall: Hall;
  let tokens: string[];
  const start = () => startServer({ dataDir: path.join(dir, 'data'), env });

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'piaojue-pg2-'));
    cluster = await startPostgres();
    env = { DATABASE_URL: await cluster.createDatabase('two_processes') };
    // Both at once: the migrator's advisory lock lets one migrate while the other waits.
    [a, b] = await Promise.all([start(), start()]);
    httpA = new Http(a.url);
    httpB = new Http(b.url);
    await httpA.login('admin', 'test-admin-password');
    await httpB.login('admin', 'test-admin-password');
    hall = await setUpQinshui(httpA, DEPUTIES);
    // Eight at a time: the pairing guard counts an attempt as a failure until its code proves right and lets ten
    // through per address, so batches of eight from the test's one address are never held back.
    tokens = await pairTablets(httpA, hall.meetingId, hall.deputies.map((d) => d.id), { concurrency: 8 });
    // Half the hall checks in on each process.
    const checkIns = await Promise.all(tokens.map((t, i) => (i % 2 ? httpB : httpA).post('/api/deputy/check-in', {}, t)));
    for (const r of checkIns) expect(r.status).toBe(201);
  }, 480_000);

  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await cluster?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const audit = async (http: Http, ballotId: string, action: string) =>
    ((await http.get(`/api/audit?ballotId=${ballotId}&action=${action}`)).body.events as { detail: Record<string, unknown> }[]);

  it('one ballot, presses on both consoles at once, a process killed mid-ballot: every acknowledged paper counted once', async () => {
    const conA = await WsClient.connect(a.url, { cookie: httpA.cookie! });
    conA.send({ type: 'hello', role: 'console', meetingId: hall.meetingId });
    const conB = await WsClient.connect(b.url, { cookie: httpB.cookie! });
    conB.send({ type: 'hello', role: 'console', meetingId: hall.meetingId });
    const display = await httpA.post(`/api/meetings/${hall.meetingId}/display-tokens`, { label: '主屏' });
    const projector = await WsClient.connect(b.url);
    projector.send({ type: 'hello', role: 'projector', token: display.body.token });
    await Promise.all([conA.waitFor('attendance'), conB.waitFor('attendance'), projector.waitFor('attendance')]);

    const created = await httpB.post(`/api/meetings/${hall.meetingId}/ballots`, { title: '两进程票决', seats: 10, durationSeconds: 600 });
    expect(created.status).toBe(201);
    const ballotId: string = created.body.ballot.id;

    // Both consoles press 打开 at once: exactly one opens it, the other is told it is open already.
    const opens = await Promise.all([httpA.post(`/api/ballots/${ballotId}/open`), httpB.post(`/api/ballots/${ballotId}/open`)]);
    expect(opens.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(opens.find((r) => r.status === 409)!.body.error.code).toBe('ballot_state');
    expect(await audit(httpA, ballotId, 'ballot.opened')).toHaveLength(1);
    // The console on the other process hears of it (NOTIFY), whichever process opened it.
    for (const c of [conA, conB]) await c.waitFor('ballot', (m) => m.ballot?.id === ballotId && m.ballot.status === 'open');

    // Both press 延长 60 s at once: both extensions apply, one after the other (serialisable, retried).
    const openedAt: number = opens.find((r) => r.status === 200)!.body.ballot.deadlineAt;
    const extends_ = await Promise.all([httpA.post(`/api/ballots/${ballotId}/extend`, { seconds: 60 }), httpB.post(`/api/ballots/${ballotId}/extend`, { seconds: 60 })]);
    expect(extends_.map((r) => r.status)).toEqual([200, 200]);
    expect(Math.max(...extends_.map((r) => r.body.ballot.deadlineAt as number))).toBe(openedAt + 120_000);

    const rnd = seeded(18);
    const papers = tokens.map(() => ({ key: newKey(rnd), marks: randomMarks(hall.candidateIds, 10, rnd) }));
    const url = `/api/deputy/ballots/${ballotId}/papers`;
    const send = (http: Http, i: number): Promise<Reply | null> => http.post(url, papers[i], tokens[i]).catch(() => null);
    const receipts = new Map<number, { ballotId: string; tracker?: string }>();
    const acknowledged = (i: number, r: Reply | null) => {
      if (!r || (r.status !== 200 && r.status !== 201)) return;
      const before = receipts.get(i);
      if (before) expect(r.body.receipt).toEqual(before); // a resend gets the very receipt the first answer gave
      receipts.set(i, r.body.receipt);
    };

    // Ten tablets send the same paper to both processes at once: one paper each, the same receipt twice.
    const both = await Promise.all(Array.from({ length: 10 }, (_, i) => Promise.all([send(httpA, i), send(httpB, i)])));
    both.forEach(([ra, rb], i) => {
      expect([ra!.status, rb!.status].sort()).toEqual([200, 201]);
      acknowledged(i, ra);
      acknowledged(i, rb);
    });
    await conA.waitFor('turnout', (m) => m.ballotId === ballotId && m.voted >= 10);

    // A comes back set to crash (kill -9 of itself) right after committing its second batch of papers, before
    // answering it: those papers are committed but unacknowledged, the ones behind them cut off.
    await a.stop();
    a = await startServer({ dataDir: path.join(dir, 'data'), env: { ...env, PIAOJUE_FAULT: 'paper-after-commit:2' } });
    httpA = new Http(a.url);
    await httpA.login('admin', 'test-admin-password');
    // The rest: even tablets on A, odd on B, all at once.
    const rest = Array.from({ length: DEPUTIES - 10 }, (_, k) => k + 10);
    const first = await Promise.all(
      rest.map(async (i) => {
        const r = await send(i % 2 === 0 ? httpA : httpB, i);
        acknowledged(i, r);
        return r;
      }),
    );
    await a.kill9(); // it has killed itself already
    expect(a.proc.signalCode).toBe('SIGKILL');
    const lost = rest.filter((_, k) => first[k] === null || first[k]!.status >= 300);
    expect(lost.length).toBeGreaterThan(0); // the kill did cut requests off
    // Every tablet of A reconnects to B and resends its paper, acknowledged or not: nothing doubles.
    for (const i of rest.filter((i) => i % 2 === 0)) acknowledged(i, await send(httpB, i));
    for (const i of lost.filter((i) => i % 2 === 1)) acknowledged(i, await send(httpB, i));
    // Every tablet ends with its receipt for this ballot (checked against the record below).
    expect(receipts.size).toBe(DEPUTIES);
    for (let i = 0; i < DEPUTIES; i++) expect(receipts.get(i)?.ballotId).toBe(ballotId);

    // Closed from the surviving console, pressed twice at once: one close, one 409.
    const closes = await Promise.all([httpB.post(`/api/ballots/${ballotId}/close`), httpB.post(`/api/ballots/${ballotId}/close`)]);
    expect(closes.map((r) => r.status).sort()).toEqual([200, 409]);
    await conB.waitFor('ballotStatus', (m) => m.ballotId === ballotId && m.status === 'closed');
    const { body } = await httpB.get(`/api/ballots/${ballotId}/tally`);
    expect(body.tally.papers).toEqual({ returned: DEPUTIES, valid: DEPUTIES, invalid: 0 });
    expect((await httpB.post(`/api/ballots/${ballotId}/announce`)).status).toBe(200);
    const results = await projector.waitFor('results', (r) => r.ballotId === ballotId);
    expect(results.tally).toEqual(body.tally);
    const record = await httpB.get(`/api/ballots/${ballotId}/record`);
    expect(sealedRecordProblems(record.body, [...receipts.values()], papers.map((p) => p.marks))).toEqual([]);
    expect(await audit(httpB, ballotId, 'ballot.closed')).toHaveLength(1);
    expect((await httpB.get('/api/audit/verify')).body).toMatchObject({ ok: true });
    for (const c of [conA, conB, projector]) c.close();
  }, 480_000);

  it('a deadline closes the ballot exactly once, also when it passed while every process was down', async () => {
    a = await start();
    httpA = new Http(a.url);
    await httpA.login('admin', 'test-admin-password');
    const conB = await WsClient.connect(b.url, { cookie: httpB.cookie! });
    conB.send({ type: 'hello', role: 'console', meetingId: hall.meetingId });
    await conB.waitFor('attendance');

    // Opened on A, due in 10 s: both processes arm a timer; one closes, the other finds it closed.
    const one = (await httpA.post(`/api/meetings/${hall.meetingId}/ballots`, { title: '限时', seats: 10, durationSeconds: 10 })).body.ballot.id as string;
    expect((await httpA.post(`/api/ballots/${one}/open`)).status).toBe(200);
    await conB.waitFor('ballotStatus', (m) => m.ballotId === one && m.status === 'closed', 30_000);
    await new Promise((r) => setTimeout(r, 1500)); // the other process's timer has fired too by now
    const closed = await audit(httpB, one, 'ballot.closed');
    expect(closed).toHaveLength(1);
    expect(closed[0]!.detail.reason).toBe('deadline');
    conB.close();

    // Opened, then every process dies before its deadline; the first back (both at once) closes it, once.
    const two = (await httpB.post(`/api/meetings/${hall.meetingId}/ballots`, { title: '停机', seats: 10, durationSeconds: 10 })).body.ballot.id as string;
    const opened = await httpB.post(`/api/ballots/${two}/open`);
    expect(opened.status).toBe(200);
    await Promise.all([a.kill9(), b.kill9()]);
    const wait = opened.body.ballot.deadlineAt - Date.now() + 500;
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    [a, b] = await Promise.all([start(), start()]);
    httpA = new Http(a.url);
    httpB = new Http(b.url);
    await httpA.login('admin', 'test-admin-password');
    await httpB.login('admin', 'test-admin-password');
    expect((await httpA.get(`/api/ballots/${two}`)).body.ballot.status).toBe('closed');
    const down = await audit(httpA, two, 'ballot.closed');
    expect(down).toHaveLength(1);
    expect(down[0]!.detail.reason).toBe('deadline');
  }, 240_000);

  it("a scrutineer-keyed ballot opened on one process is opened at its close on the other: the key is relayed sealed, never stored", async () => {
    await sealReady();
    const small = await setUpQinshui(httpB, 12);
    expect((await httpB.request('PUT', `/api/meetings/${small.meetingId}/scrutineer-key`, { publicKey: newKeyPair().publicKey })).status).toBe(200);
    const smallTokens = await pairTablets(httpB, small.meetingId, small.deputies.map((d) => d.id));
    for (const t of smallTokens) expect((await httpB.post('/api/deputy/check-in', {}, t)).status).toBe(201);
    const id = (await httpA.post(`/api/meetings/${small.meetingId}/ballots`, { title: '监票人密钥', seats: 10, durationSeconds: 600 })).body.ballot.id as string;
    expect((await httpA.post(`/api/ballots/${id}/open`)).status).toBe(200); // A holds the key
    const rnd = seeded(5);
    const papers = smallTokens.map(() => ({ key: newKey(rnd), marks: randomMarks(small.candidateIds, 10, rnd) }));
    const replies = await Promise.all(papers.map((p, i) => (i % 2 ? httpA : httpB).post(`/api/deputy/ballots/${id}/papers`, p, smallTokens[i])));
    for (const r of replies) expect(r.status).toBe(201);
    // Closed on B, which never held the key: it asks A, which hands it over sealed to B's one-off key.
    const closed = await httpB.post(`/api/ballots/${id}/close`);
    expect(closed.status).toBe(200);
    expect(closed.body.ballot.openingPending ?? false).toBe(false);
    const { body } = await httpB.get(`/api/ballots/${id}/tally`);
    expect(body.tally.papers).toEqual({ returned: 12, valid: 12, invalid: 0 });
    expect((await httpB.post(`/api/ballots/${id}/announce`)).status).toBe(200);
    const record = await httpB.get(`/api/ballots/${id}/record`);
    expect(sealedRecordProblems(record.body, replies.map((r) => r.body.receipt), papers.map((p) => p.marks))).toEqual([]);
  }, 240_000);
});
