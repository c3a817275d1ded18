import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAccount } from '../server/auth/store.ts';
import { json, login, type TestApp } from './helpers/app.ts';
import { appWithMeeting, openBallot, type Setup, submitPaper } from './helpers/factories.ts';
import { fixtureText } from './helpers/hall.ts';

// Every refusal on the project routes answers a clear 4xx with a stable code and changes nothing.

let t: TestApp;
let s: Setup;
let park: string; // 口袋公园建设项目: 9 milestones, lead unit 园林绿化中心
let unit: string; // 园林绿化中心
let otherUnit: string; // 住建局
let scrutineer: string;

beforeEach(async () => {
  const now = Date.parse('2023-03-15T09:00:00+08:00');
  ({ t, s } = await appWithMeeting(9, { now: () => now }));
  const ballotId = await openBallot(t, s);
  for (const [i, token] of s.tokens.entries()) {
    const marks = Object.fromEntries(s.candidateIds.slice(0, 10).map((c) => [c, 'for']));
    expect((await submitPaper(t, token, ballotId, { key: `key-${String(i).padStart(20, '0')}`, marks })).statusCode).toBe(201);
  }
  for (const step of ['close', 'announce']) await t.app.inject({ method: 'POST', url: `/api/ballots/${ballotId}/${step}`, payload: {}, headers: { cookie: s.cookie } });
  park = (json(await t.app.inject({ method: 'GET', url: '/api/projects', headers: { cookie: s.cookie } })).projects[0] as { id: string }).id;
  for (const [username, unitName] of [['yl', '园林绿化中心'], ['zj', '住建局']] as const) {
    await createAccount(t.opened.db, { username, password: `${username}-password`, role: 'unit', unitName }, Date.now());
  }
  unit = await login(t.app, 'yl', 'yl-password');
  otherUnit = await login(t.app, 'zj', 'zj-password');
  scrutineer = (await t.as('scrutineer')).cookie;
});
afterEach(async () => t.close());

type Method = 'GET' | 'POST';
async function refused(method: Method, url: string, payload: unknown, status: number, code: string, cookie: string | null = s.cookie) {
  const before = t.checksum();
  const res = await t.app.inject({
    method,
    url,
    headers: { ...(cookie ? { cookie } : {}), ...(typeof payload === 'string' ? { 'content-type': 'application/json' } : {}) },
    ...(payload !== undefined ? { payload: payload as string } : {}),
  });
  expect(res.statusCode, res.body).toBe(status);
  const body = json(res);
  expect(body.error.code).toBe(code);
  expect(body.error.message).toMatch(/\S/);
  expect(t.checksum()).toBe(before);
  return body.error.message as string;
}

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='; // one real pixel
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]).toString('base64');
const report = (extra: Record<string, unknown> = {}) => ({ date: '2023-03-01', spentWan: 50, milestonesReached: [0], ...extra });
const photo = (extra: Record<string, unknown> = {}) => ({ filename: 'a.png', contentType: 'image/png', dataBase64: PNG, ...extra });

describe('progress reports', () => {
  const url = () => `/api/projects/${park}/reports`;

  it('refuses bad fields, each named', async () => {
    expect(await refused('POST', url(), report({ date: '2023-02-30' }), 400, 'invalid_input', unit)).toMatch(/^date: /);
    expect(await refused('POST', url(), report({ date: '2023-03-16' }), 400, 'invalid_input', unit)).toBe('date: 2023-03-16 is in the future (today is 2023-03-15)');
    expect(await refused('POST', url(), report({ date: '2022-12-31' }), 400, 'invalid_input', unit)).toBe("date: 2022-12-31 is before 2023, the project's year");
    expect(await refused('POST', url(), report({ spentWan: -1 }), 400, 'invalid_input', unit)).toBe('spentWan: must not be negative');
    expect(await refused('POST', url(), { date: '2023-03-01' }, 400, 'invalid_input', unit)).toMatch(/^spentWan: /);
    expect(await refused('POST', url(), report({ progress: 50 }), 400, 'invalid_input', unit)).toContain('progress');
    expect(await refused('POST', url(), report({ milestonesReached: [9] }), 400, 'invalid_input', unit)).toBe('milestonesReached.0: the project has no milestone at position 9 (it has 9)');
    expect(await refused('POST', url(), report({ milestonesReached: [1, 1] }), 400, 'invalid_input', unit)).toBe('milestonesReached: a milestone is listed twice');
    expect(await refused('POST', url(), report({ outputs: { 面积: 'many' } }), 400, 'invalid_input', unit)).toMatch(/^outputs\.面积: /);
    await refused('POST', url(), '{"date": "2023-03-01",', 400, 'malformed_json', unit);
  });

  it('refuses photos that are not what they claim, too big, or too many — and leaves no file behind', async () => {
    expect(await refused('POST', url(), report({ photos: [photo({ contentType: 'image/gif' })] }), 400, 'invalid_input', unit)).toMatch(/^photos\.0\.contentType: /);
    expect(await refused('POST', url(), report({ photos: [photo(), photo({ dataBase64: JPEG })] }), 400, 'invalid_input', unit)).toBe('photos.1.dataBase64: the bytes are image/jpeg, not image/png');
    expect(await refused('POST', url(), report({ photos: [photo({ dataBase64: Buffer.from('GIF89a...').toString('base64') })] }), 400, 'invalid_input', unit)).toBe('photos.0.dataBase64: the bytes are not image/png');
    expect(await refused('POST', url(), report({ photos: [photo({ dataBase64: 'not base64!' })] }), 400, 'invalid_input', unit)).toMatch(/^photos\.0\.dataBase64: not base64/);
    const big = Buffer.alloc(2 * 1024 * 1024 + 3, 0);
    big.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(await refused('POST', url(), report({ photos: [photo({ dataBase64: big.toString('base64') })] }), 400, 'invalid_input', unit)).toBe('photos.0.dataBase64: the photo is larger than 2 MB');
    expect(await refused('POST', url(), report({ photos: Array.from({ length: 5 }, () => photo()) }), 400, 'invalid_input', unit)).toBe('photos: at most 4 photos');
    const dir = path.join(t.dir, 'photos');
    expect(readdirSync(t.dir).includes('photos') ? readdirSync(dir) : []).toEqual([]);
  });

  it('refuses spending below an earlier cumulative figure', async () => {
    const first = await t.app.inject({ method: 'POST', url: url(), headers: { cookie: unit }, payload: report({ date: '2023-03-01', spentWan: 80 }) });
    expect(first.statusCode).toBe(201);
    expect(await refused('POST', url(), report({ date: '2023-03-10', spentWan: 60, milestonesReached: [] }), 400, 'invalid_input', unit)).toBe(
      'spentWan: below the 80 万元 reported on 2023-03-01; spending to date is cumulative',
    );
    expect(await refused('POST', url(), report({ date: '2023-02-20', spentWan: 90, milestonesReached: [] }), 400, 'invalid_input', unit)).toBe(
      'spentWan: above the 80 万元 reported later, on 2023-03-01; spending to date is cumulative',
    );
  });

  it('refuses the wrong people and unknown projects', async () => {
    expect(await refused('POST', url(), report(), 403, 'forbidden', otherUnit)).toBe('住建局 is not a responsible unit of 口袋公园建设项目');
    await refused('POST', url(), report(), 403, 'forbidden', scrutineer);
    await refused('POST', url(), report(), 401, 'unauthenticated', null);
    await refused('POST', '/api/projects/p-nope/reports', report(), 404, 'not_found', unit);
    await refused('GET', `/api/projects/${park}`, undefined, 403, 'forbidden', otherUnit);
  });
});

describe('secretariat routes', () => {
  it('promote: unknown, malformed, not announced, wrong role', async () => {
    await refused('POST', '/api/ballots/b-nope/promote', {}, 404, 'not_found');
    await refused('POST', '/api/ballots/bad$id/promote', {}, 400, 'invalid_input');
    const ballot = await t.app.inject({ method: 'GET', url: `/api/projects/${park}`, headers: { cookie: s.cookie } });
    const ballotId = json(ballot).project.selection.ballotId as string;
    expect(await refused('POST', `/api/ballots/${ballotId}/promote`, { again: true }, 400, 'invalid_input')).toContain('again');
    const draft = json(await t.app.inject({ method: 'POST', url: `/api/meetings/${s.meetingId}/ballots`, headers: { cookie: s.cookie }, payload: { title: '草稿', seats: 10 } }));
    expect(await refused('POST', `/api/ballots/${draft.ballot.id}/promote`, {}, 409, 'ballot_state')).toMatch(/once it is announced/);
    await refused('POST', `/api/ballots/${ballotId}/promote`, {}, 403, 'forbidden', unit);
    await refused('POST', `/api/ballots/${ballotId}/promote`, {}, 403, 'forbidden', scrutineer);
  });

  it('complete: unknown field, twice, wrong role', async () => {
    const url = `/api/projects/${park}/complete`;
    expect(await refused('POST', url, { reason: 'x' }, 400, 'invalid_input')).toContain('reason');
    await refused('POST', url, {}, 403, 'forbidden', unit);
    await refused('POST', '/api/projects/p-nope/complete', {}, 404, 'not_found');
    expect(await refused('POST', url, {}, 400, 'invalid_input')).toMatch(/^openReason: /);
    expect(await refused('POST', url, { date: '2023-2-1', openReason: 'x' }, 400, 'invalid_input')).toMatch(/^date: /);
    expect((await t.app.inject({ method: 'POST', url, headers: { cookie: s.cookie }, payload: { openReason: '合并实施' } })).statusCode).toBe(200);
    await refused('POST', url, { openReason: 'x' }, 409, 'conflict');
    await refused('POST', `${url}/undo`, { reason: '' }, 400, 'invalid_input');
  });

  it('evaluations: bad body, wrong year, unknown meeting', async () => {
    const later = json(await t.app.inject({ method: 'POST', url: '/api/meetings', headers: { cookie: s.cookie }, payload: { name: '2024', date: '2024-02-20' } })).meeting.id as string;
    const url = `/api/meetings/${later}/evaluations`;
    expect(await refused('POST', url, { year: 2023 }, 400, 'invalid_input')).toMatch(/^title: /);
    expect(await refused('POST', url, { year: '2023', title: '测评' }, 400, 'invalid_input')).toMatch(/^year: /);
    expect(await refused('POST', url, { year: 2023, title: '测评', durationSeconds: 5 }, 400, 'invalid_input')).toBe('durationSeconds: at least 10 seconds');
    expect(await refused('POST', url, { year: 2022, title: '测评' }, 400, 'invalid_input')).toBe('year: there are no tracked projects for 2022');
    expect(await refused('POST', `/api/meetings/${s.meetingId}/evaluations`, { year: 2023, title: '测评' }, 400, 'invalid_input')).toBe(
      'year: a 2023 meeting rates the projects of an earlier year, not 2023',
    );
    await refused('POST', '/api/meetings/m-nope/evaluations', { year: 2023, title: '测评' }, 404, 'not_found');
    await refused('POST', url, { year: 2023, title: '测评' }, 403, 'forbidden', scrutineer);
  });

  it('import-completed: strict shape, duplicates, a year not begun, wrong role', async () => {
    const doc = () => JSON.parse(fixtureText('qinshui-2022-completed.json')) as { year: number; projects: Record<string, unknown>[] };
    const url = '/api/projects/import-completed';
    const extra = doc();
    extra.projects[3]!.budget = 1;
    expect(await refused('POST', url, extra, 400, 'invalid_input')).toMatch(/^projects\.3: .*budget/);
    const wrongType = doc();
    wrongType.projects[0]!.investmentWan = '26700';
    expect(await refused('POST', url, wrongType, 400, 'invalid_input')).toMatch(/^projects\.0\.investmentWan: /);
    const negative = doc();
    negative.projects[1]!.outputs = { 受益居民户: -5 };
    expect(await refused('POST', url, negative, 400, 'invalid_input')).toBe('projects.1.outputs.受益居民户: must not be negative');
    const twice = doc();
    twice.projects.push(twice.projects[0]!);
    expect(await refused('POST', url, twice, 400, 'invalid_input')).toBe('projects.12.name: "县乡村道水毁修复" is listed twice');
    expect(await refused('POST', url, { year: 2022, projects: [] }, 400, 'invalid_input')).toBe('projects: no projects');
    expect(await refused('POST', url, { ...doc(), year: 2024 }, 400, 'invalid_input')).toBe('year: 2024 has not begun yet');
    await refused('POST', url, doc(), 403, 'forbidden', unit);
  });

  it('report: year and format checked, staff only', async () => {
    await refused('GET', '/api/projects/report', undefined, 400, 'invalid_input');
    expect(await refused('GET', '/api/projects/report?year=abc', undefined, 400, 'invalid_input')).toBe('year: a year such as 2023');
    expect(await refused('GET', '/api/projects/report?year=2023&format=docx', undefined, 400, 'invalid_input')).toMatch(/^format: /);
    expect(await refused('GET', '/api/projects/report?year=2023&lang=en', undefined, 400, 'invalid_input')).toContain('lang');
    await refused('GET', '/api/projects/report?year=2023', undefined, 403, 'forbidden', unit);
    await refused('GET', '/api/projects/report?year=2023', undefined, 401, 'unauthenticated', null);
  });
});

describe('reads', () => {
  it('lists and public pages refuse malformed queries and unknown ids', async () => {
    await refused('GET', '/api/projects?year=20x3', undefined, 400, 'invalid_input');
    await refused('GET', '/api/public/projects?year=1999', undefined, 400, 'invalid_input', null);
    await refused('GET', '/api/public/projects?page=2', undefined, 400, 'invalid_input', null);
    await refused('GET', '/api/public/projects/p-nope', undefined, 404, 'not_found', null);
    await refused('GET', '/api/public/photos/ph-nope', undefined, 404, 'not_found', null);
    await refused('GET', '/api/public/photos/..%2F..%2Fpiaojue.db', undefined, 400, 'invalid_input', null);
    expect(await refused('GET', '/api/public/projects?asOf=2023-13-01', undefined, 400, 'invalid_input', null)).toMatch(/^asOf: /);
    expect(await refused('GET', `/api/projects/${park}?asOf=2999-01-01`, undefined, 400, 'invalid_input')).toMatch(/^asOf: .*after today/);
    await refused('GET', '/api/projects/report?year=2023&asOf=yesterday', undefined, 400, 'invalid_input');
  });

  it('corrections: a reason always, known reports only, strict edits', async () => {
    await refused('POST', `/api/projects/${park}/reports/r-nope/withdraw`, { reason: '重复' }, 404, 'not_found');
    await refused('POST', `/api/projects/${park}/reports/r-nope/withdraw`, {}, 400, 'invalid_input');
    await refused('POST', `/api/projects/${park}/reports/r-nope/correct`, { reason: 'x', report: { date: '2023-02-20' } }, 400, 'invalid_input');
    expect(await refused('POST', `/api/projects/${park}/edit`, { reason: '更正', fields: { budgetWan: -1 } }, 400, 'invalid_input')).toMatch(/^fields.budgetWan: /);
    expect(await refused('POST', `/api/projects/${park}/edit`, { reason: '更正', fields: { colour: 'red' } }, 400, 'invalid_input')).toContain('colour');
    expect(await refused('POST', `/api/projects/${park}/edit`, { reason: '更正' }, 400, 'invalid_input')).toBe('fields: the correction changes nothing');
    await refused('POST', `/api/projects/${park}/reports`, { date: '2023-02-20', spentWan: 1, clientKey: 'short' }, 400, 'invalid_input');
  });
});
