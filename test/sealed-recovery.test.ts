import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { newKeyPair, openSecretKey, sealReady } from '../shared/seal.ts';
import { newKey, pairTablets, randomMarks, seeded, setUpQinshui } from './helpers/hall.ts';
import { Http } from './helpers/http.ts';
import { startServer, type ServerProcess } from './helpers/process.ts';
import { sealedRecordProblems } from './helpers/sealed.ts';

// DESIGN §5: the ballot key lives in memory. kill -9 takes it away; the envelopes acknowledged before and after
// the crash are all counted, once each, after the chief scrutineer brings the key back from the recovery sheet.
// Without a crash the close opens them at once and no sheet is needed.

const DEPUTIES = 24;
const dirs: string[] = [];
const servers: ServerProcess[] = [];
afterAll(async () => {
  for (const s of servers) await s.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function hall(dataDir: string) {
  const server = await startServer({ dataDir });
  servers.push(server);
  const http = new Http(server.url);
  await http.login('admin', 'test-admin-password');
  const h = await setUpQinshui(http, DEPUTIES);
  // The console makes the scrutineer's key pair and prints the secret half; the server gets the public half.
  await sealReady();
  const scrutineer = newKeyPair();
  expect((await http.request('PUT', `/api/meetings/${h.meetingId}/scrutineer-key`, { publicKey: scrutineer.publicKey })).status).toBe(200);
  const tokens = await pairTablets(http, h.meetingId, h.deputies.map((d) => d.id));
  for (const t of tokens) await http.post('/api/deputy/check-in', {}, t);
  const b = await http.post(`/api/meetings/${h.meetingId}/ballots`, { title: '票决', seats: 10, durationSeconds: 3600 });
  expect((await http.post(`/api/ballots/${b.body.ballot.id}/open`)).status).toBe(200);
  return { server, http, h, tokens, scrutineer, ballotId: b.body.ballot.id as string };
}

it('kill -9 mid-ballot, restart, more papers, close: opened with the recovery sheet, every envelope counted once', async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'piaojue-recover-'));
  dirs.push(dataDir);
  let { server, http, h, tokens, scrutineer, ballotId } = await hall(dataDir);
  const rnd = seeded(21);
  const papers = tokens.map(() => ({ key: newKey(rnd), marks: randomMarks(h.candidateIds, 10, rnd) }));
  const receipts: { ballotId: string; tracker?: string }[] = [];
  for (let i = 0; i < DEPUTIES / 2; i++) {
    const r = await http.post(`/api/deputy/ballots/${ballotId}/papers`, papers[i], tokens[i]);
    expect(r.status).toBe(201);
    receipts.push(r.body.receipt);
  }

  await server.kill9();
  server = await startServer({ dataDir });
  servers.push(server);
  http = new Http(server.url);
  await http.login('admin', 'test-admin-password');
  // Still open; a resend of an acknowledged envelope answers its receipt; the rest vote.
  const resend = await http.post(`/api/deputy/ballots/${ballotId}/papers`, papers[0], tokens[0]);
  expect(resend.status).toBe(200);
  expect(resend.body.receipt).toEqual(receipts[0]);
  for (let i = DEPUTIES / 2; i < DEPUTIES; i++) {
    const r = await http.post(`/api/deputy/ballots/${ballotId}/papers`, papers[i], tokens[i]);
    expect(r.status).toBe(201);
    receipts.push(r.body.receipt);
  }

  // The key went with the crash: the close leaves the envelopes sealed, and nothing can be announced.
  const closed = await http.post(`/api/ballots/${ballotId}/close`);
  expect(closed.status).toBe(200);
  expect(closed.body.ballot).toMatchObject({ status: 'closed', openingPending: true });
  expect((await http.get(`/api/ballots/${ballotId}/tally`)).status).toBe(409);
  expect((await http.post(`/api/ballots/${ballotId}/announce`)).body.error.code).toBe('opening_pending');
  expect((await http.get(`/api/ballots/${ballotId}/record`)).body.error.code).toBe('opening_pending');

  // The chief scrutineer signs in; the console opens the sealed ballot key with the recovery sheet.
  await http.post('/api/accounts', { username: 'jianpiao', password: 'jianpiao-password', role: 'scrutineer' });
  const scrut = new Http(server.url);
  await scrut.login('jianpiao', 'jianpiao-password');
  const sealed = await scrut.get(`/api/ballots/${ballotId}/sealed-key`);
  expect(sealed.body.escrow).toBe('scrutineer');
  // A wrong sheet is refused and changes nothing.
  const wrong = newKeyPair().secretKey;
  expect((await scrut.post(`/api/ballots/${ballotId}/unseal`, { secretKey: wrong })).body.error.code).toBe('wrong_key');
  const ballotKey = openSecretKey(sealed.body.sealedSecretKey, scrutineer);
  const unsealed = await scrut.post(`/api/ballots/${ballotId}/unseal`, { secretKey: ballotKey });
  expect(unsealed.status).toBe(200);
  expect(unsealed.body.ballot.openingPending).toBe(false);
  expect((await scrut.post(`/api/ballots/${ballotId}/unseal`, { secretKey: ballotKey })).status).toBe(409);

  const record = (await http.get(`/api/ballots/${ballotId}/record`)).body;
  expect(record.format).toBe('piaojue/ballot-record@2');
  expect(record.papers).toHaveLength(DEPUTIES);
  expect(sealedRecordProblems(record, receipts, papers.map((p) => p.marks))).toEqual([]);
  expect((await http.post(`/api/ballots/${ballotId}/announce`)).status).toBe(200);
  // The public sees the box and the tally, and finds every receipt in it.
  const box = await new Http(server.url).get(`/api/public/ballots/${ballotId}/box`);
  expect(box.status).toBe(200);
  for (const r of receipts) expect(box.body.box).toContain(r.tracker);
  expect(box.body).not.toHaveProperty('papers');
}, 120_000);

it('without a crash the close opens the envelopes itself: no sheet', async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'piaojue-recover-'));
  dirs.push(dataDir);
  const { http, h, tokens, ballotId } = await hall(dataDir);
  const rnd = seeded(22);
  const papers = tokens.map(() => ({ key: newKey(rnd), marks: randomMarks(h.candidateIds, 10, rnd) }));
  const receipts = [];
  for (const [i, p] of papers.entries()) receipts.push((await http.post(`/api/deputy/ballots/${ballotId}/papers`, p, tokens[i])).body.receipt);
  const closed = await http.post(`/api/ballots/${ballotId}/close`);
  expect(closed.body.ballot).toMatchObject({ status: 'closed', openingPending: false });
  const record = (await http.get(`/api/ballots/${ballotId}/record`)).body;
  expect(sealedRecordProblems(record, receipts, papers.map((p) => p.marks))).toEqual([]);
}, 120_000);
