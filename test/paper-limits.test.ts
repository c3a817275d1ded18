import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paperDigest } from '../shared/paper.ts';
import { sha256 } from '../server/ids.ts';
import { json, type TestApp } from './helpers/app.ts';
import { checkInTablets, listeningBallot, meetingWithTablets, openBallot, type Setup, submitPaper } from './helpers/factories.ts';
import { WsClient } from './helpers/ws.ts';

// Issue 10: one marks schema (shared/paper.ts) for both ways a paper arrives. The same bad papers are refused
// over HTTP (POST /api/deputy/ballots/:b/papers) and over the socket (submitPaper) with the same code, and
// nothing is written either way. Plain marks travel only in a named (记名) ballot; a secret ballot's papers are
// sealed envelopes of one fixed length, and the same holds for those (below).

let t: TestApp, s: Setup, url: string, ballotId: string;
beforeAll(async () => {
  ({ t, s, url, ballotId } = await listeningBallot(4, { secret: false }));
});
afterAll(async () => t.close());

const many = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`x${String(i).padStart(4, '0')}`, 'for']));
const badPapers: [string, unknown][] = [
  ['3,000 marks', many(3000)],
  ['501 marks', many(501)],
  ['a 1,000-character mark', { 'c-1': 'f'.repeat(1000) }],
  ['a 5,000-character candidate id', { ['c'.repeat(5000)]: 'for' }],
  ['a 65-character candidate id', { ['c'.repeat(65)]: 'for' }],
  ['an empty candidate id', { '': 'for' }],
  ['a mark no ballot knows', { 'c-1': 'maybe' }],
  ['a number for a mark', { 'c-1': 1 }],
  ['a lone surrogate in a candidate id', { 'c-\ud800': 'for' }],
  ['an array', ['for']],
  ['null', null],
];

async function overSocket(token: string, marks: unknown) {
  const c = await WsClient.connect(url);
  c.send({ type: 'hello', role: 'tablet', token });
  await c.waitFor('ballot');
  c.send({ type: 'submitPaper', id: 'p', ballotId, key: 'k'.repeat(24), marks });
  const answer = await Promise.race([c.waitFor('error', (e) => e.id === 'p'), c.waitFor('receipt', (r) => r.id === 'p')]);
  c.close();
  return answer;
}

describe('the same bad papers are refused by both routes with the same code', () => {
  it.each(badPapers)('%s', async (_name, marks) => {
    const before = t.checksum();
    const http = await submitPaper(t, s.tokens[0]!, ballotId, { key: 'h'.repeat(24), marks });
    const socket = await overSocket(s.tokens[0]!, marks);
    expect(http.statusCode).toBe(400);
    expect(socket.type).toBe('error');
    expect(json(http).error.code).toBe('invalid_input');
    expect(socket.type === 'error' && socket.code).toBe(json(http).error.code);
    expect(t.checksum()).toBe(before);
  });

  it('a good paper (known marks, well-formed non-ASCII ids) is taken by either route', async () => {
    const marks = { [s.candidateIds[0]!]: 'for', 'c-学校': 'against', 'c-𠀀': 'abstain' };
    const http = await submitPaper(t, s.tokens[1]!, ballotId, { key: 'g'.repeat(24), marks });
    expect(http.statusCode, http.body).toBe(201);
    const socket = await overSocket(s.tokens[2]!, marks);
    expect(socket.type).toBe('receipt');
  });
});

it('the receipt digest is the README worked example', () => {
  const marks = { 'c-学校': 'for', 'c-Ｚ': 'against', 'c-𠀀': 'abstain', 'c-a"b': 'for' };
  expect(paperDigest('b-Qinshui2023', 'p-0123456789abcdef0123456789abcdef', marks, sha256)).toBe(
    '68156e730ca628626884d7529ed5d0216f2b276f558461bd15fdee4a64011c5b',
  );
});

describe('a secret ballot: envelopes of the wrong length or not base64 are refused by both routes alike', () => {
  it.each([
    ['a short envelope', 'QUJD', 'bad_envelope'],
    ['a long envelope', 'A'.repeat(4000), 'bad_envelope'],
    ['not base64', 'not base64!', 'invalid_input'],
  ])('%s', async (_name, envelope, code) => {
    const m = await meetingWithTablets(t, 2);
    await checkInTablets(t, m.tokens);
    const secretId = await openBallot(t, m);
    const before = t.checksum();
    const http = await t.app.inject({ method: 'POST', url: `/api/deputy/ballots/${secretId}/papers`, payload: { envelope }, headers: { authorization: `Bearer ${m.tokens[0]}` } });
    const c = await WsClient.connect(url);
    c.send({ type: 'hello', role: 'tablet', token: m.tokens[1]! });
    await c.waitFor('ballot');
    c.send({ type: 'submitPaper', id: 'p', ballotId: secretId, envelope });
    const socket = await Promise.race([c.waitFor('error', (e) => e.id === 'p'), c.waitFor('receipt', (r) => r.id === 'p')]);
    c.close();
    expect(json(http).error.code).toBe(code);
    expect(socket.type === 'error' && socket.code).toBe(code);
    expect(t.checksum()).toBe(before);
  });

  it('plain marks to a secret ballot are refused: the tablet must seal them', async () => {
    const m = await meetingWithTablets(t, 1);
    await checkInTablets(t, m.tokens);
    const secretId = await openBallot(t, m);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/deputy/ballots/${secretId}/papers`,
      payload: { key: 'k'.repeat(24), marks: { [m.candidateIds[0]!]: 'for' } },
      headers: { authorization: `Bearer ${m.tokens[0]}` },
    });
    expect(json(res).error.code).toBe('sealed_paper_required');
  });
});
