import { Writable } from 'node:stream';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../server/app.ts';
import { ensureAdmin } from '../server/auth/bootstrap.ts';
import { migrateToLatest, openDatabase, type OpenedDatabase } from '../server/db/database.ts';
import { ADMIN_PASSWORD, login } from './helpers/app.ts';

// Issue 13: request logging is quiet at info, so the start banner's one-time password stays on screen. Static
// files, /healthz and successful reads (the console refetches on every live event) log at debug; changes and
// refusals at info (a refusal's line is what an operator looks for), server errors at error.

describe('request log at info', () => {
  const lines: Array<{ level: number; msg: string; status?: number; req?: { method: string; url: string } }> = [];
  let app: FastifyInstance;
  let opened: OpenedDatabase;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'piaojue-log-'));
    opened = openDatabase(dir);
    await migrateToLatest(opened.db);
    await ensureAdmin(opened.db, ADMIN_PASSWORD, Date.now(), () => {});
    const stream = new Writable({ write(chunk, _enc, done) { for (const l of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(l)); done(); } });
    app = await buildApp({ db: opened.db, logger: { level: 'info', stream } as never });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await opened.db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });
  const requestLines = () => lines.filter((l) => l.msg === 'request' || l.msg === 'request errored');

  it('logs nothing at info for static files, health checks and successful reads', async () => {
    const cookie = await login(app, 'admin', ADMIN_PASSWORD);
    lines.length = 0;
    for (let i = 0; i < 20; i++) {
      await app.inject({ url: '/healthz' });
      await app.inject({ url: '/console/' });
      await app.inject({ url: '/api/meetings', headers: { cookie } });
      await app.inject({ url: '/api/me', headers: { cookie } });
    }
    expect(requestLines()).toEqual([]);
  });

  it('logs a change and a refusal at info, with the query redacted', async () => {
    const cookie = await login(app, 'admin', ADMIN_PASSWORD);
    lines.length = 0;
    await app.inject({ method: 'POST', url: '/api/meetings', headers: { cookie }, payload: { name: '第一次会议' } });
    await app.inject({ url: '/api/meetings/nope?token=secret', headers: { cookie } });
    const got = requestLines().map((l) => `${l.level} ${l.req?.method} ${l.req?.url}`);
    expect(got[0]).toMatch(/^30 POST \/api\/meetings$/);
    expect(got[1]).toBe('30 GET /api/meetings/nope?token=…');
    expect(JSON.stringify(lines)).not.toContain('secret');
  });
});
