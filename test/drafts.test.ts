import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestApp } from './helpers/app.ts';
import { appWithMeeting, asStaff, checkInTablets, openBallot, type Setup } from './helpers/factories.ts';

// Draft ballots can be corrected or thrown away (issue 13); both are audited; an opened ballot never changes.
let t: TestApp;
let s: Setup;
beforeEach(async () => {
  ({ t, s } = await appWithMeeting(1, { checkIn: false }));
});
afterEach(async () => t.close());

const call = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) => asStaff(t, s.cookie, method, url, payload);

describe('draft ballots', () => {
  it('edits a draft (settings and candidates) and deletes another, both audited', async () => {
    const created = await call('POST', `/api/meetings/${s.meetingId}/ballots`, { title: '测试票', seats: 10 });
    const id: string = created.body.ballot.id;
    const five = s.candidateIds.slice(0, 5);
    const edited = await call('PATCH', `/api/ballots/${id}`, { title: '正式票决', seats: 3, candidateIds: five, durationSeconds: 300 });
    expect(edited.status).toBe(200);
    expect(edited.body.ballot).toMatchObject({ title: '正式票决', seats: 3, status: 'draft' });
    expect(edited.body.candidates.map((c: { id: string }) => c.id)).toEqual(five);
    const listed = (await call('GET', `/api/meetings/${s.meetingId}/ballots`)).body.ballots;
    expect(listed[0]).toMatchObject({ id, candidateCount: 5, seats: 3 });
    const tooMany = await call('PATCH', `/api/ballots/${id}`, { title: 'x', seats: 6, candidateIds: five });
    expect(tooMany.status).toBe(400);

    const deleted = await call('POST', `/api/ballots/${id}/delete`, {});
    expect(deleted.status).toBe(200);
    expect((await call('GET', `/api/ballots/${id}`)).status).toBe(404);
    expect((await call('GET', `/api/meetings/${s.meetingId}/ballots`)).body.ballots).toEqual([]);
    const audit = (await call('GET', `/api/audit?ballotId=${id}`)).body.events.map((e: { action: string }) => e.action);
    expect(audit).toEqual(expect.arrayContaining(['ballot.created', 'ballot.edited', 'ballot.deleted']));
  });

  it('refuses to edit or delete an opened ballot, and changes nothing', async () => {
    await checkInTablets(t, s.tokens);
    const id = await openBallot(t, s, { seats: 2 });
    const before = t.checksum();
    const edit = await call('PATCH', `/api/ballots/${id}`, { title: '改', seats: 1 });
    expect(edit.status).toBe(409);
    expect(edit.body.error.code).toBe('ballot_state');
    expect((await call('POST', `/api/ballots/${id}/delete`, {})).body.error.code).toBe('ballot_state');
    expect(t.checksum()).toBe(before);
  });
});
