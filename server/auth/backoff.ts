export interface BackoffPolicy {
  /** Failures allowed before any wait. */
  free: number;
  /** The first wait (ms); each further failure doubles it. */
  baseMs: number;
  /** The longest wait (ms): a key is slowed down, never locked out. */
  maxMs: number;
  /** A key with no failure for this long (ms) starts afresh. */
  forgetMs: number;
}

/**
 * Exponential back-off per key (an address, an account): after `free` failures the next attempt must wait
 * baseMs·2^(failures − free), at most maxMs, counted from the latest failure. Replaces the hard 15-minute locks
 * that let five wrong passwords shut `admin` out of the hall (issue 12). In memory: a restart forgets it.
 */
export class Backoff {
  private readonly state = new Map<string, { count: number; last: number }>();
  constructor(
    private readonly policy: BackoffPolicy,
    private readonly now: () => number = Date.now,
  ) {}

  /** How long (ms) this key must still wait before its next attempt; 0 when it may try now. */
  waitMs(key: string): number {
    const s = this.current(key);
    if (!s || s.count < this.policy.free) return 0;
    const delay = Math.min(this.policy.maxMs, this.policy.baseMs * 2 ** (s.count - this.policy.free));
    return Math.max(0, s.last + delay - this.now());
  }

  /** Counts a failure (callers count before the slow check, so a burst is counted as it arrives). */
  fail(key: string): void {
    const s = this.current(key) ?? { count: 0, last: 0 };
    s.count++;
    s.last = this.now();
    this.state.set(key, s);
    if (this.state.size > 10_000) this.prune();
  }

  /** Takes back the latest failure: for callers that counted an attempt before checking it. */
  forgive(key: string): void {
    const s = this.state.get(key);
    if (s) s.count = Math.max(0, s.count - 1);
  }

  clear(key: string): void {
    this.state.delete(key);
  }

  private current(key: string) {
    const s = this.state.get(key);
    if (s && this.now() - s.last > this.policy.forgetMs) {
      this.state.delete(key);
      return undefined;
    }
    return s;
  }

  private prune(): void {
    for (const key of [...this.state.keys()]) this.current(key);
  }
}

/** The wait in words for a 429: whole seconds, at least one. */
export const waitText = (ms: number) => `too many attempts; wait ${Math.max(1, Math.ceil(ms / 1000))} s and try again`;
