import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TestApp } from './helpers/app.ts';
import { appWithMeeting, listenLoopback, type Setup } from './helpers/factories.ts';
import { Http } from './helpers/http.ts';

// The unseat-mid-ballot case (shared/cases/unseat-mid-ballot), over real HTTP: a ballot's electorate is fixed
// when it opens, so the 在册 flag (and the roster itself) cannot change while a ballot of the meeting is open.
let t: TestApp;
let s: Setup;
let http: Http;
beforeEach(async () => {
  ({ t, s } = await appWithMeeting(3));
  http = new Http(await listenLoopback(t));
  http.cookie = s.cookie.split(';')[0];
});
afterEach(async () => t.close());

let n = 0;
const key = () => `key-${String(++n).padStart(20, '0')}`;
const paper = (i: number, ballotId: string) =>
  http.post(`/api/deputy/ballots/${ballotId}/papers`, { key: key(), marks: { [s.candidateIds[0]!]: 'for' } }, s.tokens[i]);

async function openOne(closeWhenAllVoted: boolean): Promise<string> {
  const created = await http.post(`/api/meetings/${s.meetingId}/ballots`, { title: '测试表决', seats: 1, durationSeconds: 600, closeWhenAllVoted });
  expect(created.status).toBe(201);
  const id: string = created.body.ballot.id;
  expect((await http.post(`/api/ballots/${id}/open`)).status).toBe(200);
  return id;
}

const settle = async () => {
  await t.app.paperDesk.drain();
  await new Promise((r) => setTimeout(r, 50));
};

describe('the electorate is fixed while a ballot is open', () => {
  it('refuses unseating a deputy who voted; close-when-all-voted still waits for the third paper', async () => {
    const b = await openOne(true);
    const [jia] = s.deputyIds as [string];
    expect((await paper(0, b)).status).toBe(201);
    const before = t.checksum();
    const unseat = await http.request('PATCH', `/api/meetings/${s.meetingId}/deputies/${jia}`, { seated: false });
    expect(unseat.status).toBe(409);
    expect(unseat.body.error.code).toBe('roster_locked');
    expect(t.checksum()).toBe(before);

    expect((await paper(1, b)).status).toBe(201);
    await settle();
    expect((await http.get(`/api/ballots/${b}`)).body.ballot.status).toBe('open');
    expect((await paper(2, b)).status).toBe(201);
    await settle();
    await vi.waitFor(async () => expect((await http.get(`/api/ballots/${b}`)).body.ballot.status).toBe('closed'), { timeout: 10_000, interval: 25 });
    const { ballot } = (await http.get(`/api/ballots/${b}`)).body;
    expect(ballot).toMatchObject({ status: 'closed', closeReason: 'all-voted' });
    expect(ballot.attendance).toMatchObject({ seated: 3, present: 3 });

    // Once no ballot is open, the same edit goes through.
    expect((await http.request('PATCH', `/api/meetings/${s.meetingId}/deputies/${jia}`, { seated: false })).status).toBe(200);
  });

  it('without auto-close, the record adds up: 应到 3 / 实到 3 / 3 papers', async () => {
    const b = await openOne(false);
    for (const i of [0, 1, 2]) expect((await paper(i, b)).status).toBe(201);
    const res = await http.request('PATCH', `/api/meetings/${s.meetingId}/deputies/${s.deputyIds[0]}`, { seated: false });
    expect(res.body.error?.code).toBe('roster_locked');
    expect((await http.post(`/api/ballots/${b}/close`)).status).toBe(200);
    const { ballot } = (await http.get(`/api/ballots/${b}`)).body;
    expect(ballot.attendance).toMatchObject({ seated: 3, present: 3 });
  });

  it('refuses a roster import while a ballot is open, but allows a name or seat correction', async () => {
    await openOne(false);
    const before = t.checksum();
    const imported = await http.post(`/api/meetings/${s.meetingId}/deputies/import`, { csv: '姓名,代表团,座位号\n新代表,龙港镇,99\n' });
    expect(imported.status).toBe(409);
    expect(imported.body.error.code).toBe('roster_locked');
    expect(t.checksum()).toBe(before);
    const renamed = await http.request('PATCH', `/api/meetings/${s.meetingId}/deputies/${s.deputyIds[0]}`, { name: '改名代表' });
    expect(renamed.status).toBe(200);
    const moved = await http.request('PATCH', `/api/meetings/${s.meetingId}/deputies/${s.deputyIds[0]}`, { delegation: '别的代表团' });
    expect(moved.body.error?.code).toBe('roster_locked');
  });
});
