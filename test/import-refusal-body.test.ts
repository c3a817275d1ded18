import { afterAll, beforeAll, expect, it } from 'vitest';
import { errorBodySchema } from '../shared/errors.ts';
import { type TestApp } from './helpers/app.ts';
import { appWithMeeting, type Setup } from './helpers/factories.ts';

// An import refused for its rows answers the error body the console reads (shared/errors.ts errorBodySchema,
// its import problems and preview grid strict): every field the server sends is one the schema names, so the
// console shows the problems row by row instead of a bare "HTTP 400".

let t: TestApp;
let s: Setup;
beforeAll(async () => ({ t, s } = await appWithMeeting(1)));
afterAll(async () => t.close());

it('a roster with bad rows: the refusal reads whole with errorBodySchema', async () => {
  const csv = '姓名,代表团,座位号\n张三,,1\n,城关镇代表团,x\n';
  const res = await t.app.inject({ method: 'POST', url: `/api/meetings/${s.meetingId}/deputies/import?dryRun=true`, headers: { cookie: s.cookie }, payload: { csv } });
  expect(res.statusCode, res.body).toBe(400);
  const body = JSON.parse(res.body);
  const read = errorBodySchema.safeParse(body);
  expect(read.error?.issues ?? []).toEqual([]);
  expect(read.data?.error.problems?.length).toBeGreaterThan(0);
  expect(read.data?.error.problems).toEqual(body.error.problems);
});
