import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { json, type TestApp } from './helpers/app.ts';
import { appWithMeeting, checkInTablets, openBallot, type Setup, submitPaper } from './helpers/factories.ts';

// Every refusal answers a clear 4xx with a stable code and leaves the database exactly as it was.
let t: TestApp;
let s: Setup;
beforeEach(async () => {
  ({ t, s } = await appWithMeeting(9, { checkIn: false }));
});
afterEach(async () => t.close());

const KEY = 'k'.repeat(24);

async function refused(send: () => Promise<{ statusCode: number; body: string }>, status: number, code: string) {
  const before = t.checksum();
  const res = await send();
  expect(res.statusCode, res.body).toBe(status);
  const body = JSON.parse(res.body);
  expect(body.error.code).toBe(code);
  expect(body.error.message).toMatch(/\S/);
  expect(t.checksum()).toBe(before);
  return body.error as { code: string; message: string; issues?: { path: string; message: string }[] };
}

describe('malformed and wrongly shaped bodies', () => {
  it('malformed JSON', async () => {
    await refused(
      () => t.app.inject({ method: 'POST', url: `/api/meetings/${s.meetingId}/ballots`, headers: { cookie: s.cookie, 'content-type': 'application/json' }, payload: '{"title": "票决",' }),
      400,
      'malformed_json',
    );
  });

  it('an unknown field is named', async () => {
    const err = await refused(
      () => t.app.inject({ method: 'POST', url: `/api/meetings/${s.meetingId}/ballots`, headers: { cookie: s.cookie }, payload: { title: '票决', seats: 10, quota: 3 } }),
      400,
      'invalid_input',
    );
    expect(err.message).toContain('quota');
  });

  it('a wrong type is named with its path', async () => {
    const err = await refused(
      () => t.app.inject({ method: 'POST', url: `/api/meetings/${s.meetingId}/ballots`, headers: { cookie: s.cookie }, payload: { title: '票决', seats: 'ten' } }),
      400,
      'invalid_input',
    );
    expect(err.message).toMatch(/^seats: /);
  });

  it('an unknown candidate is named with its index', async () => {
    const err = await refused(
      () => t.app.inject({ method: 'POST', url: `/api/meetings/${s.meetingId}/ballots`, headers: { cookie: s.cookie }, payload: { title: '票决', candidateIds: [s.candidateIds[0], 'c-nope'] } }),
      400,
      'invalid_input',
    );
    expect(err.message).toBe('candidateIds.1: unknown candidate');
  });

  it('a candidate CSV with problems lists them by row and column and saves nothing', async () => {
    const csv = '序号,项目名称,年度工作任务,推进计划,实施单位,县级分管领导,责任领导,分管领导,责任人及联系电话,需财政投入资金（初步估算）,备注\n1,,任务,,牵头：住建局,甲,乙,丙,丁 139****0000,很多钱,\n';
    const res = await t.app.inject({ method: 'POST', url: `/api/meetings/${s.meetingId}/candidates/import`, headers: { cookie: s.cookie }, payload: { csv } });
    expect(res.statusCode).toBe(400);
    const body = json(res);
    expect(body.error.code).toBe('import_problems');
    const columns = body.error.problems.map((p: { column: string }) => p.column);
    expect(columns).toContain('项目名称');
    expect(columns).toContain('需财政投入资金（初步估算）');
  });
});

describe('voting refusals', () => {
  it('opening without quorum (5 of 9 present; 6 needed)', async () => {
    await checkInTablets(t, s.tokens.slice(0, 5));
    const created = await t.app.inject({ method: 'POST', url: `/api/meetings/${s.meetingId}/ballots`, headers: { cookie: s.cookie }, payload: { title: '票决', seats: 10 } });
    const id = json(created).ballot.id;
    const err = await refused(() => t.app.inject({ method: 'POST', url: `/api/ballots/${id}/open`, payload: {}, headers: { cookie: s.cookie } }), 409, 'no_quorum');
    expect(err.message).toContain('5 of 9 present, 6 needed');
    // Exactly two thirds is a quorum.
    await checkInTablets(t, s.tokens.slice(5, 6));
    expect((await t.app.inject({ method: 'POST', url: `/api/ballots/${id}/open`, payload: {}, headers: { cookie: s.cookie } })).statusCode).toBe(200);
  });

  it('a paper from a deputy who has not checked in', async () => {
    await checkInTablets(t, s.tokens.slice(0, 8));
    const ballotId = await openBallot(t, s);
    await refused(() => submitPaper(t, s.tokens[8]!, ballotId, { key: KEY, marks: {} }), 409, 'not_checked_in');
  });

  it('a second paper is refused; a resend of the first answers the same receipt', async () => {
    await checkInTablets(t, s.tokens);
    const ballotId = await openBallot(t, s);
    const marks = { [s.candidateIds[0]!]: 'for', [s.candidateIds[1]!]: 'against' };
    const first = await submitPaper(t, s.tokens[0]!, ballotId, { key: KEY, marks });
    expect(first.statusCode).toBe(201);
    const before = t.checksum();
    const resend = await submitPaper(t, s.tokens[0]!, ballotId, { key: KEY, marks });
    expect(resend.statusCode).toBe(200);
    expect(json(resend).receipt).toEqual(json(first).receipt);
    expect(t.checksum()).toBe(before);
    await refused(() => submitPaper(t, s.tokens[0]!, ballotId, { key: 'z'.repeat(24), marks: {} }), 409, 'already_voted');
    await refused(() => submitPaper(t, s.tokens[0]!, ballotId, { key: KEY, marks: { [s.candidateIds[0]!]: 'against' } }), 409, 'already_voted');
  });

  it('a resend after the close still answers the original receipt; a new paper does not go in', async () => {
    await checkInTablets(t, s.tokens);
    const ballotId = await openBallot(t, s);
    const first = await submitPaper(t, s.tokens[0]!, ballotId, { key: KEY, marks: {} });
    await t.app.inject({ method: 'POST', url: `/api/ballots/${ballotId}/close`, payload: {}, headers: { cookie: s.cookie } });
    const before = t.checksum();
    const resend = await submitPaper(t, s.tokens[0]!, ballotId, { key: KEY, marks: {} });
    expect(resend.statusCode).toBe(200);
    expect(json(resend).receipt).toEqual(json(first).receipt);
    expect(t.checksum()).toBe(before);
    await refused(() => submitPaper(t, s.tokens[0]!, ballotId, { key: KEY, marks: { [s.candidateIds[0]!]: 'for' } }), 409, 'ballot_not_open');
  });

  it('a paper on a closed ballot, and on a draft one', async () => {
    await checkInTablets(t, s.tokens);
    const ballotId = await openBallot(t, s);
    await t.app.inject({ method: 'POST', url: `/api/ballots/${ballotId}/close`, payload: {}, headers: { cookie: s.cookie } });
    await refused(() => submitPaper(t, s.tokens[0]!, ballotId, { key: KEY, marks: {} }), 409, 'ballot_not_open');
    const draft = json(await t.app.inject({ method: 'POST', url: `/api/meetings/${s.meetingId}/ballots`, headers: { cookie: s.cookie }, payload: { title: '草稿', seats: 10 } }));
    await refused(() => submitPaper(t, s.tokens[0]!, draft.ballot.id, { key: KEY, marks: {} }), 409, 'ballot_not_open');
  });

  it('a paper with a malformed key or marks of the wrong type', async () => {
    await checkInTablets(t, s.tokens);
    const ballotId = await openBallot(t, s);
    await refused(() => submitPaper(t, s.tokens[0]!, ballotId, { key: 'short', marks: {} }), 400, 'invalid_input');
    await refused(() => submitPaper(t, s.tokens[0]!, ballotId, { key: KEY, marks: { [s.candidateIds[0]!]: 1 } }), 400, 'invalid_input');
    await refused(() => submitPaper(t, s.tokens[0]!, ballotId, { key: KEY, marks: {}, deputyId: s.deputyIds[1] }), 400, 'invalid_input');
  });

  it('a paper over the cap is kept and counted invalid (废票), never trimmed', async () => {
    await checkInTablets(t, s.tokens);
    const ballotId = await openBallot(t, s);
    const marks = Object.fromEntries(s.candidateIds.slice(0, 11).map((id) => [id, 'for']));
    expect((await submitPaper(t, s.tokens[0]!, ballotId, { key: KEY, marks })).statusCode).toBe(201);
    await t.app.inject({ method: 'POST', url: `/api/ballots/${ballotId}/close`, payload: {}, headers: { cookie: s.cookie } });
    const tally = json(await t.app.inject({ method: 'GET', url: `/api/ballots/${ballotId}/tally`, headers: { cookie: s.cookie } })).tally;
    expect(tally.papers).toEqual({ returned: 1, valid: 0, invalid: 1 });
    expect(tally.notVoted).toBe(8);
    expect(tally.candidates[0].counts.for).toBe(0);
  });
});

describe('roles', () => {
  it('a scrutineer reads but cannot open; a tablet cannot act as staff; nobody is anonymous', async () => {
    await checkInTablets(t, s.tokens);
    const created = await t.app.inject({ method: 'POST', url: `/api/meetings/${s.meetingId}/ballots`, headers: { cookie: s.cookie }, payload: { title: '票决', seats: 10 } });
    const id = json(created).ballot.id;
    const { cookie: scrutineer } = await t.as('scrutineer');
    expect((await t.app.inject({ method: 'GET', url: `/api/ballots/${id}`, headers: { cookie: scrutineer } })).statusCode).toBe(200);
    await refused(() => t.app.inject({ method: 'POST', url: `/api/ballots/${id}/open`, payload: {}, headers: { cookie: scrutineer } }), 403, 'forbidden');
    await refused(() => t.app.inject({ method: 'POST', url: `/api/ballots/${id}/open`, payload: {}, headers: { authorization: `Bearer ${s.tokens[0]}` } }), 401, 'unauthenticated');
    await refused(() => t.app.inject({ method: 'POST', url: `/api/ballots/${id}/open`, payload: {} }), 401, 'unauthenticated');
    await refused(() => t.app.inject({ method: 'POST', url: '/api/accounts', headers: { cookie: s.cookie }, payload: { username: 'x1', password: 'long-enough-pw', role: 'admin' } }), 403, 'forbidden');
  });

  it('a pairing code works once', async () => {
    const { code } = json(await t.app.inject({ method: 'POST', url: `/api/meetings/${s.meetingId}/deputies/${s.deputyIds[0]}/pairing-code`, payload: { replace: true }, headers: { cookie: s.cookie } }));
    expect((await t.app.inject({ method: 'POST', url: '/api/devices/pair', payload: { code } })).statusCode).toBe(200);
    await refused(() => t.app.inject({ method: 'POST', url: '/api/devices/pair', payload: { code } }), 409, 'pairing_code_invalid');
  });
});
