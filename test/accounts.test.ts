import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../server/app.ts';
import { ensureAdmin } from '../server/auth/bootstrap.ts';
import { migrateToLatest, openDatabase, type OpenedDatabase } from '../server/db/database.ts';
import { json } from './helpers/app.ts';

// Accounts from the console (issue 13), over a real app and SQLite file: the generated admin password must be
// changed first (server-enforced), the admin creates, disables, resets and signs out accounts.
let app: FastifyInstance;
let opened: OpenedDatabase;
let dir: string;
let adminPassword = '';

async function start(password: string | undefined) {
  dir = mkdtempSync(path.join(tmpdir(), 'piaojue-accounts-'));
  opened = openDatabase(dir);
  await migrateToLatest(opened.db);
  const lines: string[] = [];
  await ensureAdmin(opened.db, password, Date.now(), (l) => lines.push(l));
  adminPassword = password ?? /one-time password: (\S+)/.exec(lines.join('\n'))![1]!;
  app = await buildApp({ db: opened.db });
  await app.ready();
}
afterEach(async () => {
  await app.close();
  await opened.db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

const call = async (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, cookie?: string, payload?: object) => {
  const res = await app.inject({ method, url, ...(cookie ? { headers: { cookie } } : {}), ...(payload ? { payload } : {}) });
  return { status: res.statusCode, body: json(res), cookie: res.headers['set-cookie'] };
};
async function login(username: string, password: string) {
  const res = await call('POST', '/api/login', undefined, { username, password });
  const raw = res.cookie;
  const cookie = (Array.isArray(raw) ? raw[0] : raw)?.split(';')[0];
  return { ...res, cookie: cookie ?? '' };
}

describe('accounts', () => {
  it('the generated admin password must be changed before anything else', async () => {
    await start(undefined);
    const signed = await login('admin', adminPassword);
    expect(signed.body.account.mustChangePassword).toBe(true);
    const refused = await call('GET', '/api/meetings', signed.cookie);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('password_change_required');
    expect((await call('POST', '/api/meetings', signed.cookie, { name: 'x', date: '2023-02-21' })).body.error.code).toBe('password_change_required');
    expect((await call('GET', '/api/me', signed.cookie)).body.account.mustChangePassword).toBe(true);
    const wrong = await call('POST', '/api/password', signed.cookie, { currentPassword: 'not-it', newPassword: 'a-new-admin-password' });
    expect(wrong.status).toBe(400);
    expect((await call('POST', '/api/password', signed.cookie, { currentPassword: adminPassword, newPassword: 'a-new-admin-password' })).status).toBe(200);
    expect((await call('GET', '/api/meetings', signed.cookie)).status).toBe(200);
    expect((await login('admin', adminPassword)).status).toBe(401);
    expect((await login('admin', 'a-new-admin-password')).status).toBe(200);
  });

  it('an admin-set password is one-time when asked; disable, reset and end sessions work and are audited', async () => {
    await start('chosen-admin-password');
    const admin = await login('admin', 'chosen-admin-password');
    expect(admin.body.account.mustChangePassword).toBe(false);
    const created = await call('POST', '/api/accounts', admin.cookie, { username: 'jianpiao', password: 'handed-over-pw', role: 'scrutineer', mustChangePassword: true });
    expect(created.status).toBe(201);
    const id: string = created.body.account.id;
    const s1 = await login('jianpiao', 'handed-over-pw');
    expect((await call('GET', '/api/meetings', s1.cookie)).body.error.code).toBe('password_change_required');
    expect((await call('POST', '/api/password', s1.cookie, { currentPassword: 'handed-over-pw', newPassword: 'my-own-password' })).status).toBe(200);
    expect((await call('GET', '/api/meetings', s1.cookie)).status).toBe(200);

    // End its sessions: the cookie no longer works.
    expect((await call('POST', `/api/accounts/${id}/end-sessions`, admin.cookie, {})).body.ended).toBe(1);
    expect((await call('GET', '/api/meetings', s1.cookie)).status).toBe(401);

    // Disable: sessions end, sign-in refused with a clear code; enable again.
    const s2 = await login('jianpiao', 'my-own-password');
    expect((await call('PATCH', `/api/accounts/${id}`, admin.cookie, { disabled: true })).status).toBe(200);
    expect((await call('GET', '/api/meetings', s2.cookie)).status).toBe(401);
    const disabled = await login('jianpiao', 'my-own-password');
    expect(disabled.status).toBe(403);
    expect(disabled.body.error.code).toBe('account_disabled');
    expect((await call('PATCH', `/api/accounts/${admin.body.account.id}`, admin.cookie, { disabled: true })).status).toBe(409);
    await call('PATCH', `/api/accounts/${id}`, admin.cookie, { disabled: false });

    // Reset: a new one-time password, shown once.
    const reset = await call('POST', `/api/accounts/${id}/password-reset`, admin.cookie, {});
    expect(reset.body.password).toMatch(/^\S{16}$/);
    expect((await login('jianpiao', 'my-own-password')).status).toBe(401);
    const s3 = await login('jianpiao', reset.body.password);
    expect(s3.body.account.mustChangePassword).toBe(true);

    const list = (await call('GET', '/api/accounts', admin.cookie)).body.accounts;
    expect(list.find((a: { id: string }) => a.id === id)).toMatchObject({ role: 'scrutineer', disabledAt: null, mustChangePassword: true, sessions: 1 });
    const audit = (await call('GET', '/api/audit', admin.cookie)).body.events.map((e: { action: string }) => e.action);
    for (const action of ['account.created', 'account.password_changed', 'account.sessions_ended', 'account.disabled', 'account.enabled', 'account.password_reset']) {
      expect(audit).toContain(action);
    }
  });
});
