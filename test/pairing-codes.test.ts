import { createHash, createHmac } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, json, login, makeApp, type TestApp } from './helpers/app.ts';
import { meetingWithTablets } from './helpers/factories.ts';
import { PAIRING_GLOBAL_PER_MINUTE, PAIRING_RESERVE_PER_MINUTE } from '../server/devices/guard.ts';
import { tabletListSchema } from '../shared/responses/devices.ts';

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

// A guesser must not keep the hall's tablets from pairing (issue 12): once the 20 wrong codes of the minute are spent,
// an address with no wrong code in the last minute still gets one code checked a minute, from a reserve of 20 a
// minute for the whole network. A right code is given back.
describe('the reserve while a guesser spends the budget', () => {
  const from = (code: string, remoteAddress: string) => t.app.inject({ method: 'POST', url: '/api/devices/pair', payload: { code }, remoteAddress });
  const guesser = ['10.9.0.1', '10.9.0.2', '10.9.0.3'];
  let guesses = 0;
  /** One wrong code from the guesser's next address: its status. */
  const guess = async () => (await from(`9${String(++guesses).padStart(7, '0')}`, guesser[guesses % 3]!)).statusCode;
  const tablets = async (cookie: string, meetingId: string) => {
    const res = await t.app.inject({ method: 'GET', url: `/api/meetings/${meetingId}/tablets`, headers: { cookie } });
    expect(res.statusCode).toBe(200);
    return tabletListSchema.parse(json(res));
  };

  it('a guesser on 3 addresses spends the budget; a fresh address with a right code still pairs; a fresh one with a wrong code is refused next time', async () => {
    t = await makeApp({ now: () => clock });
    const s = await meetingWithTablets(t, 3);
    expect((await tablets(s.cookie, s.meetingId)).guessing).toBeNull();
    const statuses: number[] = [];
    for (let i = 0; i < 50; i++) statuses.push(await guess());
    expect(statuses.filter((c) => c === 409)).toHaveLength(PAIRING_GLOBAL_PER_MINUTE);
    expect(statuses.slice(PAIRING_GLOBAL_PER_MINUTE).every((c) => c === 429)).toBe(true);
    // A tablet on a fresh address pairs, and another one right after it from the same address (a right code is
    // given back: tablets behind one address pair one after another).
    const first = await issue(s.meetingId, s.deputyIds[0]!, s.cookie);
    expect((await from(first.code, '10.8.0.1')).statusCode).toBe(200);
    const second = await issue(s.meetingId, s.deputyIds[1]!, s.cookie);
    expect((await from(second.code, '10.8.0.1')).statusCode).toBe(200);
    // A fresh address that sends a wrong code has it checked, and then waits a minute, right code or not.
    const third = await issue(s.meetingId, s.deputyIds[2]!, s.cookie);
    expect((await from('12345678', '10.8.0.2')).statusCode).toBe(409);
    const refused = await from(third.code, '10.8.0.2');
    expect(refused.statusCode).toBe(429);
    expect(json(refused).error.code).toBe('rate_limited');
    // A burst of wrong codes sent at once from one fresh address: one of them is checked.
    const burst = await Promise.all(Array.from({ length: 10 }, (_, i) => from(`7${String(i).padStart(7, '0')}`, '10.8.0.5')));
    expect(burst.map((r) => r.statusCode).sort()).toEqual([409, ...Array<number>(9).fill(429)]);
    // The guesser's addresses, which sent wrong codes, get nothing of the reserve.
    for (let i = 0; i < 9; i++) expect(await guess()).toBe(429);
    clock += 30_000;
    expect((await from(third.code, '10.8.0.2')).statusCode).toBe(429);
    clock += 30_001;
    expect((await from(third.code, '10.8.0.2')).statusCode).toBe(200);
  });

  it('however many addresses a guesser uses, at most 20 + 20 codes are checked in any minute; one fresh address a second spends both', async () => {
    t = await makeApp({ now: () => clock });
    await meetingWithTablets(t, 2);
    const start = clock;
    const checked: number[] = []; // when each wrong code was checked (409), ms since start
    // Three minutes: every second, the guesser's 3 addresses and one address never seen before each send a code.
    for (let second = 0; second < 180; second++) {
      clock = start + second * 1000;
      for (const address of [...guesser, `10.10.${second >> 8}.${second & 255}`]) {
        const res = await from(`8${String(++guesses).padStart(7, '0')}`, address);
        expect([409, 429]).toContain(res.statusCode);
        if (res.statusCode === 409) checked.push(clock - start);
      }
    }
    const most = Math.max(...checked.map((at) => checked.filter((b) => b >= at && b < at + 60_000).length));
    expect(most).toBe(PAIRING_GLOBAL_PER_MINUTE + PAIRING_RESERVE_PER_MINUTE);
    expect(checked.length).toBeLessThanOrEqual(3 * (PAIRING_GLOBAL_PER_MINUTE + PAIRING_RESERVE_PER_MINUTE));
  });

  it('the 平板 screen warns while the budget is spent: how many wrong codes, from which addresses; the audit log says so once a minute, with no code', async () => {
    t = await makeApp({ now: () => clock });
    const s = await meetingWithTablets(t, 2);
    const codes: string[] = [];
    for (let i = 0; i < 40; i++) {
      codes.push(`9${String(guesses + 1).padStart(7, '0')}`);
      await guess();
    }
    const { code } = await issue(s.meetingId, s.deputyIds[0]!, s.cookie);
    expect((await from(code, '10.8.0.9')).statusCode).toBe(200);
    expect((await from('12345678', '10.8.0.10')).statusCode).toBe(409);
    const { guessing } = await tablets(s.cookie, s.meetingId);
    expect(guessing).not.toBeNull();
    expect(guessing!.wrongCodes).toBe(PAIRING_GLOBAL_PER_MINUTE + 1);
    expect(guessing!.reserveChecks).toBe(1);
    expect(guessing!.addresses.slice(0, 3).map((a) => a.address).sort()).toEqual(guesser);
    expect(guessing!.addresses.slice(0, 3).reduce((n, a) => n + a.wrongCodes, 0)).toBe(PAIRING_GLOBAL_PER_MINUTE);
    expect(guessing!.addresses[3]).toEqual({ address: '10.8.0.10', wrongCodes: 1 });
    const audited = () => t.opened.sqlite.prepare("select detail from audit_event where action = 'pairing.budget_spent' order by seq").all() as { detail: string }[];
    expect(audited()).toHaveLength(1);
    expect(JSON.parse(audited()[0]!.detail)).toMatchObject({ wrongCodes: PAIRING_GLOBAL_PER_MINUTE, perMinute: PAIRING_GLOBAL_PER_MINUTE });
    for (const c of [...codes, code, '12345678']) expect(audited()[0]!.detail).not.toContain(c);
    // A minute on, spent again: a second event. Ten minutes after the last wrong code, no more warning.
    clock += 60_001;
    for (let i = 0; i < 25; i++) await from(`7${String(i).padStart(7, '0')}`, `10.11.0.${i}`);
    expect(audited()).toHaveLength(2);
    clock += 10 * 60_000 + 1;
    expect((await tablets(s.cookie, s.meetingId)).guessing).toBeNull();
  });
});
