import { readFileSync } from 'node:fs';
import path from 'node:path';
import WebSocket from 'ws';
import type { RosterEntry } from '../../shared/roster.ts';
import type { Clients } from './clients.ts';
import type { RunStore } from './engine.ts';
import { killAll, spawnListening, type Listening } from './spawn.ts';
import { percentile } from './stats.ts';

const ADMIN_PASSWORD = 'bench-admin-password';
/**
 * Pairings in flight at once. The pairing guard counts an attempt from an address as a failure until it succeeds
 * and lets 10 through free (server/devices/guard.ts); the bench pairs from one address, so it stays below that
 * however slow a pairing is (32 at once tripped it on PostgreSQL: 429).
 */
const PAIRING_BURST = 8;

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

async function json(url: string, method: string, body: unknown, headers: Record<string, string>): Promise<any> {
  const res = await fetch(url, { method, headers: { ...headers, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${text}`);
  return JSON.parse(text);
}

/**
 * Our server, as shipped: `processes` server processes on `store` (SQLite: one process on a fresh data directory;
 * PostgreSQL: DATABASE_URL, all sharing one hall and one DATA_DIR). Sets up the hall through the first, spreads
 * the tablets round-robin over the processes (pairing each on its own), console and projector on the first;
 * votes, closes and announces through the first. Returns the figures (ms, MB, KB) and whether the tally is right.
 */
export async function runPiaojue(o: {
  root: string;
  deputies: number;
  candidates: number;
  seed: number;
  processes: number;
  store: RunStore;
  startClients: () => Clients;
  roster: (townships: string[], n: number) => RosterEntry[];
}) {
  const env = { PORT: '0', HOST: '127.0.0.1', DATA_DIR: o.store.dataDir, LOG_LEVEL: 'warn',
    PIAOJUE_ADMIN_PASSWORD: ADMIN_PASSWORD, MAX_CONNECTIONS_PER_ADDRESS: '100000', ...o.store.env };
  const servers: (Listening | undefined)[] = [];
  // All at once: on PostgreSQL the migrator's advisory lock lets one migrate while the others wait.
  const started = await Promise.allSettled(
    Array.from({ length: o.processes }, () => spawnListening(o.root, ['server/main.ts'], env, /listening on http:\/\/localhost:(\d+)/)),
  );
  for (const s of started) servers.push(s.status === 'fulfilled' ? s.value : undefined);
  const failed = started.find((s) => s.status === 'rejected');
  if (failed) {
    await killAll(servers);
    throw failed.reason;
  }
  const bases = servers.map((s) => s!.base);
  const base = bases[0]!;
  const pids = servers.map((s) => s!.proc.pid!);
  const clients = o.startClients();
  try {
    const login = await fetch(`${base}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }) });
    const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
    const staff = { cookie };
    const fixture = JSON.parse(readFileSync(path.join(o.root, 'server/demo/fixtures/qinshui-2023-candidates.json'), 'utf8'));
    const meeting = (await json(`${base}/api/meetings`, 'POST', { name: '基准测试会议', date: '2023-02-21' }, staff)).meeting.id as string;
    const candidates = Array.from({ length: o.candidates }, (_, i) => {
      const c = fixture.candidates[i % fixture.candidates.length];
      return { ...c, seq: i + 1, name: i < fixture.candidates.length ? c.name : `${c.name}（${i + 1}）` };
    });
    const imported = await json(`${base}/api/meetings/${meeting}/candidates/import`, 'POST', { candidates }, staff);
    const candidateIds = (imported.candidates as { id: string }[]).map((c) => c.id);
    // One import takes at most 5,000 deputies (shared/roster.ts); larger halls import in parts.
    const roster = o.roster(fixture.townships, o.deputies);
    for (let i = 0; i < roster.length; i += 5000) {
      await json(`${base}/api/meetings/${meeting}/deputies/import`, 'POST', { deputies: roster.slice(i, i + 5000) }, staff);
    }
    const deputies = (await json(`${base}/api/meetings/${meeting}/deputies`, 'GET', undefined, staff)).deputies as { id: string }[];
    const tokens: string[] = new Array(deputies.length);
    for (let i = 0; i < deputies.length; i += PAIRING_BURST) {
      await Promise.all(
        deputies.slice(i, i + PAIRING_BURST).map(async (d, j) => {
          const { code } = await json(`${base}/api/meetings/${meeting}/deputies/${d.id}/pairing-code`, 'POST', {}, staff);
          // Paired on the process the tablet will connect to (the same round-robin as the client processes').
          tokens[i + j] = (await json(`${bases[(i + j) % bases.length]}/api/devices/pair`, 'POST', { code }, {})).token;
        }),
      );
    }

    // Observers: a console counting turnout broadcasts, a projector waiting for the result.
    const display = (await json(`${base}/api/meetings/${meeting}/display-tokens`, 'POST', {}, staff)).token as string;
    const observe = (hello: object, headers: Record<string, string> = {}) => {
      const socket = new WebSocket(`${base.replace('http', 'ws')}/ws`, { headers });
      const inbox: { type: string; [k: string]: unknown }[] = [];
      const listeners: (() => void)[] = [];
      socket.on('message', (d) => {
        inbox.push(JSON.parse(String(d)));
        listeners.forEach((l) => l());
      });
      socket.on('open', () => socket.send(JSON.stringify(hello)));
      const waitFor = (test: (m: (typeof inbox)[number]) => boolean) =>
        new Promise<(typeof inbox)[number]>((resolve) => {
          const check = () => {
            const found = inbox.find(test);
            if (found) resolve(found);
          };
          listeners.push(check);
          check();
        });
      return { socket, inbox, waitFor };
    };
    const con = observe({ type: 'hello', role: 'console', meetingId: meeting }, staff);
    const projector = observe({ type: 'hello', role: 'projector', token: display });
    await con.waitFor((m) => m.type === 'attendance');
    await projector.waitFor((m) => m.type === 'attendance');

    const rss = () => pids.reduce((sum, pid) => sum + rssMb(pid), 0); // all server processes together
    const rssBefore = rss();
    const { ms: connectMs, helloRetries } = await clients.connect(bases, tokens, 'piaojue');
    await new Promise((r) => setTimeout(r, 500));
    const rssIdle = rss();

    const ballot = (await json(`${base}/api/meetings/${meeting}/ballots`, 'POST', { title: '基准票决', seats: 10, durationSeconds: 3600, secret: true }, staff)).ballot.id as string;
    await json(`${base}/api/ballots/${ballot}/open`, 'POST', {}, staff);
    await clients.prepare(ballot);
    const turnoutBefore = con.inbox.filter((m) => m.type === 'turnout').length;
    const vote = await clients.vote(ballot, candidateIds, 10, o.seed);
    await con.waitFor((m) => m.type === 'turnout' && m.voted === o.deputies);
    const turnoutBroadcasts = con.inbox.filter((m) => m.type === 'turnout').length - turnoutBefore;

    const closing = performance.now();
    await json(`${base}/api/ballots/${ballot}/close`, 'POST', {}, staff);
    await json(`${base}/api/ballots/${ballot}/announce`, 'POST', {}, staff);
    const results = (await projector.waitFor((m) => m.type === 'results' && m.ballotId === ballot)) as unknown as {
      tally: { candidates: { id: string; counts: Record<string, number> }[]; papers: { valid: number } };
    };
    const closeToResultMs = performance.now() - closing;
    const tallyCorrect =
      vote.errors === 0 &&
      results.tally.papers.valid === o.deputies &&
      results.tally.candidates.every((c) => {
        const sent = vote.counts[c.id]!;
        return c.counts.for === sent.for && c.counts.against === sent.against && c.counts.abstain === sent.abstain;
      });
    con.socket.close();
    projector.socket.close();
    return {
      connectMs,
      helloRetries,
      voteWallMs: vote.wallMs,
      ackP50Ms: percentile(vote.latencies, 50),
      ackP95Ms: percentile(vote.latencies, 95),
      ackP99Ms: percentile(vote.latencies, 99),
      ackMaxMs: Math.max(...vote.latencies),
      closeToResultMs,
      turnoutBroadcasts,
      tallyCorrect,
      serverRssMb: rssIdle,
      rssPerConnectionKb: ((rssIdle - rssBefore) * 1024) / o.deputies,
    };
  } finally {
    clients.stop();
    await killAll(servers);
  }
}
