import { availableParallelism, loadavg } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { demoRoster } from '../../server/demo/roster.ts';
import { startClients } from './clients.ts';
import { startEngine } from './engine.ts';
import { runFloor } from './floor-run.ts';
import { runPiaojue } from './piaojue-run.ts';
import { median } from './stats.ts';

// npm run bench -- --deputies N [--candidates 15] [--runs 3] [--clients 2] [--engine sqlite|postgres]
//                  [--processes 1] [--pg-fsync]
// Runs the real server and a minimal floor server on fresh stores of the same engine, each with the same number
// of processes, and drives both with the same client processes; prints a table and, last, one JSON line of medians.
const ROOT = path.resolve(import.meta.dirname, '../..');
const USAGE = 'usage: npm run bench -- --deputies N [--candidates 15] [--runs 3] [--clients 2] [--engine sqlite|postgres] [--processes 1] [--pg-fsync]';
const { values } = parseArgs({
  options: {
    deputies: { type: 'string', default: '3000' },
    candidates: { type: 'string', default: '15' },
    runs: { type: 'string', default: '3' },
    clients: { type: 'string', default: '2' },
    engine: { type: 'string', default: 'sqlite' },
    processes: { type: 'string', default: '1' },
    'pg-fsync': { type: 'boolean', default: false },
  },
});
const N = Number(values.deputies);
const C = Number(values.candidates);
const RUNS = Number(values.runs);
const K = Math.max(1, Number(values.clients));
const P = Number(values.processes);
const ENGINE = values.engine;
if (!(N >= 1 && C >= 2 && RUNS >= 1 && P >= 1 && Number.isInteger(P)) || (ENGINE !== 'sqlite' && ENGINE !== 'postgres')) {
  console.error(USAGE);
  process.exit(2);
}
if (ENGINE === 'sqlite' && P > 1) {
  console.error('--processes above 1 needs --engine postgres: several processes share one hall only on PostgreSQL (DESIGN §8)');
  process.exit(2);
}

const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
const engine = await startEngine(ENGINE, { fsync: values['pg-fsync'] });
// Interrupted: the PostgreSQL cluster is a daemon of its own and would outlive the bench.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void engine.stop().finally(() => process.exit(130)));
const rows: Record<string, number | boolean>[] = [];
try {
  for (let run = 1; run <= RUNS; run++) {
    const seed = 1000 + run;
    const loadBefore = loadavg()[0]!;
    const floorStore = await engine.floor(run);
    const floor = await runFloor({ root: ROOT, deputies: N, candidates: C, seed, processes: P, store: floorStore, startClients: () => startClients(ROOT, K, N) }).finally(floorStore.cleanup);
    const store = await engine.piaojue(run);
    const ours = await runPiaojue({ root: ROOT, deputies: N, candidates: C, seed, processes: P, store, startClients: () => startClients(ROOT, K, N), roster: demoRoster }).finally(store.cleanup);
    const row = {
      deputies: N,
      processes: P,
      ...ours,
      floorVoteWallMs: floor.voteWallMs,
      floorAckP99Ms: floor.ackP99Ms,
      floorErrors: floor.errors,
      ratioVoteWall: ours.voteWallMs / floor.voteWallMs,
      ratioAckP99: ours.ackP99Ms / floor.ackP99Ms,
      load1: Math.max(loadBefore, loadavg()[0]!),
    };
    rows.push(row);
    console.log(
      `run ${run}/${RUNS}: vote ${ours.voteWallMs.toFixed(0)} ms (floor ${floor.voteWallMs.toFixed(0)}), ack p99 ${ours.ackP99Ms.toFixed(0)} ms ` +
        `(floor ${floor.ackP99Ms.toFixed(0)}), close→result ${ours.closeToResultMs.toFixed(0)} ms, tally ${ours.tallyCorrect ? 'correct' : 'WRONG'}, ` +
        `floor errors ${floor.errors}, load ${load()}`,
    );
  }
} finally {
  await engine.stop();
}

const keys = ['deputies', 'processes', 'connectMs', 'helloRetries', 'voteWallMs', 'ackP50Ms', 'ackP95Ms', 'ackP99Ms', 'ackMaxMs', 'closeToResultMs', 'turnoutBroadcasts',
  'tallyCorrect', 'serverRssMb', 'rssPerConnectionKb', 'floorVoteWallMs', 'floorAckP99Ms', 'floorErrors', 'ratioVoteWall', 'ratioAckP99', 'load1'] as const;
const summary: Record<string, number | boolean | string> = { engine: ENGINE };
for (const k of keys) {
  const values = rows.map((r) => r[k]!);
  summary[k] = typeof values[0] === 'boolean' ? values.every(Boolean) : Math.round(median(values as number[]) * 100) / 100;
}
console.log(`\npiaojue bench — ${N} deputies, ${C} candidates, ${RUNS} run(s), ${K} client process(es), ${P} server process(es), ${availableParallelism()} cores`);
console.log(engine.settings);
console.log(`load average now (1, 5, 15 min): ${load()}`);
console.log('metric'.padEnd(22) + 'median');
for (const k of keys) console.log(k.padEnd(22) + String(summary[k]));
console.log(JSON.stringify(summary));
