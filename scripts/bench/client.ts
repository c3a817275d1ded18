import WebSocket from 'ws';
import { sealPaper, sealReady } from '../../shared/seal.ts';

// A bench client process: holds a share of the hall's tablets and speaks the real protocol (or, against the
// floor server, just the paper and its acknowledgement). Driven by its parent over IPC.
type Command =
  | { cmd: 'connect'; urls: string[]; tokens: string[]; offset: number; mode: 'piaojue' | 'floor' }
  | { cmd: 'prepare'; ballotId: string }
  | { cmd: 'arm'; ballotId: string; candidateIds: string[]; cap: number; seed: number; offset: number }
  | { cmd: 'vote' }
  | { cmd: 'exit' };

interface Tab {
  socket: WebSocket;
  inbox: { type: string; id?: string; ballot?: { id: string; sealing?: { publicKey: string; plaintextLength: number } | null } | null }[];
  waiters: ((m: Tab['inbox'][number]) => boolean)[];
}

const tabs: Tab[] = [];
const OPENING = 200;
/** The papers built (and, in a secret ballot, sealed) by `arm`, before the clock starts; sent by `vote`. */
let armed: { messages: string[]; counts: Record<string, { for: number; against: number; abstain: number }> } | undefined;
const reply = (m: unknown) => process.send!(m);

function waitFor(tab: Tab, test: (m: Tab['inbox'][number]) => boolean): Promise<void> {
  if (tab.inbox.some(test)) return Promise.resolve();
  return new Promise((resolve) => tab.waiters.push((m) => (test(m) ? (resolve(), true) : false)));
}

// A tablet says hello as soon as its socket opens (the server closes a socket silent for 5 s: on a loaded machine,
// opening 1,500 sockets before the first hello took longer than that and the run waited forever).
function open(url: string, hello?: string): Promise<Tab> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/ws`);
    const tab: Tab = { socket, inbox: [], waiters: [] };
    socket.on('message', (data) => {
      const m = JSON.parse(String(data)) as Tab['inbox'][number];
      tab.inbox.push(m);
      tab.waiters = tab.waiters.filter((w) => !w(m));
    });
    socket.once('open', () => {
      if (hello) socket.send(hello);
      resolve(tab);
    });
    socket.once('error', reject);
  });
}

/** mulberry32, seeded per tablet so the parent can recompute nothing and still trust the counts. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ready = sealReady();

/** Resolves true once the server has sent the tablet its `ballot` (the welcome), false if the socket closes first. */
function welcomed(tab: Tab): Promise<boolean> {
  return new Promise((resolve) => {
    tab.socket.once('close', () => resolve(false));
    void waitFor(tab, (m) => m.type === 'ballot').then(() => resolve(true));
  });
}

let helloRetries = 0;

process.on('message', async (c: Command) => {
  await ready;
  if (c.cmd === 'connect') {
    const started = performance.now();
    // At most OPENING sockets in their handshake at once: a hall's tablets do not all connect in one instant, and
    // on a loaded machine thousands of simultaneous handshakes outlast the server's 20 s header timeout (408).
    const opened: Tab[] = new Array(c.tokens.length);
    let next = 0;
    await Promise.all(
      Array.from({ length: Math.min(OPENING, c.tokens.length) }, async () => {
        while (next < c.tokens.length) {
          const i = next++;
          // Round-robin over the server processes by the tablet's place in the whole hall.
          const url = c.urls[(c.offset + i) % c.urls.length]!;
          if (c.mode === 'floor') {
            opened[i] = await open(url);
            continue;
          }
          // Welcomed (told the ballot state) or closed: the server closes a socket whose hello it has not
          // accepted within 5 s, which a loaded machine on PostgreSQL did to a few dozen of 3,000. A tablet then
          // reconnects and says hello again; so does this one, and the retries are counted.
          for (;;) {
            const tab = await open(url, JSON.stringify({ type: 'hello', role: 'tablet', token: c.tokens[i] })).catch(() => null);
            if (tab && (await welcomed(tab))) {
              opened[i] = tab;
              break;
            }
            helloRetries++;
            await new Promise((r) => setTimeout(r, 250));
          }
        }
      }),
    );
    tabs.push(...opened);
    if (c.mode === 'piaojue') {
      opened.forEach((t) => t.socket.send(JSON.stringify({ type: 'checkIn', id: 'checkin' })));
      await Promise.all(opened.map((t) => waitFor(t, (m) => m.type === 'checkedIn')));
    }
    reply({ done: 'connect', ms: performance.now() - started, helloRetries });
  } else if (c.cmd === 'prepare') {
    await Promise.all(tabs.map((t) => waitFor(t, (m) => m.type === 'ballot' && m.ballot?.id === c.ballotId)));
    reply({ done: 'prepare' });
  } else if (c.cmd === 'arm') {
    const counts: Record<string, { for: number; against: number; abstain: number }> = {};
    for (const id of c.candidateIds) counts[id] = { for: 0, against: 0, abstain: 0 };
    const messages = tabs.map((_, i) => {
      const rnd = rng(c.seed * 1_000_003 + c.offset + i);
      const marks: Record<string, string> = {};
      let approvals = 0;
      for (const id of c.candidateIds) {
        const r = rnd();
        const mark = r < 0.6 && approvals < c.cap ? 'for' : r < 0.8 ? 'against' : r < 0.9 ? 'abstain' : undefined;
        if (mark === 'for') approvals++;
        if (mark) marks[id] = mark;
        counts[id]![(mark ?? 'abstain') as 'for']++;
      }
      const key = `bench-${c.seed}-${c.offset + i}-${Math.floor(rnd() * 1e9)}`.padEnd(20, 'x');
      // A secret ballot's paper is sealed on the tablet before it is sent (DESIGN §5): each tablet does that on
      // its own device, so the sealing happens here before the clock starts, as the tablets' outboxes hold it.
      const sealing = tabs[i]!.inbox.findLast((m) => m.type === 'ballot' && m.ballot?.id === c.ballotId)?.ballot?.sealing;
      if (sealing) return JSON.stringify({ type: 'submitPaper', id: `v${i}`, ballotId: c.ballotId, envelope: sealPaper({ ballotId: c.ballotId, ...sealing }, marks) });
      return JSON.stringify({ type: 'submitPaper', id: `v${i}`, ballotId: c.ballotId, key, marks });
    });
    armed = { messages, counts };
    reply({ done: 'arm' });
  } else if (c.cmd === 'vote') {
    const { messages, counts } = armed!;
    const latencies: number[] = new Array(tabs.length);
    const started = performance.now();
    const acks = tabs.map((t, i) => {
      const sentAt = performance.now();
      t.socket.send(messages[i]!);
      return waitFor(t, (m) => (m.type === 'receipt' || m.type === 'error') && m.id === `v${i}`).then(() => {
        latencies[i] = performance.now() - sentAt;
      });
    });
    await Promise.all(acks);
    const errors = tabs.filter((t) => t.inbox.some((m) => m.type === 'error' && m.id?.startsWith('v'))).length;
    const ended = performance.now();
    // Wall-clock times (ms since the epoch, sub-millisecond) so the parent can span its client processes.
    reply({ done: 'vote', wallMs: ended - started, latencies, counts, errors, startedAt: performance.timeOrigin + started, endedAt: performance.timeOrigin + ended });
  } else {
    for (const t of tabs) t.socket.terminate();
    process.exit(0);
  }
});
