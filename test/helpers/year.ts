import { afterEach, beforeEach } from 'vitest';
import type { StaffRole } from '../../shared/api.ts';
import { createAccount } from '../../server/auth/store.ts';
import { json, login, makeApp, type TestApp } from './app.ts';
import { checkInTablets, meetingWithTablets, openBallot, submitPaper, type Setup } from './factories.ts';

// A voted year of tracked projects for the tests of the year after the vote (issue 16): the first ten candidates
// of the 2023 fixture, every tablet voting for them, announced and so promoted.

export const at = (iso: string) => Date.parse(`${iso}+08:00`);

/** The day the year's tests start on: the 2023 session (9:00 Beijing time, 21 February 2023). */
export const YEAR_START = at('2023-02-21T09:00:00');

/** A test's app on a clock it moves (`y.clock = at(…)`), its meeting with tablets checked in, and its caller. */
export interface YearOnTheClock {
  clock: number;
  t: TestApp;
  s: Setup;
  call: ReturnType<typeof caller>;
}

/**
 * Before each test: the clock at `start` (ms; default YEAR_START), a fresh app reading it, a meeting with `tablets`
 * paired tablets all checked in; after each, the app closed. Call at the top of a test file; read `t`, `s`, `call`
 * inside a test.
 */
export function yearOnTheClock(tablets = 9, start = YEAR_START): YearOnTheClock {
  const y = { clock: start } as YearOnTheClock;
  beforeEach(async () => {
    y.clock = start;
    y.t = await makeApp({ now: () => y.clock });
    y.s = await meetingWithTablets(y.t, tablets);
    await checkInTablets(y.t, y.s.tokens);
    y.call = caller(y.t);
  });
  afterEach(async () => y.t.close());
  return y;
}

let keyN = 0;
const key = () => `yk-${String(++keyN).padStart(20, '0')}`;

/** inject() with a cookie; the body parsed when it is JSON. A POST always sends JSON (`{}` when no body: CSRF guard). */
export function caller(t: TestApp) {
  return async (method: 'GET' | 'POST' | 'PUT', url: string, cookie?: string, payload?: object) => {
    const body = payload ?? (method !== 'GET' ? {} : undefined);
    const res = await t.app.inject({ method, url, ...(cookie ? { headers: { cookie } } : {}), ...(body ? { payload: body } : {}) });
    return { status: res.statusCode, body: String(res.headers['content-type']).startsWith('application/json') ? json(res) : res.body, raw: res };
  };
}

/** Accounts that sign in again after the clock jumps (sessions last 12 hours on the server's clock). */
export async function accounts(t: TestApp, list: Record<string, { role: StaffRole; unitName?: string }>) {
  for (const [username, a] of Object.entries(list)) {
    await createAccount(t.opened.db, { username, password: `${username}-password`, role: a.role, unitName: a.unitName }, Date.now());
  }
  return (username: string) => login(t.app, username, `${username}-password`);
}

/** Votes the first ten candidates in (nine for each), announces, and returns the promoted projects by name. */
export async function votedYear(t: TestApp, s: Setup): Promise<Map<string, any>> {
  const call = caller(t);
  const ballotId = await openBallot(t, s);
  const ten = s.candidateIds.slice(0, 10);
  for (const token of s.tokens) {
    const res = await submitPaper(t, token, ballotId, { key: key(), marks: Object.fromEntries(ten.map((c) => [c, 'for'])) });
    if (res.statusCode !== 201) throw new Error(res.body);
  }
  await call('POST', `/api/ballots/${ballotId}/close`, s.cookie);
  await call('POST', `/api/ballots/${ballotId}/announce`, s.cookie);
  const listed = (await call('GET', '/api/projects?year=2023', s.cookie)).body.projects as any[];
  if (listed.length !== 10) throw new Error(`expected ten projects, got ${listed.length}`);
  return new Map(listed.map((p) => [p.name, p]));
}
