import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { displayTokenExpiry } from '../server/projector/routes.ts';
import { json, makeApp, type TestApp } from './helpers/app.ts';
import { WsClient } from './helpers/ws.ts';

// Display tokens expire with their meeting (issue 12): a week after the meeting's first day, or after the
// token's creation when that is later. Listed (with the expiry) and revocable as before.
let t: TestApp;
let clock = Date.now();
afterEach(async () => t?.close());
const DAY = 24 * 3600_000;
const isoDay = (ms: number) => {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

describe('display tokens', () => {
  it('a projector connects until the token expires, and is refused after', async () => {
    t = await makeApp({ now: () => clock });
    const { cookie } = await t.as('operator');
    const start = clock;
    const meetingDate = isoDay(start + 3 * DAY);
    const meeting = json(await t.app.inject({ method: 'POST', url: '/api/meetings', headers: { cookie }, payload: { name: '会议', date: meetingDate } })).meeting;
    const made = json(await t.app.inject({ method: 'POST', url: `/api/meetings/${meeting.id}/display-tokens`, headers: { cookie }, payload: { label: '主屏' } }));
    // Made three days early (the rehearsal): it lives a week from the meeting's first day.
    expect(made.expiresAt).toBe(new Date(`${meetingDate}T00:00:00`).getTime() + 7 * DAY);
    const listed = json(await t.app.inject({ method: 'GET', url: `/api/meetings/${meeting.id}/display-tokens`, headers: { cookie } })).displays;
    expect(listed).toEqual([expect.objectContaining({ id: made.id, expiresAt: made.expiresAt, revokedAt: null })]);

    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const url = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    const connect = async () => {
      const c = await WsClient.connect(url);
      c.send({ type: 'hello', role: 'projector', token: made.token });
      return c;
    };
    clock = made.expiresAt - 60_000;
    const during = await connect();
    await during.waitFor('attendance');
    during.close();
    clock = made.expiresAt + 1;
    const after = await connect();
    expect((await after.whenClosed()).code).toBe(4401);
    clock = start;
  });

  it('a token made after the meeting began lives a week from its creation', () => {
    const created = new Date('2023-02-23T09:00:00').getTime();
    expect(displayTokenExpiry('2023-02-21', created)).toBe(created + 7 * DAY);
    expect(displayTokenExpiry('2023-03-01', created)).toBe(new Date('2023-03-01T00:00:00').getTime() + 7 * DAY);
  });
});
