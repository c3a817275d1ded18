import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newKey, pairTablets, randomMarks, seeded, setUpQinshui, type Hall } from './helpers/hall.ts';
import { Http } from './helpers/http.ts';
import type { ServerProcess } from './helpers/process.ts';
import { startEngineServer, type HallServer } from './helpers/server.ts';
import { tablet, WsClient } from './helpers/ws.ts';

// The realtime channel against a real server process, over real sockets; on SQLite and on PostgreSQL (DESIGN §8),
// where every event goes out by NOTIFY and comes back to the process's own screens.
describe.each(['sqlite', 'postgres'] as const)('realtime, on %s', (engine) => {
  let up: HallServer | undefined;
  let server: ServerProcess;
  let http: Http;
  let hall: Hall;
  let tokens: string[];

  beforeAll(async () => {
    up = await startEngineServer('ws', engine, 'realtime');
    ({ server, http } = up);
    hall = await setUpQinshui(http, 12);
    tokens = await pairTablets(http, hall.meetingId, hall.deputies.map((d) => d.id));
    // The meeting's scrutineer, whose account predates the opening (one made after it cannot confirm: issue 12).
    await http.post('/api/accounts', { username: 'scrutineer-ws', password: 'scrutineer-ws-password', role: 'scrutineer' });
  }, 120_000);
  afterAll(async () => {
    await up?.close();
  });

  const consoleClient = async () => {
    const c = await WsClient.connect(server.url, { cookie: http.cookie! });
    c.send({ type: 'hello', role: 'console', meetingId: hall.meetingId });
    await c.waitFor('attendance');
    return c;
  };

  describe('protocol', () => {
    it('answers every bad message with a typed error and keeps the socket', async () => {
      const c = await WsClient.connect(server.url);
      c.sendRaw('{not json');
      expect((await c.waitFor('error')).code).toBe('malformed_json');
      c.send({ type: 'vote', id: 'r1' });
      expect(await c.waitFor('error', (e) => e.id === 'r1')).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/type/) });
      c.send({ type: 'checkIn', id: 'r2' });
      expect(await c.waitFor('error', (e) => e.id === 'r2')).toMatchObject({ code: 'unauthenticated' });
      c.send({ type: 'ping', id: 'r3' });
      const pong = await c.waitFor('pong');
      expect(Math.abs(pong.serverNow - Date.now())).toBeLessThan(5_000);
      c.send({ type: 'hello', role: 'tablet', token: 'forged' });
      expect((await c.whenClosed()).code).toBe(4401);
      expect(c.invalid).toEqual([]);
    });

    it('a console needs a secretariat session', async () => {
      const c = await WsClient.connect(server.url);
      c.send({ type: 'hello', role: 'console', meetingId: hall.meetingId });
      expect((await c.whenClosed()).code).toBe(4401);
    });

    it('a tablet cannot name another deputy: the paper goes to the token holder', async () => {
      const c = await tablet(server.url, tokens[0]!);
      c.send({ type: 'submitPaper', id: 'p', ballotId: 'b-x', key: 'k'.repeat(20), marks: {}, deputyId: hall.deputies[1]!.id });
      expect(await c.waitFor('error', (e) => e.id === 'p')).toMatchObject({ code: 'invalid_input' });
      c.close();
    });
  });

  describe('a ballot over sockets', () => {
    it('check-in, open, paper, drop before the ack, resend: one paper, the same receipt', async () => {
      const con = await consoleClient();
      const tabs = await Promise.all(tokens.map((t) => tablet(server.url, t)));
      const welcome = await tabs[0]!.waitFor('welcome');
      expect(welcome.deputy?.id).toBe(hall.deputies[0]!.id);
      expect(welcome.checkedIn).toBe(false);

      tabs.forEach((t, i) => t.send({ type: 'checkIn', id: `c${i}` }));
      for (const t of tabs) await t.waitFor('checkedIn');
      const att = await con.waitFor('attendance', (a) => a.attendance.present === 12);
      expect(att.attendance.quorum.met).toBe(true);

      const created = await http.post(`/api/meetings/${hall.meetingId}/ballots`, { title: '票决', seats: 10, durationSeconds: 300 });
      const ballotId: string = created.body.ballot.id;
      await http.post(`/api/ballots/${ballotId}/open`);
      for (const t of [...tabs, con]) {
        const b = await t.waitFor('ballot', (m) => m.ballot?.id === ballotId);
        expect(b.ballot!.deadlineAt! - b.ballot!.openedAt!).toBe(300_000);
        expect(b.candidates).toHaveLength(15);
        expect(b.candidates[0]!.milestones.length).toBeGreaterThan(0);
      }

      // Tablet 0 confirms and loses its connection before any answer can reach it.
      const rnd = seeded(3);
      const paper = { key: newKey(rnd), marks: randomMarks(hall.candidateIds, 10, rnd) };
      tabs[0]!.send({ type: 'submitPaper', id: 's1', ballotId, ...paper });
      tabs[0]!.drop();
      const again = await tablet(server.url, tokens[0]!);
      const back = await again.waitFor('ballot');
      again.send({ type: 'submitPaper', id: 's2', ballotId, ...paper });
      const receipt = await again.waitFor('receipt', (r) => r.id === 's2');
      // The resend either found the committed first paper or was the first to arrive; never two papers.
      expect(back.ballot?.id).toBe(ballotId);
      again.send({ type: 'submitPaper', id: 's3', ballotId, ...paper });
      const third = await again.waitFor('receipt', (r) => r.id === 's3');
      expect(third.receipt).toEqual(receipt.receipt);
      expect(third.duplicate).toBe(true);
      again.send({ type: 'submitPaper', id: 's4', ballotId, key: newKey(rnd), marks: {} });
      expect(await again.waitFor('error', (e) => e.id === 's4')).toMatchObject({ code: 'already_voted' });

      const turnout = await con.waitFor('turnout', (m) => m.voted === 1);
      expect(turnout.present).toBe(12);

      // Extending reaches every screen with the new deadline; closing too.
      const ext = await http.post(`/api/ballots/${ballotId}/extend`, { seconds: 60 });
      await tabs[1]!.waitFor('ballot', (m) => m.ballot?.deadlineAt === ext.body.ballot.deadlineAt);
      await http.post(`/api/ballots/${ballotId}/close`);
      for (const t of [again, ...tabs.slice(1), con]) await t.waitFor('ballotStatus', (m) => m.ballotId === ballotId && m.status === 'closed');

      // The projector never sees a partial result; after 宣布 it gets the tally.
      const display = await http.post(`/api/meetings/${hall.meetingId}/display-tokens`, { label: '主屏' });
      const projector = await WsClient.connect(server.url);
      projector.send({ type: 'hello', role: 'projector', token: display.body.token });
      await projector.waitFor('attendance');
      expect(projector.count('results')).toBe(0);
      await http.post(`/api/ballots/${ballotId}/announce`);
      const results = await projector.waitFor('results', (r) => r.ballotId === ballotId);
      expect(results.tally).toEqual((await http.get(`/api/ballots/${ballotId}/tally`)).body.tally);
      expect(results.candidates.map((c) => c.id)).toEqual(hall.candidateIds);
      const reloaded = await WsClient.connect(server.url);
      reloaded.send({ type: 'hello', role: 'projector', token: display.body.token });
      expect((await reloaded.waitFor('results')).ballotId).toBe(ballotId);
      projector.close();
      reloaded.close();

      const record = await http.get(`/api/ballots/${ballotId}/record`);
      expect(record.body.papers).toHaveLength(1);
      expect(record.body.papers[0]).toMatchObject({ marks: paper.marks, source: 'tablet' });
      expect(record.body.box).toEqual(['tracker' in receipt.receipt ? receipt.receipt.tracker : '']);
      expect(record.body.tally.papers.returned).toBe(1);
      for (const t of [again, ...tabs, con]) expect(t.invalid).toEqual([]);
      for (const t of [again, ...tabs, con]) t.close();
    });

    it("a run-off's announced result combines both rounds for the hall", async () => {
      const [a, b, c] = hall.candidateIds as [string, string, string];
      const tabs = await Promise.all(tokens.slice(0, 9).map((t) => tablet(server.url, t)));
      const display = await http.post(`/api/meetings/${hall.meetingId}/display-tokens`, {});
      const projector = await WsClient.connect(server.url);
      projector.send({ type: 'hello', role: 'projector', token: display.body.token });
      let n = 0;
      const vote = async (ballotId: string, fors: string[][]) => {
        await Promise.all(tabs.map((t) => t.waitFor('ballot', (m) => m.ballot?.id === ballotId)));
        fors.forEach((f, i) => tabs[i]!.send({ type: 'submitPaper', id: `r${++n}`, ballotId, key: `runoff-key-${n}`.padEnd(20, '0'), marks: Object.fromEntries(f.map((x) => [x, 'for'])) }));
        await Promise.all(fors.map((_, i) => tabs[i]!.waitFor('receipt', (r) => r.receipt.ballotId === ballotId)));
      };
      const first = (await http.post(`/api/meetings/${hall.meetingId}/ballots`, { title: '首轮', candidateIds: [a, b, c], seats: 2, threshold: 'none' })).body.ballot.id as string;
      await http.post(`/api/ballots/${first}/open`);
      await vote(first, [[a, b], [a, b], [a, c], [a, c]]);
      await http.post(`/api/ballots/${first}/close`);
      await http.post(`/api/ballots/${first}/announce`);
      const round1 = await projector.waitFor('results', (r) => r.ballotId === first);
      // The audit log's head after the announcement travels with the result, for the projector to show.
      const audit = await http.get(`/api/audit?ballotId=${first}&action=ballot.announced`);
      expect(round1.anchor).toEqual({ seq: audit.body.events[0].seq, hash: audit.body.events[0].hash });
      expect(round1.tally.tie).toEqual({ candidates: [b, c], places: 1, resolution: 'runoff' });
      expect(round1.final).toBeUndefined();

      const second = (await http.post(`/api/ballots/${first}/runoff`, {})).body.ballot.id as string;
      await http.post(`/api/ballots/${second}/open`);
      await vote(second, [[c], [c], [b]]);
      await http.post(`/api/ballots/${second}/close`);
      await http.post(`/api/ballots/${second}/announce`);
      const round2 = await projector.waitFor('results', (r) => r.ballotId === second);
      expect(round2.final).toMatchObject({ selected: [a, c], rounds: [first, second] });
      expect(round2.final!.candidates.map((x) => x.id)).toEqual([a, b, c]);
      for (const t of [...tabs, projector]) t.close();
    });

    it('a projector joining between close and announcement shows "counting"; a revoked display is closed', async () => {
      const b = (await http.post(`/api/meetings/${hall.meetingId}/ballots`, { title: '计票中', seats: 10 })).body.ballot.id as string;
      await http.post(`/api/ballots/${b}/open`);
      await http.post(`/api/ballots/${b}/close`);
      const display = await http.post(`/api/meetings/${hall.meetingId}/display-tokens`, { label: '侧屏' });
      const p = await WsClient.connect(server.url);
      p.send({ type: 'hello', role: 'projector', token: display.body.token });
      expect(await p.waitFor('ballotStatus')).toMatchObject({ ballotId: b, status: 'closed' });
      expect(p.count('results')).toBe(0);
      await http.post(`/api/display-tokens/${display.body.id}/revoke`);
      expect((await p.whenClosed()).code).toBe(4401);
      const list = await http.get(`/api/meetings/${hall.meetingId}/display-tokens`);
      const listed = list.body.displays.find((d: { id: string }) => d.id === display.body.id);
      expect(listed).toMatchObject({ label: '侧屏', revokedAt: expect.any(Number) });
      expect(JSON.stringify(list.body)).not.toContain(display.body.token);
      await http.post(`/api/ballots/${b}/announce`);
    });

    it('a revoked tablet is disconnected and cannot come back', async () => {
      // The session has opened: re-pairing a deputy's tablet waits for a scrutineer, whose approval gives the code;
      // pairing it closes the deputy's previous tablet.
      const previous = await tablet(server.url, tokens[11]!);
      const asked = await http.post(`/api/meetings/${hall.meetingId}/deputies/${hall.deputies[11]!.id}/pairing-code`);
      expect(asked.status).toBe(202);
      const scrutineer = new Http(server.url);
      await scrutineer.login('scrutineer-ws', 'scrutineer-ws-password');
      const approved = await scrutineer.post(`/api/approvals/${asked.body.pending.id}/approve`);
      expect(approved.status).toBe(200);
      const paired = await http.request('POST', '/api/devices/pair', { code: approved.body.code }, 'none');
      expect((await previous.whenClosed()).code).toBe(4401);
      const t = await tablet(server.url, paired.body.token);
      await http.post(`/api/devices/${paired.body.deviceId}/revoke`);
      expect((await t.whenClosed()).code).toBe(4401);
      const retry = await WsClient.connect(server.url);
      retry.send({ type: 'hello', role: 'tablet', token: paired.body.token });
      expect((await retry.whenClosed()).code).toBe(4401);
    });
  });
});
