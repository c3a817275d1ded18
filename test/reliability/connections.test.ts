import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { afterAll, expect, it } from 'vitest';
import { setUpQinshui } from '../helpers/hall.ts';
import { Http } from '../helpers/http.ts';
import { startServer, type ServerProcess } from '../helpers/process.ts';

// Issue 12: ~1,000 idle unauthenticated sockets exhausted a 1,024 file limit. Here the real server runs under
// `ulimit -n 1024`; 2,000 idle sockets from one address (127.0.0.1) must leave /healthz and a new tablet (another
// address, 127.0.0.2 — loopback too) answered. Everything on loopback; every socket is closed at the end.

const IDLE = 2000;
const TABLET_ADDRESS = '127.0.0.2';
let dir: string;
let server: ServerProcess | undefined;
const idle: Socket[] = [];
afterAll(async () => {
  for (const s of idle) s.destroy();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

function fromTablet(port: number, method: string, pathname: string, body?: unknown): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = request({ host: '127.0.0.1', port, localAddress: TABLET_ADDRESS, method, path: pathname, headers: payload ? { 'content-type': 'application/json' } : {}, timeout: 5000 }, (res) => {
      let text = '';
      res.on('data', (b: Buffer) => (text += b.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, body: text ? JSON.parse(text) : null }));
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${pathname}: no answer in 5 s`)));
    req.on('error', reject);
    req.end(payload);
  });
}

it(`${IDLE} idle sockets from one address leave /healthz and a new tablet answered`, { timeout: 120_000 }, async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'piaojue-conn-'));
  server = await startServer({ dataDir: path.join(dir, 'data'), fdLimit: 1024, env: { MAX_CONNECTIONS_PER_ADDRESS: '64' } });
  const { port } = server;
  // The secretariat prepares a code before the flood.
  const http = new Http(server.url);
  await http.login('admin', 'test-admin-password');
  const hall = await setUpQinshui(http, 5);
  const code = (await http.post(`/api/meetings/${hall.meetingId}/deputies/${hall.deputies[0]!.id}/pairing-code`)).body.code as string;

  // The flood: idle sockets that never send a byte.
  await Promise.all(
    Array.from(
      { length: IDLE },
      () =>
        new Promise<void>((resolve) => {
          const s = connect({ host: '127.0.0.1', port });
          idle.push(s);
          s.on('error', () => {});
          s.once('connect', () => resolve());
          s.once('close', () => resolve());
          setTimeout(resolve, 5000);
        }),
    ),
  );

  const health = await fromTablet(port, 'GET', '/healthz');
  expect(health.status).toBe(200);
  const paired = await fromTablet(port, 'POST', '/api/devices/pair', { code });
  expect(paired.status, JSON.stringify(paired.body)).toBe(200);
  const welcome = await new Promise<string>((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`, { localAddress: TABLET_ADDRESS });
    const timer = setTimeout(() => reject(new Error('no welcome in 5 s')), 5000);
    ws.on('open', () => ws.send(JSON.stringify({ type: 'hello', role: 'tablet', token: paired.body.token })));
    ws.on('message', (data) => {
      const m = JSON.parse(String(data)) as { type: string };
      if (m.type !== 'welcome') return;
      clearTimeout(timer);
      ws.close();
      resolve(m.type);
    });
    ws.on('error', reject);
  });
  expect(welcome).toBe('welcome');
  // The cap did it: one address holds at most MAX_CONNECTIONS_PER_ADDRESS (64) sockets once the server has
  // accepted (and closed) the rest of the backlog.
  // A socket the kernel could not queue for accept (backlog full under load) looks connected to the client
  // until the server's SYN-ACK retry or the client's first byte completes it: one byte on each socket still
  // open completes them, so the server accepts and the cap closes them (a kept socket just waits for its request).
  const open = () => idle.filter((s) => !s.destroyed && s.readyState === 'open').length;
  for (const s of idle) if (!s.destroyed && s.readyState === 'open') s.write('G');
  await expect.poll(open, { timeout: 30_000, interval: 250 }).toBeLessThanOrEqual(64);
  const stillOpen = open();
  console.log(`${IDLE} idle sockets from 127.0.0.1: ${stillOpen} left open by the server`);
});
