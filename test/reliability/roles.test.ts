import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '../../server/auth/store.ts';
import { json, makeApp, type TestApp } from '../helpers/app.ts';
import { appWithMeeting, checkInTablets, meetingWithTablets, openBallot, type Setup, submitPaper } from '../helpers/factories.ts';
import {
  ALL_ROLES,
  allows,
  denial,
  fillUrl,
  isStaticRoute,
  ownRoutes,
  PENDING_PREFIXES,
  ROUTE_TABLE,
  routeKey,
  type Role,
  type RouteSpec,
} from './routes.ts';
import { makeWorld, type World } from './world.ts';

// Who may call what: every HTTP route × every role, walked against a real app. The table (routes.ts) is the
// decision; this test holds the app to it, and fails when a route appears that the table does not decide.

let w: World;
let who: Record<Role, Record<string, string>>;
beforeAll(async () => {
  w = await makeWorld({ deputies: 3 });
  who = w.headers;
});
afterAll(async () => w.t.close());

describe('the table', () => {
  it('decides every route the app serves, and lists none it does not', () => {
    const served = ownRoutes(w.t.app).filter((r) => !isStaticRoute(r.url));
    const decided = new Set(ROUTE_TABLE.map(routeKey));
    const undecided = served.filter((r) => !decided.has(routeKey(r)));
    const pending = undecided.filter((r) => PENDING_PREFIXES.some((p) => r.url.startsWith(p)));
    if (pending.length) console.warn(`roles not yet decided (pending, see routes.ts):\n  ${pending.map(routeKey).join('\n  ')}`);
    expect(undecided.filter((r) => !pending.includes(r)).map(routeKey), 'add these routes to ROUTE_TABLE in test/reliability/routes.ts').toEqual([]);
    const servedKeys = new Set(served.map(routeKey));
    expect(ROUTE_TABLE.map(routeKey).filter((k) => !servedKeys.has(k)), 'stale rows in ROUTE_TABLE').toEqual([]);
  });

  it('the built screens are public and read-only', async () => {
    const screens = ownRoutes(w.t.app).filter((r) => isStaticRoute(r.url));
    for (const r of screens) {
      expect(r.method).toBe('GET');
      const res = await w.t.app.inject({ method: 'GET', url: r.url });
      expect(res.statusCode, r.url).toBeLessThan(400);
    }
  });

  it('the websocket route answers no plain HTTP request, whoever asks (roles are settled by hello)', async () => {
    for (const role of ALL_ROLES) {
      const res = await w.t.app.inject({ method: 'GET', url: '/ws', headers: who[role] });
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
    }
  });
});

/** A caller's headers for one request; logging out spends a session, so it gets a fresh one. */
async function headersFor(spec: RouteSpec, role: Role): Promise<Record<string, string>> {
  if (spec.url !== '/api/logout' || !who[role].cookie) return who[role];
  const me = json(await w.t.app.inject({ method: 'GET', url: '/api/me', headers: who[role] }));
  return { cookie: `pj_session=${await createSession(w.t.opened.db, me.account.id as string, Date.now())}` };
}

describe.each(ROUTE_TABLE.filter((s) => s.access.kind !== 'socket').map((s) => [routeKey(s), s] as const))('%s', (_key, spec) => {
  it.each(ALL_ROLES)('as %s', async (role) => {
    // Unknown ids and an empty body: access is decided before either is looked at.
    const url = fillUrl(spec.url, () => 'zz-nope');
    for (const method of spec.method === 'GET' ? (['GET', 'HEAD'] as const) : [spec.method]) {
      const before = w.t.checksum();
      const res = await w.t.app.inject({ method, url, headers: await headersFor(spec, role), ...(method === 'GET' || method === 'HEAD' ? {} : { payload: {} }) });
      const what = `${method} ${url} as ${role} → ${res.statusCode} ${res.body.slice(0, 200)}`;
      if (allows(spec.access, role)) {
        expect([401, 403], what).not.toContain(res.statusCode);
        expect(res.statusCode, what).toBeLessThan(500);
        continue;
      }
      const denied = denial(spec.access, role);
      expect(res.statusCode, what).toBe(denied.status);
      if (method !== 'HEAD') expect(json(res).error.code, what).toBe(denied.code);
      expect(w.t.checksum(), `${what}: a refused request changed the database`).toBe(before);
    }
  });
});

describe('a deputy acts only as themself', () => {
  let t: TestApp;
  let s: Setup;
  beforeAll(async () => {
    ({ t, s } = await appWithMeeting(6, { checkIn: false }));
  });
  afterAll(async () => t.close());

  const tablet = (i: number) => ({ authorization: `Bearer ${s.tokens[i]}` });
  const castsOf = (ballotId: string) =>
    (t.opened.sqlite.prepare('select deputy_id from "cast" where ballot_id = ? order by deputy_id').all(ballotId) as { deputy_id: string }[]).map((r) => r.deputy_id);

  async function refused(send: () => Promise<{ statusCode: number; body: string }>, status: number, code: string) {
    const before = t.checksum();
    const res = await send();
    expect(res.statusCode, res.body).toBe(status);
    expect(JSON.parse(res.body).error.code).toBe(code);
    expect(t.checksum()).toBe(before);
  }

  it('checks in only the tablet’s own deputy; a deputyId in the body is refused', async () => {
    await refused(() => t.app.inject({ method: 'POST', url: '/api/deputy/check-in', headers: tablet(0), payload: { deputyId: s.deputyIds[1] } }), 400, 'invalid_input');
    expect((await t.app.inject({ method: 'POST', url: '/api/deputy/check-in?deputyId=' + s.deputyIds[1], headers: tablet(0), payload: {} })).statusCode).toBe(201);
    const checkedIn = t.opened.sqlite.prepare('select deputy_id from check_in').all() as { deputy_id: string }[];
    expect(checkedIn.map((r) => r.deputy_id)).toEqual([s.deputyIds[0]]);
  });

  it('a paper is cast for the token’s deputy, never for one named in the body or the query', async () => {
    await checkInTablets(t, s.tokens);
    const ballotId = await openBallot(t, s, { secret: false });
    const marks = { [s.candidateIds[0]!]: 'for' };
    await refused(() => submitPaper(t, s.tokens[0]!, ballotId, { key: 'a'.repeat(20), marks, deputyId: s.deputyIds[1] }), 400, 'invalid_input');
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/deputy/ballots/${ballotId}/papers?deputyId=${s.deputyIds[1]}`,
      headers: tablet(0),
      payload: { key: 'a'.repeat(20), marks },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(castsOf(ballotId)).toEqual([s.deputyIds[0]]);
    // A named ballot's paper carries the deputy: the one whose tablet sent it.
    const paper = t.opened.sqlite.prepare('select deputy_id from paper where ballot_id = ?').get(ballotId) as { deputy_id: string };
    expect(paper.deputy_id).toBe(s.deputyIds[0]);
    // The deputy named in the query has not voted, and still can.
    expect((await submitPaper(t, s.tokens[1]!, ballotId, { key: 'b'.repeat(20), marks })).statusCode).toBe(201);
    await t.app.inject({ method: 'POST', url: `/api/ballots/${ballotId}/close`, payload: {}, headers: { cookie: s.cookie } });
  });

  it('a tablet cannot issue pairing codes, check others in, revoke tablets or read the hall', async () => {
    const [m, other] = [s.meetingId, s.deputyIds[1]!];
    const device = (t.opened.sqlite.prepare('select id from device where deputy_id = ?').get(other) as { id: string }).id;
    await refused(() => t.app.inject({ method: 'POST', url: `/api/meetings/${m}/deputies/${other}/pairing-code`, headers: tablet(0), payload: {} }), 401, 'unauthenticated');
    await refused(() => t.app.inject({ method: 'POST', url: `/api/meetings/${m}/check-ins`, headers: tablet(0), payload: { deputyId: other } }), 401, 'unauthenticated');
    await refused(() => t.app.inject({ method: 'POST', url: `/api/devices/${device}/revoke`, headers: tablet(0), payload: {} }), 401, 'unauthenticated');
    await refused(() => t.app.inject({ method: 'GET', url: `/api/meetings/${m}/deputies`, headers: tablet(0) }), 401, 'unauthenticated');
  });

  it('a tablet cannot vote on another meeting’s ballot', async () => {
    const other = await meetingWithTablets(t, 3);
    await checkInTablets(t, other.tokens);
    const foreign = await openBallot(t, other);
    await refused(() => submitPaper(t, s.tokens[2]!, foreign, { key: 'c'.repeat(20), marks: {} }), 403, 'forbidden');
  });

  it('forged, revoked and unseated credentials are nobody', async () => {
    await refused(() => t.app.inject({ method: 'GET', url: '/api/deputy/me', headers: { authorization: 'Bearer forged-token-000000000000' } }), 401, 'unauthenticated');
    // A tablet token presented as a session cookie, and a session cookie presented as a tablet token.
    await refused(() => t.app.inject({ method: 'GET', url: '/api/meetings', headers: { cookie: `pj_session=${s.tokens[3]}` } }), 401, 'unauthenticated');
    const session = s.cookie.split('=')[1]!;
    await refused(() => t.app.inject({ method: 'GET', url: '/api/deputy/me', headers: { authorization: `Bearer ${session}` } }), 401, 'unauthenticated');

    const device = (t.opened.sqlite.prepare('select id from device where deputy_id = ?').get(s.deputyIds[3]) as { id: string }).id;
    expect((await t.app.inject({ method: 'POST', url: `/api/devices/${device}/revoke`, headers: { cookie: s.cookie }, payload: {} })).statusCode).toBe(200);
    await refused(() => t.app.inject({ method: 'GET', url: '/api/deputy/me', headers: tablet(3) }), 401, 'unauthenticated');

    const unseat = await t.app.inject({ method: 'PATCH', url: `/api/meetings/${s.meetingId}/deputies/${s.deputyIds[4]}`, headers: { cookie: s.cookie }, payload: { seated: false } });
    expect(unseat.statusCode, unseat.body).toBe(200);
    await refused(() => t.app.inject({ method: 'GET', url: '/api/deputy/me', headers: tablet(4) }), 401, 'unauthenticated');
  });
});

it('a staff session ends after its 12 hours', async () => {
  let clock = Date.now();
  const t = await makeApp({ now: () => clock });
  try {
    const { cookie } = await t.as('operator');
    expect((await t.app.inject({ method: 'GET', url: '/api/meetings', headers: { cookie } })).statusCode).toBe(200);
    clock += 12 * 3600 * 1000 + 1;
    const res = await t.app.inject({ method: 'GET', url: '/api/meetings', headers: { cookie } });
    expect(res.statusCode).toBe(401);
  } finally {
    await t.close();
  }
});
