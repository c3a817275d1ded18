import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';

// The parent's side of the bench client processes (client.ts): forks K of them, gives each a contiguous share of
// the hall's tablets, and merges what they measure.

/** What one vote measured across every client process. */
export interface VoteResult {
  /** First paper sent → last receipt received, across the client processes (ms). */
  wallMs: number;
  /** Each paper's send → its receipt or error (ms). */
  latencies: number[];
  /** What the tablets sent, per candidate id (a paper leaving a candidate blank counts as abstain). */
  counts: Record<string, { for: number; against: number; abstain: number }>;
  /** Tablets answered with an error rather than a receipt. */
  errors: number;
}

/** The client processes, driven over IPC. */
export interface Clients {
  /**
   * Opens one socket per token, tablet i (over the whole hall) to `urls[i % urls.length]` — round-robin over the
   * server processes; in 'piaojue' mode each says hello (again on a new socket if the server closed the first),
   * checks in and waits for its `checkedIn`. Returns the ms taken and the hellos said again.
   */
  connect(urls: string[], tokens: string[], mode: 'piaojue' | 'floor'): Promise<{ ms: number; helloRetries: number }>;
  /** Resolves once every tablet has been told that ballot `ballotId` is open. */
  prepare(ballotId: string): Promise<void>;
  /** Builds (and seals) every paper, then sends all at once and waits for every answer. */
  vote(ballotId: string, candidateIds: string[], cap: number, seed: number): Promise<VoteResult>;
  /** Tells each client process to drop its sockets and exit. */
  stop(): void;
}

/** Forks `k` client processes (scripts/bench/client.ts) for a hall of `deputies` tablets, from the repo `root`. */
export function startClients(root: string, k: number, deputies: number): Clients {
  const procs: ChildProcess[] = [];
  for (let i = 0; i < k; i++) procs.push(fork(path.join(root, 'scripts/bench/client.ts'), [], { execArgv: ['--import', 'tsx'], cwd: root }));
  const ask = <T>(p: ChildProcess, msg: unknown, done: string) =>
    new Promise<T>((resolve) => {
      const on = (m: { done: string }) => {
        if (m.done !== done) return;
        p.off('message', on);
        resolve(m as T);
      };
      p.on('message', on);
      p.send(msg as object);
    });
  const from = (i: number, n: number) => Math.floor((i * n) / k);
  return {
    async connect(urls, tokens, mode) {
      const started = performance.now();
      const parts = await Promise.all(
        procs.map((p, i) =>
          ask<{ helloRetries: number }>(p, { cmd: 'connect', urls, tokens: tokens.slice(from(i, tokens.length), from(i + 1, tokens.length)), offset: from(i, tokens.length), mode }, 'connect'),
        ),
      );
      return { ms: performance.now() - started, helloRetries: parts.reduce((n, p) => n + p.helloRetries, 0) };
    },
    async prepare(ballotId) {
      await Promise.all(procs.map((p) => ask(p, { cmd: 'prepare', ballotId }, 'prepare')));
    },
    async vote(ballotId, candidateIds, cap, seed) {
      // Every client process builds (and seals, as each tablet does on its own device) its papers first; then all
      // send. The wall runs from the first paper sent to the last receipt received, across the processes.
      await Promise.all(procs.map((p, i) => ask(p, { cmd: 'arm', ballotId, candidateIds, cap, seed, offset: from(i, deputies) }, 'arm')));
      const parts = await Promise.all(procs.map((p) => ask<VoteResult & { startedAt: number; endedAt: number }>(p, { cmd: 'vote' }, 'vote')));
      const counts: VoteResult['counts'] = {};
      for (const part of parts) {
        for (const [id, c] of Object.entries(part.counts)) {
          const sum = (counts[id] ??= { for: 0, against: 0, abstain: 0 });
          sum.for += c.for;
          sum.against += c.against;
          sum.abstain += c.abstain;
        }
      }
      return {
        wallMs: Math.max(...parts.map((p) => p.endedAt)) - Math.min(...parts.map((p) => p.startedAt)),
        latencies: parts.flatMap((p) => p.latencies),
        counts,
        errors: parts.reduce((n, p) => n + p.errors, 0),
      };
    },
    stop() {
      for (const p of procs) p.send({ cmd: 'exit' });
    },
  };
}
