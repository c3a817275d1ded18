import type { Clients } from './clients.ts';
import type { RunStore } from './engine.ts';
import { killAll, spawnListening, type Listening } from './spawn.ts';
import { percentile } from './stats.ts';

/**
 * The floor's run: `processes` floor servers (floor-server.ts) on `store`, N sockets spread round-robin over them
 * as piaojue's tablets are, N papers sent at once. Returns the vote wall and ack p99 (ms) and the papers refused.
 */
export async function runFloor(o: { root: string; deputies: number; candidates: number; seed: number; processes: number; store: RunStore; startClients: () => Clients }) {
  const started = await Promise.allSettled(
    Array.from({ length: o.processes }, () => spawnListening(o.root, ['scripts/bench/floor-server.ts', ...o.store.floorArgs], {}, /floor listening on (\d+)/)),
  );
  const servers: (Listening | undefined)[] = started.map((s) => (s.status === 'fulfilled' ? s.value : undefined));
  const failed = started.find((s) => s.status === 'rejected');
  if (failed) {
    await killAll(servers);
    throw failed.reason;
  }
  const clients = o.startClients();
  try {
    const tokens = Array.from({ length: o.deputies }, (_, i) => `floor-${i}`);
    await clients.connect(servers.map((s) => s!.base), tokens, 'floor');
    const candidateIds = Array.from({ length: o.candidates }, (_, i) => `c${i + 1}`);
    const vote = await clients.vote('b-floor', candidateIds, Math.min(10, o.candidates - 1), o.seed);
    return { voteWallMs: vote.wallMs, ackP99Ms: percentile(vote.latencies, 99), errors: vote.errors };
  } finally {
    clients.stop();
    await killAll(servers);
  }
}
