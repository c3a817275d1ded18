import { afterEach, describe, expect, it } from 'vitest';
import { json, makeApp, type TestApp } from './helpers/app.ts';
import { announcedBallot } from './helpers/announced.ts';
import { checkInTablets, meetingWithTablets } from './helpers/factories.ts';

// Issue 13: the ballot page says what announcing did — N projects promoted, with links. GET /api/ballots/:id/promoted
// answers from the audit log's projects.promoted events of that ballot: nothing before the announcement.
let t: TestApp;
afterEach(async () => t?.close());

describe('what an announcement promoted', () => {
  it('names the ten projects announcing a 15 选 10 promoted; a draft promoted none', async () => {
    t = await makeApp();
    const s = await meetingWithTablets(t, 9);
    await checkInTablets(t, s.tokens);
    const get = async (id: string) => json(await t.app.inject({ url: `/api/ballots/${id}/promoted`, headers: { cookie: s.cookie } }));
    const id = await announcedBallot(t, s, '票决');
    const promoted = await get(id);
    expect(promoted.count).toBe(10);
    const projects = json(await t.app.inject({ url: '/api/projects', headers: { cookie: s.cookie } })).projects as { id: string; name: string }[];
    expect(promoted.projects.map((p: { id: string }) => p.id).sort()).toEqual(projects.map((p) => p.id).sort());
    expect(promoted.year).toBeTypeOf('number');
    // Re-running promotion changes nothing and adds nothing to what the announcement did.
    await t.app.inject({ method: 'POST', url: `/api/ballots/${id}/promote`, payload: {}, headers: { cookie: s.cookie } });
    expect((await get(id)).count).toBe(10);
    const draft = json(await t.app.inject({ method: 'POST', url: `/api/meetings/${s.meetingId}/ballots`, payload: { title: '草稿', seats: 10 }, headers: { cookie: s.cookie } })).ballot.id;
    expect(await get(draft)).toEqual({ count: 0, year: null, projects: [] });
  });
});
