import { afterEach, beforeEach, expect, it } from 'vitest';
import { consoleCombined, type RoundReply } from '../client/console/ballots/combined.ts';
import { json, type TestApp } from './helpers/app.ts';
import { appWithMeeting, keySequence, listenLoopback, openBallot, type Setup, submitPaper } from './helpers/factories.ts';
import { WsClient } from './helpers/ws.ts';

// Issue 10: the projector, the console and promotion all take the run-off chain's selection from one rule
// (shared/rules/combine.ts). Announced out of order — the run-off first, then its first round — they must
// still name the same selected candidates, and the hall must end on the combined selection, not the tie.

let t: TestApp;
let s: Setup;
let url: string;
const key = keySequence();

beforeEach(async () => {
  ({ t, s } = await appWithMeeting(9));
  url = await listenLoopback(t);
});
afterEach(async () => t.close());

async function call(method: 'GET' | 'POST', path: string, payload?: object) {
  const res = await t.app.inject({ method, url: path, headers: { cookie: s.cookie }, ...(payload ? { payload } : method === 'POST' ? { payload: {} } : {}) });
  if (res.statusCode >= 300) throw new Error(`${path}: ${res.statusCode} ${res.body}`);
  return json(res);
}
async function vote(ballotId: string, papers: string[][]) {
  for (const [i, fors] of papers.entries()) {
    const res = await submitPaper(t, s.tokens[i]!, ballotId, { key: key(), marks: Object.fromEntries(fors.map((c) => [c, 'for'])) });
    expect(res.statusCode, res.body).toBe(201);
  }
}

it('announcing the run-off before its first round: projector, console and promotion name the same selection', async () => {
  const [a, b, c] = s.candidateIds as [string, string, string];
  const display = await call('POST', `/api/meetings/${s.meetingId}/display-tokens`, { label: '主屏' });
  const projector = await WsClient.connect(url);
  projector.send({ type: 'hello', role: 'projector', token: display.token });
  await projector.waitFor('attendance');

  // First round: a is in, b and c tie for the last place.
  const first = await openBallot(t, s, { candidateIds: [a, b, c], seats: 2, threshold: 'none' });
  await vote(first, [[a, b], [a, b], [a, b], [a, c], [a, c], [a, c]]);
  await call('POST', `/api/ballots/${first}/close`);
  // The run-off, held and announced while the first round is still only closed.
  const runoff: string = (await call('POST', `/api/ballots/${first}/runoff`, {})).ballot.id;
  await call('POST', `/api/ballots/${runoff}/open`);
  await vote(runoff, [[c], [c], [c], [c], [b]]);
  await call('POST', `/api/ballots/${runoff}/close`);
  await call('POST', `/api/ballots/${runoff}/announce`);

  // Nothing the run-off decided is final yet: the hall sees the run-off's own result, promotion makes nothing.
  const early = await projector.waitFor('results', (r) => r.ballotId === runoff);
  expect(early.tally.selected).toEqual([c]);
  expect(early.final).toBeUndefined();
  expect((await call('GET', '/api/projects')).projects).toEqual([]);

  // Now the first round: the hall ends on the combined selection, not the stale tie.
  await call('POST', `/api/ballots/${first}/announce`);
  const last = await projector.waitFor('results', (r) => r.ballotId === first);
  expect(last.tally.tie).not.toBeNull();
  const projected = last.final?.selected;
  expect(projected).toEqual([a, c]);
  await new Promise((r) => setTimeout(r, 100));
  const results = projector.messages.filter((m) => m.type === 'results');
  expect(results.at(-1)).toMatchObject({ ballotId: first, final: { selected: [a, c], rounds: [first, runoff] } });

  // Promotion: one project per finally selected candidate.
  // (A project carries its candidate's name; map it back to the candidate's id.)
  const byName = new Map<string, string>((await call('GET', `/api/ballots/${first}`)).candidates.map((x: { id: string; name: string }) => [x.name, x.id]));
  const projects: { name: string; selection: { via: string } }[] = (await call('GET', '/api/projects')).projects;
  const promoted = projects.map((p) => byName.get(p.name));

  // The console: the combined selection it shows on the run-off's page, from the rounds' tallies.
  const chain: RoundReply[] = [await call('GET', `/api/ballots/${first}/tally`), await call('GET', `/api/ballots/${runoff}/tally`)];
  const onConsole = consoleCombined(chain)?.selected;

  expect(new Set(promoted)).toEqual(new Set([a, c]));
  expect(onConsole).toEqual(projected);
  expect(new Set(promoted)).toEqual(new Set(projected));
  expect(Object.fromEntries(projects.map((p) => [byName.get(p.name), p.selection.via]))).toEqual({ [a]: 'vote', [c]: 'runoff' });
  projector.close();
});
