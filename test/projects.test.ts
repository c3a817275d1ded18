import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAccount } from '../server/auth/store.ts';
import { demoRoster, rosterCsv } from '../server/demo/roster.ts';
import type { StaffRole } from '../shared/api.ts';
import { json, login, type TestApp } from './helpers/app.ts';
import { appWithMeeting, checkInTablets, keySequence, openBallot, type Setup, submitPaper } from './helpers/factories.ts';
import { fixtureText, TOWNSHIPS } from './helpers/hall.ts';

// One year of 民生实事项目: vote → announce → projects → unit reports → 滞后 → evaluation a year on → report.

const at = (iso: string) => Date.parse(`${iso}+08:00`);
let clock = at('2023-02-21T09:00:00');
let t: TestApp;
let s: Setup;
const key = keySequence();
const PNG_1PX = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

beforeEach(async () => {
  clock = at('2023-02-21T09:00:00');
  ({ t, s } = await appWithMeeting(9, { now: () => clock }));
});
afterEach(async () => t.close());

async function call(method: 'GET' | 'POST', url: string, cookie?: string, payload?: object) {
  const res = await t.app.inject({ method, url, ...(cookie ? { headers: { cookie } } : {}), ...(payload ? { payload } : method === 'POST' ? { payload: {} } : {}) });
  return { status: res.statusCode, body: String(res.headers['content-type']).startsWith('application/json') ? json(res) : res.body, raw: res };
}

/** Accounts that sign in again after the clock jumps (sessions last 12 hours on the server's clock). */
async function accounts(list: Record<string, { role: StaffRole; unitName?: string }>) {
  for (const [username, a] of Object.entries(list)) {
    await createAccount(t.opened.db, { username, password: `${username}-password`, role: a.role, unitName: a.unitName }, Date.now());
  }
  return (username: string) => login(t.app, username, `${username}-password`);
}

async function vote(ballotId: string, marks: Record<string, string>[]) {
  for (const [i, m] of marks.entries()) {
    const res = await submitPaper(t, s.tokens[i]!, ballotId, { key: key(), marks: m });
    expect(res.statusCode, res.body).toBe(201);
  }
}
const fors = (ids: string[]) => Object.fromEntries(ids.map((c) => [c, 'for']));

/** A 2024 meeting with its own (stand-in) candidates and nine checked-in tablets. */
async function meeting2024(cookie: string) {
  const m = await call('POST', '/api/meetings', cookie, { name: '2024 年会议', date: '2024-02-20' });
  const meetingId: string = m.body.meeting.id;
  expect((await call('POST', `/api/meetings/${meetingId}/candidates/import`, cookie, JSON.parse(fixtureText('qinshui-2023-candidates.json')))).status).toBe(201);
  await call('POST', `/api/meetings/${meetingId}/deputies/import`, cookie, { csv: rosterCsv(demoRoster(TOWNSHIPS, 9)) });
  const deputies = (await call('GET', `/api/meetings/${meetingId}/deputies`, cookie)).body.deputies as { id: string }[];
  const tokens: string[] = [];
  for (const d of deputies) {
    const { code } = (await call('POST', `/api/meetings/${meetingId}/deputies/${d.id}/pairing-code`, cookie)).body;
    tokens.push((await call('POST', '/api/devices/pair', undefined, { code })).body.token);
  }
  await checkInTablets(t, tokens);
  return { meetingId, tokens };
}

describe('a year of tracked projects', () => {
  it('runs from the vote to the completion report', async () => {
    const signIn = await accounts({
      op: { role: 'operator' },
      yl: { role: 'unit', unitName: '园林绿化中心' },
      zj: { role: 'unit', unitName: '住建局' },
    });
    let op = await signIn('op');
    const c = s.candidateIds;

    // The vote: c1–c7 get 9 for, c8–c10 6, c11–c13 3 (not a majority of 9): ten selected.
    const ballotId = await openBallot(t, s);
    const top7 = c.slice(0, 7);
    await vote(ballotId, [
      ...Array.from({ length: 6 }, () => fors(c.slice(0, 10))),
      ...Array.from({ length: 3 }, () => ({ ...fors([...top7, ...c.slice(10, 13)]), [c[7]!]: 'against' })),
    ]);
    expect((await call('POST', `/api/ballots/${ballotId}/close`, op)).status).toBe(200);
    expect((await call('GET', '/api/projects?year=2023', op)).body.projects).toEqual([]);
    expect((await call('POST', `/api/ballots/${ballotId}/announce`, op)).status).toBe(200);

    // Promotion: exactly the ten, with their plans and votes.
    const listed = (await call('GET', '/api/projects?year=2023', op)).body.projects as any[];
    const fixture = JSON.parse(fixtureText('qinshui-2023-candidates.json')).candidates as any[];
    expect(listed.map((p) => p.name)).toEqual(fixture.slice(0, 10).map((f) => f.name));
    for (const p of listed) {
      const f = fixture.find((x) => x.name === p.name);
      expect(p.milestones.map((m: any) => [m.period, m.amountWan, m.text])).toEqual(f.milestones.map((m: any) => [m.period, m.amountWan ?? null, m.text]));
      expect(p).toMatchObject({ year: 2023, budgetWan: f.budgetWan, units: f.units, annualTask: f.annualTask, contacts: f.contacts, source: 'ballot' });
      expect(p.selection).toMatchObject({ ballotId, selectedByBallotId: ballotId, via: 'vote' });
    }
    const [park, , , walkway, , , oldEstates, skills] = [0, 1, 2, 3, 4, 5, 6, 7].map((i) => listed.find((p) => p.name === fixture[i].name));
    expect(park.selection).toMatchObject({ votes: { for: 9, against: 0, abstain: 0 }, rank: 1 });
    expect(skills.selection).toMatchObject({ votes: { for: 6, against: 3, abstain: 0 }, rank: 8 });
    expect(skills.milestones[1]).toMatchObject({ period: '2023-Q2', percent: 30 });
    expect(park.status).toBe('not_started');
    expect((await call('GET', `/api/audit?action=projects.promoted`, op)).body.events).toHaveLength(1);

    // Re-running the promotion adds nothing and records nothing.
    const before = t.checksum();
    const again = await call('POST', `/api/ballots/${ballotId}/promote`, op);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ kind: 'selection', changed: [] });
    expect(again.body.projects).toHaveLength(10);
    expect(t.checksum()).toBe(before);

    // Units see only their projects, and report only on them.
    const zj = await signIn('zj');
    expect((await call('GET', '/api/projects', zj)).body.projects.map((p: any) => p.name)).toEqual([walkway.name, oldEstates.name]);
    expect((await call('GET', `/api/projects/${park.id}`, zj)).status).toBe(403);
    const filed: { projectId: string; spentWan: number; outputs: Record<string, number> }[] = [];
    const report = async (cookie: string, projectId: string, body: Record<string, unknown>) => {
      const res = await call('POST', `/api/projects/${projectId}/reports`, cookie, body);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      filed.push({ projectId, spentWan: body.spentWan as number, outputs: (body.outputs ?? {}) as Record<string, number> });
      // A unit's report is public once the secretariat approves it (review on by default; test/projects-review.test.ts).
      const approved = await call('POST', `/api/projects/${projectId}/reports/${res.body.reportId}/approve`, await signIn('op'));
      expect(approved.status, JSON.stringify(approved.body)).toBe(200);
      return approved.body;
    };

    clock = at('2023-02-27T10:00:00');
    const yl = await signIn('yl');
    const first = await report(yl, park.id, {
      date: '2023-02-27',
      milestonesReached: [0],
      spentWan: 50,
      outputs: { 完成设计批复: 1 },
      note: '初步设计已批复，财政评审完成',
      photos: [{ filename: '现场.png', contentType: 'image/png', dataBase64: PNG_1PX }],
    });
    expect(first.project).toMatchObject({ status: 'in_progress', progress: { milestonesReached: 1, milestonesTotal: 9 } });
    const photo = first.project.reports[0].photos[0];
    const served = await t.app.inject({ method: 'GET', url: photo.url });
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/png');
    // Stored as re-encoded from its pixels (no metadata rides along): the same one pixel, served as stored.
    const stored = t.opened.sqlite.prepare('select file from report_photo').get() as { file: string };
    expect(served.rawPayload.equals(readFileSync(path.join(t.dir, 'photos', stored.file)))).toBe(true);
    const pixels = await sharp(served.rawPayload).raw().toBuffer({ resolveWithObject: true });
    const original = await sharp(Buffer.from(PNG_1PX, 'base64')).raw().toBuffer({ resolveWithObject: true });
    expect([pixels.info.width, pixels.info.height]).toEqual([1, 1]);
    expect(pixels.data.equals(original.data)).toBe(true);

    // Another unit's report on a project not theirs: 403, nothing written.
    const zjNow = await signIn('zj');
    const unchanged = t.checksum();
    const foreign = await call('POST', `/api/projects/${park.id}/reports`, zjNow, { date: '2023-02-27', spentWan: 60 });
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.code).toBe('forbidden');
    expect(t.checksum()).toBe(unchanged);

    clock = at('2023-03-31T18:00:00');
    await report(await signIn('zj'), walkway.id, { date: '2023-03-31', milestonesReached: [0], spentWan: 130, outputs: { 人行道拆除米: 400 } });
    await report(await signIn('zj'), oldEstates.id, { date: '2023-03-30', milestonesReached: [0], spentWan: 1000, outputs: { 改造小区个: 3 } });
    op = await signIn('op');
    expect((await call('GET', `/api/projects/${park.id}`, op)).body.project.status).toBe('in_progress');

    // The 2023-03 node of the park passes unreached: 滞后, for the secretariat and the public alike.
    clock = at('2023-04-01T08:00:00');
    op = await signIn('op');
    const late = (await call('GET', `/api/projects/${park.id}`, op)).body.project;
    // Two reasons at once: the March node is unreached, and 50 万元 spent trails the 100 planned by March's end.
    expect(late).toMatchObject({ status: 'lagging', statusLabel: '滞后', lag: { overdue: [1], spending: { plannedWan: 100, spentWan: 50 } } });
    expect((await call('GET', `/api/projects/${walkway.id}`, op)).body.project).toMatchObject({
      status: 'in_progress',
      money: { plannedToDateWan: 120, spentToDateWan: 130 },
    });
    const pub = await call('GET', '/api/public/projects?year=2023');
    expect(pub.status).toBe(200);
    expect(pub.body.projects).toHaveLength(10);
    expect(pub.body.projects.find((p: any) => p.id === park.id)).toMatchObject({ statusLabel: '滞后', reports: [{ date: '2023-02-27', spentWan: 50 }] });
    const publicText = JSON.stringify(pub.body) + JSON.stringify((await call('GET', `/api/public/projects/${park.id}`)).body);
    expect(publicText).not.toContain('contacts');
    expect(publicText).not.toContain('****');
    expect(publicText).not.toContain('staff:');

    clock = at('2023-07-05T09:00:00');
    await report(await signIn('zj'), walkway.id, { date: '2023-06-30', milestonesReached: [1], spentWan: 600, outputs: { 人行道拆除米: 300, 基层铺装米: 200 } });
    op = await signIn('op');
    expect((await call('POST', `/api/projects/${oldEstates.id}/complete`, op, { note: '提前完成', openReason: '余下改造并入下一批次' })).body.project.status).toBe('completed');

    // A year on: the 2024 session rates the 2023 projects; "this year's" candidates sit in the same meeting.
    clock = at('2024-02-20T09:00:00');
    op = await signIn('op');
    const hall = await meeting2024(op);
    const created = await call('POST', `/api/meetings/${hall.meetingId}/evaluations`, op, { year: 2023, title: '2023 年民生实事项目满意度测评' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.ballot).toMatchObject({ kind: 'evaluation', status: 'draft', threshold: 'valid-majority', seats: null, evaluationReport: 'rating' });
    // The paper's items are the projects themselves, numbered 1…n in the year's list; none enters the candidate list.
    expect(created.body.candidates.map((x: any) => x.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(created.body.candidates[0]).toMatchObject({ id: park.id, name: park.name });
    expect((await call('GET', `/api/meetings/${hall.meetingId}/candidates`, op)).body.candidates).toHaveLength(15);
    const evalId: string = created.body.ballot.id;
    const standIn = (projectId: string) => created.body.projects.find((p: any) => p.projectId === projectId).itemId as string;
    expect((await call('POST', `/api/ballots/${evalId}/open`, op)).status).toBe(200);
    for (let i = 0; i < 9; i++) {
      const marks: Record<string, string> = {};
      for (const p of created.body.projects) marks[p.itemId] = 'basically_satisfied';
      marks[standIn(park.id)] = i < 6 ? 'satisfied' : 'dissatisfied';
      marks[standIn(walkway.id)] = i < 3 ? 'satisfied' : i < 4 ? 'basically_satisfied' : 'dissatisfied';
      expect((await submitPaper(t, hall.tokens[i]!, evalId, { key: key(), marks })).statusCode).toBe(201);
    }
    await call('POST', `/api/ballots/${evalId}/close`, op);
    expect((await call('POST', `/api/ballots/${evalId}/announce`, op)).status).toBe(200);
    const rated = async (id: string) => (await call('GET', `/api/projects/${id}`, op)).body.project.evaluation;
    expect(await rated(park.id)).toMatchObject({ ballotId: evalId, rating: 'satisfied', ratingLabel: '满意' });
    expect((await rated(park.id)).satisfactionRate).toBeCloseTo(6 / 9);
    expect(await rated(walkway.id)).toMatchObject({ rating: 'dissatisfied', ratingLabel: '不满意' });
    expect(await rated(oldEstates.id)).toMatchObject({ rating: 'basically_satisfied', satisfactionRate: 1 });
    // An evaluation promotes nothing.
    expect((await call('GET', '/api/projects', op)).body.projects).toHaveLength(10);

    // The completion report: totals are the sums of what the units reported.
    const { report: r } = (await call('GET', '/api/projects/report?year=2023', op)).body;
    const latestSpent = new Map(filed.map((f) => [f.projectId, f.spentWan]));
    const outputs: Record<string, number> = {};
    for (const f of filed) for (const [k, v] of Object.entries(f.outputs)) outputs[k] = (outputs[k] ?? 0) + v;
    expect(r.totals).toMatchObject({ projects: 10, investmentWan: [...latestSpent.values()].reduce((a, b) => a + b, 0), projectsWithInvestment: 3, outputs });
    expect(r.totals.statuses.completed).toBe(1);
    expect(r.totals.evaluation).toEqual({ satisfied: 1, basically_satisfied: 8, dissatisfied: 1 });
    expect(r.categories[0]).toMatchObject({ category: '基础提升', investmentWan: 1650 });
    expect(r.categories.flatMap((g: any) => g.projects).find((p: any) => p.id === walkway.id)).toMatchObject({ investmentWan: 600, outputs: { 人行道拆除米: 700, 基层铺装米: 200 } });
    const text = await call('GET', '/api/projects/report?year=2023&format=text', op);
    expect(text.raw.headers['content-type']).toContain('text/plain');
    expect(text.body).toContain('2023 年民生实事项目完成情况');
    expect(text.body).toContain('一、基础提升（3 件，完成投资 1650 万元）');
    // The walkway as the county writes it: its theme's 一是/二是, each figure once, outputs in word order.
    expect(text.body).toMatch(/\n[一二三四五六七八九十]+是[^\n]*600 万元[^\n]*人行道拆除 700 米，基层铺装 200 米/);
    expect(text.body).toContain('满意度测评：满意 1 件，基本满意 8 件，不满意 1 件。');
    expect(existsSync(path.join(t.dir, 'photos'))).toBe(true);
    const actions = (await call('GET', '/api/audit', op)).body.events.map((e: { action: string }) => e.action);
    for (const a of ['projects.promoted', 'project.reported', 'project.completed', 'projects.evaluated']) expect(actions).toContain(a);
    expect((await call('GET', '/api/audit/verify', op)).body).toMatchObject({ ok: true });
  }, 60_000);
});
