import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { setUpQinshui } from '../helpers/hall.ts';
import { Http } from '../helpers/http.ts';
import { startServer, type ServerProcess } from '../helpers/process.ts';
import { tablet, WsClient } from '../helpers/ws.ts';

// Issue 12: projector tokens and pairing codes travelled in URLs that the request log recorded at info. The log
// of a whole session — at debug, the most a secretariat would turn on — must hold no device token, display
// token, pairing code or session cookie, even when an old link still puts one in a query string.

let dir: string;
let server: ServerProcess | undefined;
afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

it('the log of a whole session contains no token, pairing code or session cookie', { timeout: 120_000 }, async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'piaojue-log-'));
  server = await startServer({ dataDir: path.join(dir, 'data'), env: { LOG_LEVEL: 'debug' } });
  const base = server.url;
  const secrets: string[] = [];
  const http = new Http(base);
  await http.login('admin', 'test-admin-password');
  secrets.push(http.cookie!.split('=')[1]!);
  const hall = await setUpQinshui(http, 6);

  // Tablets: codes issued, one paired from the QR link's page load (an old card: ?code= in the query), one typed.
  const tokens: string[] = [];
  for (const [i, d] of hall.deputies.slice(0, 4).entries()) {
    const code = (await http.post(`/api/meetings/${hall.meetingId}/deputies/${d.id}/pairing-code`)).body.code as string;
    secrets.push(code);
    if (i === 0) expect((await fetch(`${base}/tablet/?code=${code}`)).status).toBe(200);
    const paired = await http.request('POST', '/api/devices/pair', { code }, 'none');
    expect(paired.status).toBe(200);
    tokens.push(paired.body.token as string);
    secrets.push(paired.body.token as string);
  }
  const unused = (await http.post(`/api/meetings/${hall.meetingId}/deputies/${hall.deputies[5]!.id}/pairing-code`)).body.code as string;
  secrets.push(unused);
  expect((await http.request('POST', '/api/devices/pair', { code: '00000000' }, 'none')).status).toBe(409);

  // The projector: made on the console, opened from an old-style link, then its socket.
  const display = (await http.post(`/api/meetings/${hall.meetingId}/display-tokens`, { label: '主会场' })).body as { token: string };
  secrets.push(display.token);
  expect((await fetch(`${base}/projector/?token=${encodeURIComponent(display.token)}&cycle=6`)).status).toBe(200);
  const projector = await WsClient.connect(base);
  projector.send({ type: 'hello', role: 'projector', token: display.token });
  await projector.waitFor('welcome');
  const bad = await WsClient.connect(base);
  bad.send({ type: 'hello', role: 'projector', token: `${display.token}x` });
  await bad.whenClosed();

  // The ballot: check-in, open, papers over the socket and over HTTP, close, announce.
  const sockets = await Promise.all(tokens.map((tk) => tablet(base, tk)));
  for (const [i, s] of sockets.entries()) {
    s.send({ type: 'checkIn', id: `c${i}` });
    await s.waitFor('checkedIn');
  }
  const ballot = await http.post(`/api/meetings/${hall.meetingId}/ballots`, { title: '票决', seats: 10, durationSeconds: 600, secret: false });
  expect(ballot.status, JSON.stringify(ballot.body)).toBe(201);
  const ballotId = ballot.body.ballot.id as string;
  expect((await http.post(`/api/ballots/${ballotId}/open`)).status).toBe(200);
  for (const [i, s] of sockets.entries()) {
    s.send({ type: 'submitPaper', id: `p${i}`, ballotId, key: `key-${String(i).padStart(20, '0')}`, marks: {} });
    await s.waitFor('receipt');
  }
  expect((await http.post(`/api/ballots/${ballotId}/close`)).status).toBe(200);
  expect((await http.post(`/api/ballots/${ballotId}/announce`)).status).toBe(200);
  await http.post('/api/logout');
  for (const s of [...sockets, projector]) s.close();
  await server.stop();

  const log = server.output();
  for (const secret of secrets) expect(log.includes(secret), `the log holds the secret ${secret.slice(0, 6)}…`).toBe(false);
  // The log did record the session (so the check above is not vacuous) — query values redacted.
  expect(log).toContain('"url":"/api/devices/pair"');
  expect(log).toContain('"url":"/projector/?token=…&cycle=…"');
  expect(log).toContain('"url":"/tablet/?code=…"');
});
