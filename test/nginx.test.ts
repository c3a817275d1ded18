import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomMarks, seeded, setUpQinshui, type Hall } from './helpers/hall.ts';
import { Http } from './helpers/http.ts';
import { ensureNginx, fetchVia, renderConf, startNginx, type NginxProcess } from './helpers/nginx.ts';
import { startPostgres, type PostgresCluster } from './helpers/postgres.ts';
import { ADMIN_PASSWORD, freePort, startServer, type ServerProcess } from './helpers/process.ts';
import { castPaper } from './helpers/sealed.ts';
import { WsClient } from './helpers/ws.ts';
import { MAX_PHOTO_BYTES, MAX_PHOTOS_PER_REPORT } from '../shared/projects.ts';
import { MAX_FILE_BYTES } from '../server/import/body.ts';
import { caPageUrl } from '../shared/hall.ts';
import { CONTENT_SECURITY_POLICY, STRICT_TRANSPORT_SECURITY } from '../server/net/security-headers.ts';

// Two server processes on one PostgreSQL database behind nginx (issue 18, README "Behind nginx"): the shipped
// deploy/nginx/piaojue.conf, only ports and paths substituted, terminating TLS with the server's own certificate and
// proxying HTTPS to both processes. Every client here reaches nginx from its own loopback address (127.0.0.2, …),
// so the processes must learn it from X-Forwarded-For (TRUST_PROXY) — the socket they see is always nginx's.

/** Each client's address: to nginx, separate devices in the hall. */
const FROM = { staff: '127.0.0.2', tablet: '127.0.0.3', guesser: '127.0.0.4', neighbour: '127.0.0.5' } as const;

/** A plain-HTTP GET (the root-certificate doorway on nginx's port 80). */
function plainGet(port: number, pathname: string): Promise<{ status: number; location: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    httpGet({ host: '127.0.0.1', port, path: pathname, localAddress: FROM.tablet }, (res) => {
      let body = '';
      res.on('data', (b: Buffer) => (body += b.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, location: res.headers.location, body }));
    }).on('error', reject);
  });
}

describe('two processes behind nginx (deploy/nginx/piaojue.conf)', () => {
  let dir: string;
  let cluster: PostgresCluster;
  let a: ServerProcess;
  let b: ServerProcess;
  let nginx: NginxProcess;
  let ports: { https: number; http: number };
  let ca: string;
  let staff: Http;
  let hall: Hall;
  const dataDir = () => path.join(dir, 'data');
  /** A process's own CA_PORT, from its start banner (printed just after `listening`; the hall is told nginx's). */
  const caPortOf = async (p: ServerProcess) => {
    for (let tries = 0; tries < 100; tries++) {
      const m = /root-cert helper: this process on port (\d+) \(CA_PORT\)/.exec(p.output());
      if (m) return Number(m[1]);
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`no root certificate port in the banner:\n${p.output()}`);
  };
  /** A process's request log lines (LOG_LEVEL info): URL, status and the client address it recorded. */
  const requestLog = (p: ServerProcess) =>
    p
      .output()
      .split('\n')
      .filter((l) => l.includes('"msg":"request"'))
      .map((l) => JSON.parse(l) as { req: { url: string; remoteAddress?: string }; status: number })
      .map((l) => ({ url: l.req.url, remoteAddress: l.req.remoteAddress, status: l.status }));
  const clientOf = (from: string) => new Http(nginx.url, fetchVia(ca, from));
  const socketFrom = (from: string, headers: Record<string, string> = {}) => WsClient.connect(nginx.url, { origin: nginx.url, ...headers }, { ca, localAddress: from });

  beforeAll(async () => {
    ensureNginx(); // installed when missing; no network: this throws, the file fails (never skipped)
    dir = mkdtempSync(path.join(tmpdir(), 'piaojue-nginx-test-'));
    cluster = await startPostgres();
    ports = { https: await freePort(), http: await freePort() };
    const env = {
      DATABASE_URL: await cluster.createDatabase('behind_nginx'),
      PIAOJUE_LOCAL_CA: '1',
      TRUST_PROXY: '127.0.0.1',
      PUBLIC_URL: `https://127.0.0.1:${ports.https}`,
      CA_PORT: '0',
      CA_PUBLIC_PORT: String(ports.http), // devices reach the root certificate through nginx's plain-HTTP port
      LOG_LEVEL: 'info', // the request log names each request's client address
      // The least allowed: nginx's own sockets (a dozen tablets' and the console's) must not be capped as one device's.
      MAX_CONNECTIONS_PER_ADDRESS: '4',
    };
    // A first, alone: it makes the local CA in DATA_DIR/tls that B and nginx then read (README "Behind nginx").
    a = await startServer({ dataDir: dataDir(), env });
    b = await startServer({ dataDir: dataDir(), env });
    ca = readFileSync(path.join(dataDir(), 'tls', 'root-ca.crt'), 'utf8');
    const conf = renderConf(dataDir(), { ...ports, upstreams: [a.port, b.port], caUpstreams: [await caPortOf(a), await caPortOf(b)] });
    nginx = await startNginx(conf, ports.https);
    staff = clientOf(FROM.staff);
    await staff.login('admin', ADMIN_PASSWORD);
    hall = await setUpQinshui(staff, 12).catch((err: unknown) => {
      throw new Error(`${String(err)}\nnginx's error log:\n${nginx.errors()}`);
    });
  }, 360_000);

  afterAll(async () => {
    await nginx?.stop();
    await a?.stop();
    await b?.stop();
    await cluster?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('signs in and answers the API over HTTPS with the server’s own certificate', async () => {
    const meetings = await staff.get('/api/meetings');
    expect(meetings.status).toBe(200);
    expect(JSON.stringify(meetings.body)).toContain(hall.meetingId);
    // The same-origin guard sees the Host and scheme the device used (https, nginx's host and port): a browser's
    // sign-in from the hall address is let through, one from another origin refused.
    const signIn = (origin: string) =>
      fetchVia(ca, FROM.neighbour)(`${nginx.url}/api/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin },
        body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
      });
    expect((await signIn(nginx.url)).status).toBe(200);
    expect((await signIn('https://elsewhere.example')).status).toBe(403);
  });

  it('passes the server’s security headers on, and a body as large as the server accepts (a report with four photos)', async () => {
    const via = fetchVia(ca, FROM.neighbour);
    const answer = await via(`${nginx.url}/api/meetings`);
    expect(answer.headers.get('strict-transport-security')).toBe(STRICT_TRANSPORT_SECURITY);
    expect(answer.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    // The largest progress report the server takes (projects/routes.ts: four 2 MB photos in base64, and the text),
    // from a signed-in reporter: nginx must hand it on, so the answer is the server's own (the project does not
    // exist: 404 JSON), never nginx's 413 page. An .xlsx import (4 MB) is smaller still.
    const reportLimit = MAX_PHOTOS_PER_REPORT * Math.ceil((MAX_PHOTO_BYTES * 4) / 3) + 256 * 1024;
    expect(reportLimit).toBeGreaterThan(MAX_FILE_BYTES);
    const post = (bytes: number) =>
      via(`${nginx.url}/api/projects/p1/reports`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: staff.cookie! },
        body: `{"pad":"${'x'.repeat(bytes - 10)}"}`,
      });
    const largest = await post(reportLimit);
    const text = await largest.text();
    expect(largest.status, text.slice(0, 200)).not.toBe(413);
    expect(JSON.parse(text)).toMatchObject({ error: { code: expect.any(String) } });
    // One byte more: nginx's own refusal (its limit is the server's, to the byte), so no process is counted as failed.
    const over = await post(reportLimit + 1);
    expect(over.status).toBe(413);
    expect(reportLimit).toBe(11_446_956);
  }, 120_000);

  it('tablets pair, check in, receive the ballot and cast sealed papers over websockets through nginx; the console gets turnout', async () => {
    // Every deputy's tablet from its own address (the first is FROM.tablet): nginx spreads them over both processes.
    const addresses = hall.deputies.map((_, i) => (i === 0 ? FROM.tablet : `127.0.0.${30 + i}`));
    const tokens: string[] = [];
    for (const [i, deputy] of hall.deputies.entries()) {
      const code = await staff.post(`/api/meetings/${hall.meetingId}/deputies/${deputy.id}/pairing-code`);
      expect(code.status).toBe(201);
      const paired = await clientOf(addresses[i]!).request('POST', '/api/devices/pair', { code: code.body.code }, 'none');
      expect(paired.status).toBe(200);
      tokens.push(paired.body.token);
    }

    const console_ = await socketFrom(FROM.staff, { cookie: staff.cookie! });
    console_.send({ type: 'hello', role: 'console', meetingId: hall.meetingId });
    await console_.waitFor('attendance');
    const tabs = await Promise.all(tokens.map((t, i) => socketFrom(addresses[i]!)));
    tabs.forEach((tab, i) => tab.send({ type: 'hello', role: 'tablet', token: tokens[i]! }));
    await Promise.all(tabs.map((tab) => tab.waitFor('ballot')));
    tabs.forEach((tab, i) => tab.send({ type: 'checkIn', id: `c${i}` }));
    await Promise.all(tabs.map((tab) => tab.waitFor('checkedIn')));

    const created = await staff.post(`/api/meetings/${hall.meetingId}/ballots`, { title: '经由 nginx', seats: 10, durationSeconds: 600 });
    expect(created.status).toBe(201);
    const ballotId: string = created.body.ballot.id;
    const opened = await staff.post(`/api/ballots/${ballotId}/open`);
    expect(opened.body).toMatchObject({ ballot: { status: 'open' } });
    const rnd = seeded(18);
    const receipts = await Promise.all(tabs.map((tab, i) => castPaper(tab, ballotId, randomMarks(hall.candidateIds, 10, rnd), `p${i}`)));
    for (const r of receipts) {
      expect(r.receipt.ballotId).toBe(ballotId);
      expect('tracker' in r.receipt && r.receipt.tracker).toMatch(/\S/); // a sealed paper's receipt
    }
    const turnout = await console_.waitFor('turnout', (m) => m.ballotId === ballotId && m.voted === tabs.length);
    expect(turnout.present).toBe(tabs.length);
    expect((await staff.post(`/api/ballots/${ballotId}/close`)).status).toBe(200);
    const tally = await staff.get(`/api/ballots/${ballotId}/tally`);
    expect(tally.body.tally.papers).toEqual({ returned: tabs.length, valid: tabs.length, invalid: 0 });
    // Each tablet's pairing reached a process under the tablet's own address, and both processes served some.
    const pairedFrom = (p: ServerProcess) => requestLog(p).filter((l) => l.url === '/api/devices/pair' && l.status === 200).map((l) => l.remoteAddress);
    expect([...pairedFrom(a), ...pairedFrom(b)].sort()).toEqual([...addresses].sort());
    expect(pairedFrom(a).length).toBeGreaterThan(0);
    expect(pairedFrom(b).length).toBeGreaterThan(0);
    for (const t of [...tabs, console_]) t.close();
  }, 120_000);

  it('the processes key on the client’s own address: the request log and the pairing-code back-off', async () => {
    // Ten wrong codes from one address are free; the eleventh waits — on whichever process the address meets
    // (nginx hashes the address, so all eleven meet the same process and its back-off).
    // The guesser writes an X-Forwarded-For of its own each time, hoping to look like new devices: nginx replaces it.
    const guess = async (i: number) => {
      const res = await fetchVia(ca, FROM.guesser)(`${nginx.url}/api/devices/pair`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.9.8.${i}`, 'x-real-ip': `10.9.8.${i}` },
        body: JSON.stringify({ code: `999900${String(i).padStart(2, '0')}` }),
      });
      return { status: res.status, body: (await res.json()) as { error: { code: string } } };
    };
    for (let i = 0; i < 10; i++) expect((await guess(i)).body.error.code).toBe('pairing_code_invalid');
    const held = await guess(10);
    expect(held.status).toBe(429);
    expect(held.body.error.code).toBe('rate_limited');
    // Another device on the same nginx is not held back by the guesser's mistakes.
    const neighbour = await clientOf(FROM.neighbour).request('POST', '/api/devices/pair', { code: '99990011' }, 'none');
    expect(neighbour.body.error.code).toBe('pairing_code_invalid');

    const seen = new Set([...requestLog(a), ...requestLog(b)].map((l) => l.remoteAddress));
    for (const from of Object.values(FROM)) expect(seen).toContain(from);
    expect(seen).not.toContain('127.0.0.1'); // nginx's own address is never taken for the client's
    expect([...seen].filter((ip) => ip?.startsWith('10.9.8.'))).toEqual([]); // nor a header a client wrote
  }, 120_000);

  it('serves the root certificate over plain HTTP and sends everything else to HTTPS', async () => {
    const pem = await plainGet(ports.http, '/ca.pem');
    expect(pem.status).toBe(200);
    expect(pem.body.trim()).toBe(ca.trim());
    const page = await plainGet(ports.http, '/ca');
    expect(page.status).toBe(200);
    // The install page links the tablet page at the hall address's HTTPS port (nginx's), not a process's own.
    expect(page.body).toContain(`https://127.0.0.1:${ports.https}/tablet/`);
    const other = await plainGet(ports.http, '/tablet/');
    expect(other.status).toBe(301);
    expect(other.location).toBe('https://127.0.0.1/tablet/');
  });

  it('tells the console, the pairing cards and the banner nginx’s plain-HTTP port for the root certificate (CA_PUBLIC_PORT)', async () => {
    // The console's QR code and the pairing cards print caPageUrl(hall address, ca.port) from GET /api/hall.
    const info = await staff.get('/api/hall');
    expect(info.status).toBe(200);
    expect(info.body.ca.port).toBe(ports.http);
    const advertised = caPageUrl(info.body.publicUrl, info.body.ca.port);
    expect(advertised).toBe(`http://127.0.0.1:${ports.http}/ca`);
    // …and that address serves the install page (nginx, from either process's helper).
    const page = await plainGet(Number(new URL(advertised).port), new URL(advertised).pathname);
    expect(page.status).toBe(200);
    for (const p of [a, b]) expect(p.output()).toContain(`root cert:   http://127.0.0.1:${ports.http}/ca`);
  });

  it('a process killed with -9: every client goes on through nginx to the other', async () => {
    await a.kill9();
    expect((await staff.get('/api/meetings')).status).toBe(200); // the session is in the database, not the process
    const devices = Array.from({ length: 8 }, (_, i) => clientOf(`127.0.0.${20 + i}`));
    for (const d of devices) expect((await d.get('/healthz')).status).toBe(200);
  }, 120_000);
});
