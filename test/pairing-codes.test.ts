import { createHash, createHmac } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, json, login, makeApp, type TestApp } from './helpers/app.ts';
import { meetingWithTablets } from './helpers/factories.ts';

// Pairing codes (issue 12): stored as an HMAC under a server secret kept outside the database (DATA_DIR/secret,
// 0600), so a copy of the database does not give unused codes back; they expire after 12 hours.
let t: TestApp;
let clock = Date.now();
afterEach(async () => t?.close());

// The deputies of meetingWithTablets are paired already: a new code for one is a replacement, chosen explicitly.
const issue = async (meetingId: string, deputyId: string, cookie: string) => {
  const res = await t.app.inject({ method: 'POST', url: `/api/meetings/${meetingId}/deputies/${deputyId}/pairing-code`, payload: { replace: true }, headers: { cookie } });
  expect(res.statusCode).toBe(201);
  return json<{ code: string; expiresAt: number }>(res);
};
const pair = (code: string) => t.app.inject({ method: 'POST', url: '/api/devices/pair', payload: { code }, remoteAddress: `10.7.0.${Math.floor(Math.random() * 250)}` });

describe('pairing codes at rest', () => {
  it('are HMAC-SHA256 under DATA_DIR/secret (mode 0600), not a bare sha256; the secret is not in the database', async () => {
    t = await makeApp({ now: () => clock });
    const s = await meetingWithTablets(t, 2);
    const { code } = await issue(s.meetingId, s.deputyIds[0]!, s.cookie);
    const secretFile = path.join(t.dir, 'secret');
    expect(statSync(secretFile).mode & 0o777).toBe(0o600);
    const secret = Buffer.from(readFileSync(secretFile, 'utf8').trim(), 'hex');
    expect(secret.length).toBe(32);
    const stored = t.opened.sqlite.prepare('select pairing_code_hash as h from device where paired_at is null').all() as { h: string }[];
    expect(stored).toHaveLength(1);
    // Recovering the code from a copy of the database means trying all 10^8 codes against this: with sha256 that
    // takes seconds; without the secret it cannot be done.
    expect(stored[0]!.h).not.toBe(createHash('sha256').update(code).digest('hex'));
    expect(stored[0]!.h).toBe(createHmac('sha256', secret).update(`pairing-code\n${code}`).digest('hex'));
    t.opened.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const dbBytes = readFileSync(t.opened.file);
    expect(dbBytes.includes(secret)).toBe(false);
    expect(dbBytes.includes(Buffer.from(secret.toString('hex')))).toBe(false);
    expect((await pair(code)).statusCode).toBe(200);
  });

  it('expire after 12 hours: a minute before, the code pairs; a minute after, it is refused', async () => {
    t = await makeApp({ now: () => clock });
    const s = await meetingWithTablets(t, 2);
    const start = clock;
    const first = await issue(s.meetingId, s.deputyIds[0]!, s.cookie);
    const second = await issue(s.meetingId, s.deputyIds[1]!, s.cookie);
    expect(first.expiresAt - start).toBe(12 * 3600_000);
    clock = start + 12 * 3600_000 - 60_000;
    expect((await pair(first.code)).statusCode).toBe(200);
    clock = start + 12 * 3600_000 + 60_000;
    const late = await pair(second.code);
    expect(late.statusCode).toBe(409);
    expect(json(late).error.code).toBe('pairing_code_invalid');
    const cookie = await login(t.app, 'admin', ADMIN_PASSWORD); // the morning's session has expired too
    const devices = json(await t.app.inject({ method: 'GET', url: `/api/meetings/${s.meetingId}/devices`, headers: { cookie } })).devices;
    expect(devices.filter((d: { deputyId: string }) => d.deputyId === s.deputyIds[1]).map((d: { state: string }) => d.state)).toEqual(['paired', 'expired']);
    clock = start;
  });
});
