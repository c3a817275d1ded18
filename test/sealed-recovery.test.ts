import { expect, it } from 'vitest';
import { newKeyPair, openSecretKey } from '../shared/seal.ts';
import { openHallBallot } from './helpers/hall.ts';
import { Http } from './helpers/http.ts';
import { sealedRecordProblems } from './helpers/sealed.ts';
import { randomPapers, sealedHall, sendPapers } from './helpers/sealed-hall.ts';
import { useServerProcesses } from './helpers/server.ts';

// DESIGN §5: the ballot key lives in memory. kill -9 takes it away; the envelopes acknowledged before and after
// the crash are all counted, once each, after the chief scrutineer brings the key back from the recovery sheet.
// Without a crash the close opens them at once and no sheet is needed.

const DEPUTIES = 24;
const servers = useServerProcesses('recover');

async function hall(dataDir: string) {
  const { server, http } = await servers.start(dataDir);
  const h = await sealedHall(http, DEPUTIES);
  const { tokens, scrutineer } = h;
  for (const t of tokens) await http.post('/api/deputy/check-in', {}, t);
  return { server, http, h, tokens, scrutineer, ballotId: await openHallBallot(http, h.meetingId) };
}

it('kill -9 mid-ballot, restart, more papers, close: opened with the recovery sheet, every envelope counted once', async () => {
  const dataDir = servers.dataDir();
  let { server, http, h, tokens, scrutineer, ballotId } = await hall(dataDir);
  const papers = randomPapers(tokens, h.candidateIds, 21);
  const receipts = await sendPapers(http, ballotId, papers, tokens, 0, DEPUTIES / 2);

  await server.kill9();
  ({ server, http } = await servers.start(dataDir));
  // Still open; a resend of an acknowledged envelope answers its receipt; the rest vote.
  const resend = await http.post(`/api/deputy/ballots/${ballotId}/papers`, papers[0], tokens[0]);
  expect(resend.status).toBe(200);
  expect(resend.body.receipt).toEqual(receipts[0]);
  receipts.push(...(await sendPapers(http, ballotId, papers, tokens, DEPUTIES / 2)));

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
  const { http, h, tokens, ballotId } = await hall(servers.dataDir());
  const papers = randomPapers(tokens, h.candidateIds, 22);
  const receipts = await sendPapers(http, ballotId, papers, tokens);
  const closed = await http.post(`/api/ballots/${ballotId}/close`);
  expect(closed.body.ballot).toMatchObject({ status: 'closed', openingPending: false });
  const record = (await http.get(`/api/ballots/${ballotId}/record`)).body;
  expect(sealedRecordProblems(record, receipts, papers.map((p) => p.marks))).toEqual([]);
}, 120_000);
