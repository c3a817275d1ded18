import { fork, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { demoRoster } from '../../server/demo/roster.ts';
import { runPiaojue, type Clients } from './piaojue-run.ts';
import { median, percentile } from './stats.ts';

// npm run bench -- --deputies N [--candidates 15] [--runs 3] [--clients 2]
// Runs the real server and a minimal floor server on fresh data directories and drives both with the same
// client processes; prints a table and, last, one JSON line of medians.
const ROOT = path.resolve(import.meta.dirname, '../..');
const { values } = parseArgs({
  options: {
    deputies: { type: 'string', default: '3000' },
    candidates: { type: 'string', default: '15' },
    runs: { type: 'string', default: '3' },
    clients: { type: 'string', default: '2' },
  },
});
const N = Number(values.deputies);
const C = Number(values.candidates);
const RUNS = Number(values.runs);
const K = Math.max(1, Number(values.clients));
if (!(N >= 1 && C >= 2 && RUNS >= 1)) {
  console.error('usage: npm run bench -- --deputies N [--candidates 15] [--runs 3] [--clients 2]');
  process.exit(2);
}

export interface VoteResult {
  wallMs: number;
  latencies: number[];
  counts: Record<string, { for: number; against: number; abstain: number }>;
  errors: number;
}

function startClients(): Clients {
  const procs: ChildProcess[] = [];
  for (let i = 0; i < K; i++) procs.push(fork(path.join(ROOT, 'scripts/bench/client.ts'), [], { execArgv: ['--import', 'tsx'], cwd: ROOT }));
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
  const share = <T>(items: T[], i: number) => items.slice(Math.floor((i * items.length) / K), Math.floor(((i + 1) * items.length) / K));
  return {
    async connect(url, tokens, mode) {
      const started = performance.now();
      await Promise.all(procs.map((p, i) => ask(p, { cmd: 'connect', url, tokens: share(tokens, i), mode }, 'connect')));
      return performance.now() - started;
    },
    async prepare(ballotId) {
      await Promise.all(procs.map((p) => ask(p, { cmd: 'prepare', ballotId }, 'prepare')));
    },
    async vote(ballotId, candidateIds, cap, seed) {
      // Every client process builds (and seals, as each tablet does on its own device) its papers first; then all
      // send. The wall runs from the first paper sent to the last receipt received, across the processes.
      await Promise.all(procs.map((p, i) => ask(p, { cmd: 'arm', ballotId, candidateIds, cap, seed, offset: Math.floor((i * N) / K) }, 'arm')));
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

async function runFloor(seed: number) {
  const dir = mkdtempSync(path.join(tmpdir(), 'piaojue-floor-'));
  const server = spawn(process.execPath, ['--import', 'tsx', 'scripts/bench/floor-server.ts', dir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve) => {
    let out = '';
    server.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /floor listening on (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
  });
  const clients = startClients();
  try {
    const tokens = Array.from({ length: N }, (_, i) => `floor-${i}`);
    await clients.connect(`http://127.0.0.1:${port}`, tokens, 'floor');
    const candidateIds = Array.from({ length: C }, (_, i) => `c${i + 1}`);
    const vote = await clients.vote('b-floor', candidateIds, Math.min(10, C - 1), seed);
    return { voteWallMs: vote.wallMs, ackP99Ms: percentile(vote.latencies, 99), errors: vote.errors };
  } finally {
    clients.stop();
    server.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
}

const rows: Record<string, number | boolean>[] = [];
for (let run = 1; run <= RUNS; run++) {
  const seed = 1000 + run;
  const floor = await runFloor(seed);
  const ours = await runPiaojue({ root: ROOT, deputies: N, candidates: C, seed, startClients, roster: demoRoster });
  const row = {
    deputies: N,
    ...ours,
    floorVoteWallMs: floor.voteWallMs,
    floorAckP99Ms: floor.ackP99Ms,
    ratioVoteWall: ours.voteWallMs / floor.voteWallMs,
    ratioAckP99: ours.ackP99Ms / floor.ackP99Ms,
  };
  rows.push(row);
  console.log(
    `run ${run}/${RUNS}: vote ${ours.voteWallMs.toFixed(0)} ms (floor ${floor.voteWallMs.toFixed(0)}), ack p99 ${ours.ackP99Ms.toFixed(0)} ms ` +
      `(floor ${floor.ackP99Ms.toFixed(0)}), close→result ${ours.closeToResultMs.toFixed(0)} ms, tally ${ours.tallyCorrect ? 'correct' : 'WRONG'}`,
  );
}

const keys = ['deputies', 'connectMs', 'voteWallMs', 'ackP50Ms', 'ackP95Ms', 'ackP99Ms', 'ackMaxMs', 'closeToResultMs', 'turnoutBroadcasts', 'tallyCorrect',
  'serverRssMb', 'rssPerConnectionKb', 'floorVoteWallMs', 'floorAckP99Ms', 'ratioVoteWall', 'ratioAckP99'] as const;
const summary: Record<string, number | boolean> = {};
for (const k of keys) {
  const values = rows.map((r) => r[k]!);
  summary[k] = typeof values[0] === 'boolean' ? values.every(Boolean) : Math.round(median(values as number[]) * 100) / 100;
}
console.log(`\npiaojue bench — ${N} deputies, ${C} candidates, ${RUNS} run(s), ${K} client process(es), ${availableParallelism()} cores`);
console.log('metric'.padEnd(22) + 'median');
for (const k of keys) console.log(k.padEnd(22) + String(summary[k]));
console.log(JSON.stringify(summary));
