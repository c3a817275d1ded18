import { expect } from 'vitest';
import { json, type TestApp } from './app.ts';
import type { Setup } from './factories.ts';

/** Closes a ballot as the secretariat (expects 200) and returns its stored tally: papers and per-candidate counts. */
export async function closeAndTally(t: TestApp, s: Setup, ballotId: string) {
  const closed = await t.app.inject({ method: 'POST', url: `/api/ballots/${ballotId}/close`, payload: {}, headers: { cookie: s.cookie } });
  expect(closed.statusCode).toBe(200);
  return json(await t.app.inject({ method: 'GET', url: `/api/ballots/${ballotId}/tally`, headers: { cookie: s.cookie } })).tally as {
    papers: { returned: number; valid: number };
    candidates: { id: string; counts: { for: number; against: number } }[];
  };
}
