import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorBodySchema } from '../../shared/errors.ts';
import { recount } from '../../shared/recount.ts';
import { json } from '../helpers/app.ts';
import { forgedCredentials, getBody, hostileBody, hostileQuery, jsonText, lit, paramChoice, strangeString, type BodySpec, type ParamChoice } from './hostile.ts';
import { allows, isStaticRoute, ownRoutes, paramsOf, specOf, type RegisteredRoute, type Role } from './routes.ts';
import { forkWorld, makeWorld, realParam, type World } from './world.ts';

// Hostile input at every HTTP route, as an admin, as a deputy's tablet and as a stranger. Whatever arrives:
// never a 5xx; a refusal is a 4xx with the {error: {code, message}} body and leaves the database byte for byte
// as it was; input that cannot be right (an unknown id, a broken body, a caller the route does not allow) is
// refused. The routes are read from the app, so a new route is walked without anyone listing it here.

const RUNS = Number(process.env.PIAOJUE_FUZZ_RUNS ?? 15);
const IDENTITIES: Role[] = ['admin', 'deputy', 'anonymous'];
/** Params naming a stored thing: an unknown value there can only be refused. */
const ID_PARAMS = new Set(['meetingId', 'deputyId', 'id', 'photoId']);
const OVER_LIMIT = 2 * 1024 * 1024 + 1;
/** Above every route's own limit (progress reports with photos take about 11 MB). */
const OVER_ANY_LIMIT = 24 * 1024 * 1024;
/**
 * KNOWN BUG: these lists answer 200 with an empty list for a meeting that does not exist, where
 * GET /api/meetings/:meetingId and …/attendance answer 404. Remove an entry once its route looks the meeting up.
 */
const EMPTY_LIST_FOR_UNKNOWN_MEETING = new Set<string>([]);

// One hall, made before the tests are collected: its app lists the routes, and each route gets a copy of it.
const template = await makeWorld({ deputies: 3 });
const routes: RegisteredRoute[] = ownRoutes(template.t.app);
afterAll(async () => template.t.close());

interface HostileRequest {
  params: Record<string, ParamChoice>;
  query: string;
  body: BodySpec;
  forged: Record<string, string>;
}

function requestArb(w: World, route: RegisteredRoute): fc.Arbitrary<HostileRequest> {
  const spec = specOf(route);
  const params = Object.fromEntries(paramsOf(route.url).map((p) => [p, paramChoice(realParam(w, route.url, p))]));
  return fc.record({
    params: fc.record(params),
    query: hostileQuery,
    body: route.method === 'GET' ? getBody : hostileBody(spec?.fields),
    forged: forgedCredentials,
  });
}

/** Why this request cannot be right, or null when it might be accepted. */
function mustRefuse(route: RegisteredRoute, role: Role, r: HostileRequest): string | null {
  const spec = specOf(route);
  if (spec && !allows(spec.access, role)) return `${role} may not call it`;
  const bad = Object.entries(r.params).find(([name, p]) => ID_PARAMS.has(name) && p.kind !== 'real');
  const lenient = EMPTY_LIST_FOR_UNKNOWN_MEETING.has(`${route.method} ${route.url}`);
  if (bad && !lenient) return `:${bad[0]} is ${bad[1].kind}`;
  if (route.method !== 'GET' && r.body.refuses) return r.body.label;
  return null;
}

function describeRequest(route: RegisteredRoute, r: HostileRequest): string {
  const payload = r.body.payload === undefined ? '' : ` ${r.body.contentType ?? '(no type)'} ${r.body.payload.slice(0, 200)}${r.body.payload.length > 200 ? '…' : ''}`;
  return `${route.method} ${url(route, r)}${payload}`;
}

function url(route: RegisteredRoute, r: HostileRequest): string {
  return route.url.replace(/:([A-Za-z]+)/g, (_, name: string) => r.params[name]!.segment) + r.query;
}

describe.each(routes.map((r) => [`${r.method} ${r.url}`, r] as const))('%s', (_name, route) => {
  let w: World;
  beforeAll(async () => {
    w = await forkWorld(template);
  });
  afterAll(async () => w.t.close());

  it.each(IDENTITIES)('as %s: hostile input is refused cleanly and changes nothing', async (role) => {
    // The websocket route answers plain HTTP itself (@fastify/websocket), with an empty 404: see the report.
    const socketRoute = specOf(route)?.access.kind === 'socket';
    await fc.assert(
      fc.asyncProperty(requestArb(w, route), async (r) => {
        const headers: Record<string, string> = { ...(role === 'anonymous' ? r.forged : w.headers[role]) };
        if (r.body.contentType) headers['content-type'] = r.body.contentType;
        const before = w.t.checksum();
        const res = await w.t.app.inject({
          method: route.method as 'GET',
          url: url(route, r),
          headers,
          ...(r.body.payload !== undefined ? { payload: r.body.payload } : {}),
        });
        const after = w.t.checksum();
        const what = `${describeRequest(route, r)} → ${res.statusCode} ${res.body.slice(0, 300)}`;
        expect(res.statusCode, what).toBeLessThan(500);
        // A '.' or '..' segment is resolved by the client before it is sent (as browsers and light-my-request do):
        // such a request is addressed to another path, which may be a screen's redirect, so only the rules that
        // hold for every request apply to it.
        const dotted = Object.values(r.params).some((p) => p.segment === '.' || p.segment === '..');
        const reason = dotted ? null : mustRefuse(route, role, r);
        if (reason !== null || (socketRoute && !dotted)) expect(res.statusCode, `${what} (must be refused: ${reason ?? 'websocket only'})`).toBeGreaterThanOrEqual(400);
        if (res.statusCode >= 400) {
          expect(after, `${what}: a refused request changed the database`).toBe(before);
          if (!socketRoute) {
            expect(res.headers['content-type'], what).toMatch(/^application\/json/);
            const body = errorBodySchema.safeParse(JSON.parse(res.body));
            expect(body.success, `${what}: not an {error: {code, message}} body`).toBe(true);
          }
        }
        if (route.method === 'GET') expect(after, `${what}: a GET changed the database`).toBe(before);
      }),
      { numRuns: RUNS },
    );
    // And the app is still there.
    expect((await w.t.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  });

  if (route.method !== 'GET') {
    it.each(IDENTITIES)(`as %s: a body over 2 MB is refused (413) and changes nothing`, async (role) => {
      const real = paramsOf(route.url).map((p) => [p, realParam(w, route.url, p) ?? 'zz-nope'] as const);
      const target = route.url.replace(/:([A-Za-z]+)/g, (_, name: string) => real.find(([p]) => p === name)![1]);
      const payload = JSON.stringify({ csv: 'x'.repeat(OVER_LIMIT) });
      const before = w.t.checksum();
      const res = await w.t.app.inject({ method: route.method as 'POST', url: target, headers: { ...w.headers[role], 'content-type': 'application/json' }, payload });
      expect(w.t.checksum()).toBe(before);
      if (specOf(route)?.largeBody) {
        // This route takes more than 2 MB: the body parses and is refused for what it says, or who sent it.
        expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
        expect(res.statusCode, res.body).toBeLessThan(500);
        const huge = await w.t.app.inject({ method: route.method as 'POST', url: target, headers: { ...w.headers[role], 'content-type': 'application/json' }, payload: JSON.stringify({ csv: 'x'.repeat(OVER_ANY_LIMIT) }) });
        expect(huge.statusCode).toBe(413);
        expect(w.t.checksum()).toBe(before);
        return;
      }
      expect(res.statusCode, res.body.slice(0, 300)).toBe(413);
      expect(JSON.parse(res.body)).toEqual({ error: { code: 'payload_too_large', message: expect.any(String) } });
    });
  }
});

it('walks every route the app serves, the screens included', () => {
  const api = routes.filter((r) => !isStaticRoute(r.url));
  expect(api.length).toBeGreaterThan(35);
  expect(routes.filter((r) => isStaticRoute(r.url)).every((r) => r.method === 'GET')).toBe(true);
});

// Strange marks inside well-formed papers: prototype names as candidate ids, unknown options, duplicate keys.
// Each paper is kept (valid, or counted invalid as 废票 — never trimmed) or refused as a 400; the tally the server
// keeps is the recount of the published record; nothing answers 5xx.
describe('papers with strange marks', () => {
  let w: World;
  beforeAll(async () => {
    w = await makeWorld({ deputies: 8 });
    await w.t.app.inject({ method: 'POST', url: `/api/ballots/${w.ballotId}/close`, payload: {}, headers: { cookie: w.cookie } });
  });
  afterAll(async () => w.t.close());

  it('are kept or refused, and the record recounts to the server tally', async () => {
    const options = ['for', 'against', 'abstain'];
    const markKey = fc.oneof(fc.constantFrom(...w.candidateIds), fc.constantFrom('constructor', 'toString', 'hasOwnProperty', 'valueOf', '0', 'length'), strangeString);
    const markValue = fc.oneof(
      fc.constantFrom(...options).map((o) => lit(JSON.stringify(o))),
      strangeString.map((v) => lit(JSON.stringify(v))),
      fc.constantFrom(lit('1'), lit('null'), lit('true'), lit('["for"]'), lit('{"for":1}')),
    );
    const paper = fc.array(fc.tuple(markKey, markValue), { maxLength: 18 });
    await fc.assert(
      fc.asyncProperty(fc.array(paper, { minLength: 1, maxLength: w.tokens.length }), async (papers) => {
        // A run that failed half-way (while shrinking) may have left its ballot open.
        for (const { id } of w.t.opened.sqlite.prepare(`select id from ballot where meeting_id = ? and status = 'open'`).all(w.meetingId) as { id: string }[]) {
          await w.t.app.inject({ method: 'POST', url: `/api/ballots/${id}/close`, payload: {}, headers: { cookie: w.cookie } });
        }
        // Plain marks travel only in a named (记名) ballot; a secret ballot takes sealed envelopes (test/paper-limits.test.ts).
        const created = await w.t.app.inject({ method: 'POST', url: `/api/meetings/${w.meetingId}/ballots`, headers: { cookie: w.cookie }, payload: { title: '票决', seats: 10, secret: false } });
        const ballotId = json(created).ballot.id as string;
        expect((await w.t.app.inject({ method: 'POST', url: `/api/ballots/${ballotId}/open`, payload: {}, headers: { cookie: w.cookie } })).statusCode).toBe(200);
        let kept = 0;
        let invalid = 0;
        for (const [i, entries] of papers.entries()) {
          const text = `{"key":"${'k'.repeat(16)}${i}","marks":${jsonText({ t: 'obj', entries })}}`;
          const res = await w.t.app.inject({
            method: 'POST',
            url: `/api/deputy/ballots/${ballotId}/papers`,
            headers: { authorization: `Bearer ${w.tokens[i]}`, 'content-type': 'application/json' },
            payload: text,
          });
          expect([201, 400], `${text} → ${res.statusCode} ${res.body}`).toContain(res.statusCode);
          if (res.statusCode !== 201) continue;
          kept++;
          // What the rules say of it, worked out here rather than by the server's own function.
          const marks = (JSON.parse(text) as { marks: Record<string, string> }).marks;
          const entriesOf = Object.entries(marks);
          const valid =
            entriesOf.every(([c, m]) => w.candidateIds.includes(c) && options.includes(m)) && entriesOf.filter(([, m]) => m === 'for').length <= 10;
          if (!valid) invalid++;
        }
        expect((await w.t.app.inject({ method: 'POST', url: `/api/ballots/${ballotId}/close`, payload: {}, headers: { cookie: w.cookie } })).statusCode).toBe(200);
        const tally = await w.t.app.inject({ method: 'GET', url: `/api/ballots/${ballotId}/tally`, headers: { cookie: w.cookie } });
        expect(tally.statusCode, tally.body).toBe(200);
        expect(json(tally).tally.papers).toEqual({ returned: kept, valid: kept - invalid, invalid });
        const record = await w.t.app.inject({ method: 'GET', url: `/api/ballots/${ballotId}/record`, headers: { cookie: w.cookie } });
        expect(record.statusCode, record.body).toBe(200);
        const again = recount(json(record));
        expect(again.ok, JSON.stringify(again)).toBe(true);
        if (again.ok) {
          expect(again.mismatches).toEqual([]);
          expect(again.tally).toEqual(json(tally).tally);
        }
      }),
      { numRuns: Math.max(5, Math.round(RUNS / 2)) },
    );
  });
});
