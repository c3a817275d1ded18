import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { json, type TestApp } from './helpers/app.ts';
import { appWithMeeting, asStaff, keySequence, type Setup, submitPaper } from './helpers/factories.ts';
import { fixtureText } from './helpers/hall.ts';

// Issue 14 for an imported year: the 2022 projects, imported from their completion report, rated at the 2023
// session — a chosen subset, numbered as the year's list numbers them, the rated-majority base, a project rated
// 不满意 flagged for 整改 everywhere it is shown; then the same projects with the county reporting 满意率 only.

let t: TestApp;
let s: Setup;
const key = keySequence('imported-key-', 12);
beforeEach(async () => {
  ({ t, s } = await appWithMeeting(9));
});
afterEach(async () => t.close());

const call = (method: 'GET' | 'POST', url: string, payload?: object) => asStaff(t, s.cookie, method, url, payload);

async function rate(ballotId: string, marksOf: (i: number) => Record<string, string>) {
  expect((await call('POST', `/api/ballots/${ballotId}/open`)).status).toBe(200);
  for (let i = 0; i < 9; i++) expect((await submitPaper(t, s.tokens[i]!, ballotId, { key: key(), marks: marksOf(i) })).statusCode).toBe(201);
  expect((await call('POST', `/api/ballots/${ballotId}/close`)).status).toBe(200);
  expect((await call('POST', `/api/ballots/${ballotId}/announce`)).status).toBe(200);
}

describe('an imported year rated a year on', () => {
  it('rates the chosen 2022 projects at the 2023 session and flags 不满意 for 整改', async () => {
    expect((await call('POST', '/api/projects/import-completed', JSON.parse(fixtureText('qinshui-2022-completed.json')))).status).toBe(201);
    const year = ((await call('GET', '/api/projects?year=2022')).body.projects as { id: string; seq: number; name: string }[]).sort((a, b) => a.seq - b.seq);
    expect(year).toHaveLength(12);
    const chosen = year.filter((_, i) => i !== 1 && i !== 5); // two unticked

    const created = await call('POST', `/api/meetings/${s.meetingId}/evaluations`, {
      year: 2022,
      title: '2022 年民生实事项目满意度测评',
      projectIds: [...chosen].reverse().map((p) => p.id), // any order: the paper keeps the year's
      threshold: 'rated-majority',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.ballot).toMatchObject({ kind: 'evaluation', threshold: 'rated-majority', evaluationReport: 'rating', seats: null, maxApprovals: null });
    expect(created.body.candidates.map((c: { id: string; seq: number }) => [c.id, c.seq])).toEqual(chosen.map((p) => [p.id, year.indexOf(p) + 1]));
    expect((await call('GET', `/api/meetings/${s.meetingId}/candidates`)).body.candidates).toHaveLength(15);
    const ballotId: string = created.body.ballot.id;

    const bad = chosen[0]!;
    const skipped = chosen[1]!; // rated by three deputies only: all 满意
    await rate(ballotId, (i) => {
      const marks: Record<string, string> = {};
      for (const p of chosen) marks[p.id] = 'satisfied';
      marks[bad.id] = i < 2 ? 'satisfied' : i < 4 ? 'basically_satisfied' : 'dissatisfied';
      if (i >= 3) delete marks[skipped.id];
      return marks;
    });

    const evaluation = async (id: string) => (await call('GET', `/api/projects/${id}`)).body.project.evaluation;
    expect(await evaluation(bad.id)).toMatchObject({ ballotId, rating: 'dissatisfied', rectification: true, satisfactionRate: 4 / 9 });
    // rated-majority: 3 of 3 raters is 满意, and the 满意率 is over the raters too.
    expect(await evaluation(skipped.id)).toMatchObject({ rating: 'satisfied', rectification: false, satisfactionRate: 1 });
    expect(await evaluation(year[1]!.id)).toBeNull();
    const record = (await call('GET', `/api/ballots/${ballotId}/record`)).body;
    expect(record.format).toBe('piaojue/ballot-record@2');
    expect(record.candidates.map((c: { id: string }) => c.id)).toEqual(chosen.map((p) => p.id));

    const text = (await call('GET', '/api/projects/report?year=2022&format=text')).body as string;
    expect(text).toContain('满意度测评：不满意，满意率 44.4%（需整改）。');
    expect(text).toContain('满意度测评：满意 9 件，基本满意 0 件，不满意 1 件。');
    const pub = (await t.app.inject({ method: 'GET', url: `/api/public/projects/${bad.id}` })).json();
    expect(pub.project.evaluation).toMatchObject({ rating: 'dissatisfied', rectification: true });

    // The county reports 满意率 only: a later evaluation leaves a rate and no rating (nor a 整改 flag).
    const rateOnly = await call('POST', `/api/meetings/${s.meetingId}/evaluations`, { year: 2022, title: '满意率测评', projectIds: [bad.id], report: 'rate' });
    expect(rateOnly.body.ballot.evaluationReport).toBe('rate');
    await rate(rateOnly.body.ballot.id, (i) => ({ [bad.id]: i < 8 ? 'satisfied' : 'dissatisfied' }));
    expect(await evaluation(bad.id)).toMatchObject({ rating: null, ratingLabel: null, rectification: false, satisfactionRate: 8 / 9 });
  });

  it('refuses a project of another year, one listed twice, and a 票决 threshold as the base', async () => {
    expect((await call('POST', '/api/projects/import-completed', JSON.parse(fixtureText('qinshui-2022-completed.json')))).status).toBe(201);
    const [p] = (await call('GET', '/api/projects?year=2022')).body.projects as { id: string }[];
    const twice = await call('POST', `/api/meetings/${s.meetingId}/evaluations`, { year: 2022, title: '测评', projectIds: [p!.id, p!.id] });
    expect(twice.body.error).toMatchObject({ code: 'invalid_input', message: 'projectIds.1: listed twice' });
    const unknown = await call('POST', `/api/meetings/${s.meetingId}/evaluations`, { year: 2022, title: '测评', projectIds: ['pr-nope'] });
    expect(unknown.body.error.message).toBe('projectIds.0: not a 2022 project');
    const base = await call('POST', `/api/meetings/${s.meetingId}/evaluations`, { year: 2022, title: '测评', threshold: 'seated-majority' });
    expect(base.status).toBe(400);
    expect((await call('GET', `/api/meetings/${s.meetingId}/ballots`)).body.ballots).toHaveLength(0);
  });
});
