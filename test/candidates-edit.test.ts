import { afterEach, describe, expect, it } from 'vitest';
import { json, makeApp, type TestApp } from './helpers/app.ts';
import { checkInTablets, meetingWithTablets, openBallot } from './helpers/factories.ts';

// 候选项目 screen (issue 13): a candidate is edited before any ballot uses it (audited field by field); once an
// opened ballot lists it, the edit is refused with candidate_in_use and nothing changes.
let t: TestApp;
afterEach(async () => t?.close());

const patch = (id: string, payload: object, cookie: string) => t.app.inject({ method: 'PATCH', url: `/api/candidates/${id}`, payload, headers: { cookie } });

describe('editing a candidate', () => {
  it('changes the fields sent and audits each old and new value', async () => {
    t = await makeApp();
    const s = await meetingWithTablets(t, 3);
    const id = s.candidateIds[0]!;
    const res = await patch(id, { name: '城乡公益性岗位（修订）', budgetWan: 123.5, units: { lead: ['园林绿化服务中心'], cooperate: [], implement: [] } }, s.cookie);
    expect(res.statusCode).toBe(200);
    expect(json(res).candidate).toMatchObject({ name: '城乡公益性岗位（修订）', budgetWan: 123.5, units: { lead: ['园林绿化服务中心'] } });
    const list = json(await t.app.inject({ url: `/api/meetings/${s.meetingId}/candidates`, headers: { cookie: s.cookie } }));
    expect(list.candidates[0].name).toBe('城乡公益性岗位（修订）');
    expect(list.inUse).toEqual([]);
    const audit = json(await t.app.inject({ url: `/api/audit?meetingId=${s.meetingId}&action=candidate.edited`, headers: { cookie: s.cookie } })).events;
    expect(audit).toHaveLength(1);
    expect(audit[0].detail.changes.budget_wan.to).toBe(123.5);
    expect(audit[0].detail.changes.name.to).toBe('城乡公益性岗位（修订）');
    // Bad input changes nothing: empty edit, negative budget, another candidate's name, and an object whose
    // `length` cannot be compared (zod's length check ran on it and threw: a 500 found by the hostile walk).
    const before = t.checksum();
    const lengthTraps = [{ remarks: { length: { toString: null } } }, { summary: { length: { valueOf: null, toString: null } } }, { name: { length: [] } }];
    for (const body of [{}, { budgetWan: -1 }, { name: list.candidates[1].name }, { seq: 4 }, ...lengthTraps]) {
      const bad = await patch(id, body, s.cookie);
      expect(bad.statusCode, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(json(bad).error.code).toMatch(/invalid_input|conflict/);
    }
    expect(t.checksum()).toBe(before);
  });

  it('is refused with candidate_in_use once an opened ballot lists the candidate', async () => {
    t = await makeApp();
    const s = await meetingWithTablets(t, 3);
    await checkInTablets(t, s.tokens);
    await openBallot(t, s);
    const list = json(await t.app.inject({ url: `/api/meetings/${s.meetingId}/candidates`, headers: { cookie: s.cookie } }));
    expect([...list.inUse].sort()).toEqual([...s.candidateIds].sort());
    const before = t.checksum();
    const res = await patch(s.candidateIds[0]!, { budgetWan: 1 }, s.cookie);
    expect(res.statusCode).toBe(409);
    expect(json(res).error.code).toBe('candidate_in_use');
    expect(t.checksum()).toBe(before);
    // A scrutineer cannot edit at all.
    const { cookie } = await t.as('scrutineer');
    expect((await patch(s.candidateIds[0]!, { budgetWan: 1 }, cookie)).statusCode).toBe(403);
  });
});
