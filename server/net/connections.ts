import { readFileSync } from 'node:fs';
import type { Server } from 'node:net';

// Socket caps (issue 12: ~1,000 idle unauthenticated sockets exhausted a 1,024 file limit). Every tablet is one
// address with a socket or two; a browser opens up to six. Past the per-address cap a new socket from that
// address is closed at once, before TLS or HTTP cost anything; the whole server keeps a reserve of file
// descriptors below the process limit for the database, the log and the tablets already connected.

/** File descriptors kept free below the soft limit (SQLite, its WAL, log files, photos). */
export const FD_RESERVE = 128;

/** The soft `Max open files` limit of this process (Linux /proc/self/limits), or null where unknown. */
export function openFileLimit(): number | null {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('Max open files'));
    const soft = line?.split(/\s{2,}/)[1];
    return soft && /^\d+$/.test(soft) ? Number(soft) : null;
  } catch {
    return null;
  }
}

/**
 * Caps the sockets of `server`: at most `perAddress` open at once from one remote address, and in all
 * (server.maxConnections) the process's file limit less FD_RESERVE. Sockets from an address `uncapped` accepts (a
 * trusted reverse proxy, which carries the whole hall and caps per client itself: deploy/nginx/piaojue.conf) are
 * counted but never refused. Returns a function reporting the open count per address (for tests and the log).
 */
export function capConnections(
  server: Server,
  perAddress: number,
  fdLimit: number | null = openFileLimit(),
  uncapped: (address: string | undefined) => boolean = () => false,
): () => Map<string, number> {
  const open = new Map<string, number>();
  if (fdLimit !== null) server.maxConnections = Math.max(64, fdLimit - FD_RESERVE);
  server.on('connection', (socket) => {
    const address = socket.remoteAddress ?? '?';
    const n = (open.get(address) ?? 0) + 1;
    if (n > perAddress && !uncapped(socket.remoteAddress)) {
      socket.destroy();
      return;
    }
    open.set(address, n);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left <= 0) open.delete(address);
      else open.set(address, left);
    });
  });
  return () => new Map(open);
}
