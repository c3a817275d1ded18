/**
 * Counts failures per key (an IP, a username) in a sliding window and locks the key out after too many.
 * In memory on purpose: a restart clearing lockouts is acceptable, a database write per failed guess is not.
 */
export class FailureThrottle {
  private readonly failures = new Map<string, number[]>();
  constructor(
    private readonly maxFailures: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  isLocked(key: string): boolean {
    return this.recent(key).length >= this.maxFailures;
  }

  fail(key: string): void {
    const list = this.recent(key);
    list.push(this.now());
    this.failures.set(key, list);
    if (this.failures.size > 10_000) this.prune();
  }

  /** Takes back the latest failure: for callers that count an attempt as failed before checking it. */
  forgive(key: string): void {
    this.failures.get(key)?.pop();
  }

  clear(key: string): void {
    this.failures.delete(key);
  }

  private recent(key: string): number[] {
    const since = this.now() - this.windowMs;
    return (this.failures.get(key) ?? []).filter((t) => t > since);
  }

  private prune(): void {
    for (const key of [...this.failures.keys()]) {
      if (this.recent(key).length === 0) this.failures.delete(key);
    }
  }
}
