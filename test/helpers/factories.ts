import { demoRoster, rosterCsv } from '../../server/demo/roster.ts';
import { fixtureText, TOWNSHIPS } from './hall.ts';
import { json, makeApp, type TestApp } from './app.ts';
import { asSent, rememberSealing, sealingOf, sealReady } from './sealed.ts';

export interface Setup {
  meetingId: string;
  candidateIds: string[];
  deputyIds: string[];
  /** Device tokens, one per deputy, in deputyIds order. */
  tokens: string[];
  cookie: string;
}

/**
 * A meeting with the fixture's 15 candidates and `deputies` paired tablets, none checked in. `candidates`, when
 * given, changes the fixture's candidate list before import (e.g. names an attacker would choose).
 */
export async function meetingWithTablets(
  t: TestApp,
  deputies = 9,
  candidates?: (list: Record<string, unknown>[]) => Record<string, unknown>[],
  /** The meeting's date (a 2024 meeting rates the 2023 projects). */
  date = '2023-02-21',
): Promise<Setup> {
  const { cookie } = await t.as('operator');
  const post = async (url: string, payload: unknown = {}) => {
    const res = await t.app.inject({ method: 'POST', url, payload: payload as object, headers: { cookie } });
    if (res.statusCode >= 300) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    return json(res);
  };
  const meetingId: string = (await post('/api/meetings', { name: '测试会议', date })).meeting.id;
  const fixture = JSON.parse(fixtureText('qinshui-2023-candidates.json')) as { candidates: Record<string, unknown>[] };
  if (candidates) fixture.candidates = candidates(fixture.candidates);
  const imported = await post(`/api/meetings/${meetingId}/candidates/import`, fixture);
  await post(`/api/meetings/${meetingId}/deputies/import`, { csv: rosterCsv(demoRoster(TOWNSHIPS, deputies)) });
  const list = json(await t.app.inject({ method: 'GET', url: `/api/meetings/${meetingId}/deputies`, headers: { cookie } }));
  const deputyIds: string[] = list.deputies.map((d: { id: string }) => d.id);
  const tokens: string[] = [];
  for (const id of deputyIds) {
    const { code } = await post(`/api/meetings/${meetingId}/deputies/${id}/pairing-code`);
    const paired = await t.app.inject({ method: 'POST', url: '/api/devices/pair', payload: { code } });
    tokens.push(json(paired).token);
  }
  return { meetingId, candidateIds: imported.candidates.map((c: { id: string }) => c.id), deputyIds, tokens, cookie };
}

/**
 * A fresh app (over a fresh SQLite file; `now` its clock) with a meeting of `tablets` paired tablets, all checked
 * in unless `checkIn` is false. The caller closes `t`.
 */
export async function appWithMeeting(tablets: number, opts: { checkIn?: boolean; now?: () => number } = {}): Promise<{ t: TestApp; s: Setup }> {
  const t = await makeApp(opts.now ? { now: opts.now } : {});
  const s = await meetingWithTablets(t, tablets);
  if (opts.checkIn !== false) await checkInTablets(t, s.tokens);
  return { t, s };
}

/** Listens on a free loopback port; answers the base url (http://127.0.0.1:port) for sockets and fetch. */
export const listenLoopback = (t: TestApp): Promise<string> => t.app.listen({ port: 0, host: '127.0.0.1' });

/**
 * inject() with the staff `cookie`: the status and the body, parsed when JSON. A POST, PATCH or DELETE without a
 * payload sends {} (the CSRF guard wants JSON on every state-changing request).
 */
export async function asStaff(t: TestApp, cookie: string, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) {
  const res = await t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : method === 'GET' ? {} : { payload: {} }) });
  return { status: res.statusCode, body: String(res.headers['content-type']).startsWith('application/json') ? json(res) : res.body };
}

export async function checkInTablets(t: TestApp, tokens: string[]): Promise<void> {
  for (const token of tokens) {
    const res = await t.app.inject({ method: 'POST', url: '/api/deputy/check-in', payload: {}, headers: { authorization: `Bearer ${token}` } });
    if (res.statusCode >= 300) throw new Error(`check-in: ${res.statusCode} ${res.body}`);
  }
}

export async function openBallot(t: TestApp, s: Setup, body: Record<string, unknown> = {}): Promise<string> {
  const created = await t.app.inject({
    method: 'POST',
    url: `/api/meetings/${s.meetingId}/ballots`,
    payload: { title: '票决', seats: 10, ...body },
    headers: { cookie: s.cookie },
  });
  if (created.statusCode !== 201) throw new Error(`create: ${created.body}`);
  const id: string = json(created).ballot.id;
  const opened = await t.app.inject({ method: 'POST', url: `/api/ballots/${id}/open`, payload: {}, headers: { cookie: s.cookie } });
  if (opened.statusCode !== 200) throw new Error(`open: ${opened.body}`);
  rememberSealing(id, json(opened).ballot.sealing);
  return id;
}

/** A tablet's paper over HTTP; {key, marks} for a secret ballot goes sealed, as the tablet sends it. */
export async function submitPaper(t: TestApp, token: string, ballotId: string, payload: unknown) {
  await sealReady();
  if (!sealingOf(ballotId)) {
    // A ballot opened elsewhere (a run-off, say): the tablet learns its sealing key as the real one does.
    const me = await t.app.inject({ method: 'GET', url: '/api/deputy/me', headers: { authorization: `Bearer ${token}` } });
    const open = me.statusCode === 200 ? json(me).openBallot : null;
    if (open?.ballot.id === ballotId) rememberSealing(ballotId, open.ballot.sealing);
  }
  const body = typeof payload === 'object' && payload !== null && !Array.isArray(payload) ? asSent(ballotId, payload as Record<string, unknown>) : payload;
  return t.app.inject({
    method: 'POST',
    url: `/api/deputy/ballots/${ballotId}/papers`,
    payload: body as object,
    headers: { authorization: `Bearer ${token}` },
  });
}

/**
 * A fresh counter of paper keys (the idempotency key a tablet puts on each paper): `${prefix}` and the count, zero
 * padded to `digits` ("key-00000000000000000001", then …02). One per test file keeps its keys distinct.
 */
export function keySequence(prefix = 'key-', digits = 20): () => string {
  let n = 0;
  return () => `${prefix}${String(++n).padStart(digits, '0')}`;
}

/**
 * An app with a meeting of `tablets` checked-in tablets (appWithMeeting), a ballot opened on it (openBallot, `body`
 * overrides: secret, seats…) and the app listening on loopback (`url`, for sockets). The caller closes `t`.
 */
export async function listeningBallot(tablets: number, body: Record<string, unknown> = {}): Promise<{ t: TestApp; s: Setup; url: string; ballotId: string }> {
  const { t, s } = await appWithMeeting(tablets);
  const ballotId = await openBallot(t, s, body);
  return { t, s, url: await listenLoopback(t), ballotId };
}
