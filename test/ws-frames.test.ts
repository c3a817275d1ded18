import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../server/app.ts';
import { migrateToLatest, openDatabase, type OpenedDatabase } from '../server/db/database.ts';
import { WS_FRAME_CEILING_BYTES } from '../server/realtime/frames.ts';
import { WS_MAX_MESSAGE_BYTES } from '../shared/ws.ts';
import { WsClient } from './helpers/ws.ts';

// Issue 10: a frame the server will not read — too large, or a text frame that is not UTF-8 — gets a typed
// error, then the close; the server logs it at warn, without a stack, and never at error.

let dir: string;
let opened: OpenedDatabase;
let app: FastifyInstance;
let url: string;
const logs: { level: number; msg: string; [k: string]: unknown }[] = [];
const raw: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'piaojue-frames-'));
  opened = openDatabase(dir);
  await migrateToLatest(opened.db);
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) {
        raw.push(line);
        logs.push(JSON.parse(line));
      }
      done();
    },
  });
  app = await buildApp({ db: opened.db, logger: { level: 'info', stream } });
  url = await app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await app.close();
  await opened.db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

const noErrorLogs = () => {
  expect(logs.filter((l) => l.level >= 50)).toEqual([]);
  expect(raw.filter((l) => l.includes('"stack"'))).toEqual([]);
};

// The two frames the server refuses itself: each gets its typed error, then the close with its WebSocket code.
it.each([
  {
    frame: 'a frame over the limit',
    send: (c: WsClient) => c.sendRaw(JSON.stringify({ type: 'ping', id: 'x'.repeat(WS_MAX_MESSAGE_BYTES) })),
    code: 'message_too_large',
    close: 1009,
  },
  {
    frame: 'a text frame that is not UTF-8',
    send: (c: WsClient) => c.socket.send(Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]), { binary: false }),
    code: 'malformed_frame',
    close: 1007,
  },
])('$frame: $code, then close $close, a warning without a stack', async ({ send, code, close }) => {
  const c = await WsClient.connect(url);
  send(c);
  const error = await c.waitFor('error');
  expect(error.code).toBe(code);
  expect((await c.whenClosed()).code).toBe(close);
  expect(logs.some((l) => l.level === 40 && l.code === code)).toBe(true);
  noErrorLogs();
});

it('past the ceiling ws closes with 1009 itself; still only a warning', async () => {
  const c = await WsClient.connect(url);
  c.sendRaw('x'.repeat(WS_FRAME_CEILING_BYTES + 1));
  expect((await c.whenClosed()).code).toBe(1009);
  await new Promise((r) => setTimeout(r, 50));
  expect(logs.some((l) => l.level === 40 && l.wsError === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH')).toBe(true);
  noErrorLogs();
});

it('a frame just under the limit is read as usual, and other sockets are untouched', async () => {
  const c = await WsClient.connect(url);
  const id = 'y'.repeat(40);
  c.sendRaw(JSON.stringify({ type: 'ping', id, pad: ' '.repeat(WS_MAX_MESSAGE_BYTES - 100) }));
  // Refused for its unknown field (invalid_input), not for its size; the socket stays open.
  expect((await c.waitFor('error')).code).toBe('invalid_input');
  c.send({ type: 'ping', id: 'ok' });
  await c.waitFor('pong');
  expect(c.closed).toBeNull();
  c.close();
});
