import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestApp } from './helpers/app.ts';
import { appWithMeeting, asStaff, keySequence, openBallot, type Setup, submitPaper } from './helpers/factories.ts';

// Ties at the cut: a run-off's winners, or the presidium's choice, join the main ballot's selection.

let t: TestApp;
let s: Setup;
const key = keySequence();

beforeEach(async () => {
  ({ t, s } = await appWithMeeting(9));
});
afterEach(async () => t.close());

const call = (method: 'GET' | 'POST', url: string, cookie: string, payload?: object) => asStaff(t, cookie, method, url, payload);
async function vote(ballotId: string, marks: Record<string, string>[]) {
  for (const [i, m] of marks.entries()) {
    const res = await submitPaper(t, s.tokens[i]!, ballotId, { key: key(), marks: m });
    expect(res.statusCode, res.body).toBe(201);
  }
}
const fors = (ids: string[]) => Object.fromEntries(ids.map((c) => [c, 'for']));

describe('promotion with ties', () => {
  it("a run-off's winners join the main ballot's selection when the run-off is announced", async () => {
    const op = s.cookie;
    const [a, b, c] = s.candidateIds as [string, string, string];
    const id = await openBallot(t, s, { candidateIds: [a, b, c], seats: 2, threshold: 'none' });
    await vote(id, [fors([a, b]), fors([a, b]), fors([a, b]), fors([a, c]), fors([a, c]), fors([a, c])]);
    await call('POST', `/api/ballots/${id}/close`, op);
    await call('POST', `/api/ballots/${id}/announce`, op);
    const names = async () => (await call('GET', '/api/projects', op)).body.projects.map((p: any) => [p.selection.via, p.selection.votes.for]);
    expect(await names()).toEqual([['vote', 6]]);

    const runoff = (await call('POST', `/api/ballots/${id}/runoff`, op, {})).body.ballot.id as string;
    await call('POST', `/api/ballots/${runoff}/open`, op);
    await vote(runoff, [fors([c]), fors([c]), fors([c]), fors([b])]);
    await call('POST', `/api/ballots/${runoff}/close`, op);
    await call('POST', `/api/ballots/${runoff}/announce`, op);
    const projects = (await call('GET', '/api/projects', op)).body.projects;
    expect(projects.map((p: any) => p.selection)).toEqual([
      { ballotId: id, selectedByBallotId: id, via: 'vote', votes: { for: 6, against: 0, abstain: 0 }, rank: 1 },
      { ballotId: id, selectedByBallotId: runoff, via: 'runoff', votes: { for: 3, against: 0, abstain: 3 }, rank: 2 },
    ]);
    const before = t.checksum();
    for (const ballot of [id, runoff]) expect((await call('POST', `/api/ballots/${ballot}/promote`, op)).body.changed).toEqual([]);
    expect(t.checksum()).toBe(before);
  });

  it('a presidium decision recorded after the announcement is promoted by the re-run', async () => {
    const op = s.cookie;
    const [a, b, c] = s.candidateIds as [string, string, string];
    const id = await openBallot(t, s, { candidateIds: [a, b, c], seats: 2, threshold: 'none', ties: 'presidium' });
    await vote(id, [fors([a, b]), fors([a, c])]);
    await call('POST', `/api/ballots/${id}/close`, op);
    await call('POST', `/api/ballots/${id}/announce`, op);
    expect((await call('GET', '/api/projects', op)).body.projects).toHaveLength(1);
    await call('POST', `/api/ballots/${id}/presidium-decision`, op, { selected: [c] });
    const rerun = await call('POST', `/api/ballots/${id}/promote`, op);
    expect(rerun.body.changed).toHaveLength(1);
    expect(rerun.body.projects.map((p: any) => p.selection.via)).toEqual(['vote', 'presidium']);
  });
});
