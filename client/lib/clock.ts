// The server's clock is the only clock (DESIGN.md §4.8). Each message carrying `serverNow` moves the offset to
// serverNow − local time at receipt; the latest wins, so a tablet whose clock jumps catches up at the next one.

export class ServerClock {
  private offsetMs = 0;
  private known = false;

  constructor(private readonly localNow: () => number = Date.now) {}

  update(serverNow: number, receivedAt: number = this.localNow()): void {
    this.offsetMs = serverNow - receivedAt;
    this.known = true;
  }

  get offset(): number {
    return this.offsetMs;
  }

  get synced(): boolean {
    return this.known;
  }

  /** The server's time now, as best this tablet knows it. */
  now(): number {
    return this.localNow() + this.offsetMs;
  }
}

/** Milliseconds left until `deadlineAt` (server time), never negative. */
export function remainingMs(deadlineAt: number, serverNow: number): number {
  return Math.max(0, deadlineAt - serverNow);
}

/** "09:05" or, past an hour, "1:02:03". Rounds up, so "00:00" means the time is really up. */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${two(m)}:${two(s)}`;
}
