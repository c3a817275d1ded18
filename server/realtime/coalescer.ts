/**
 * Turns a burst of "something changed" marks into at most one flush per key per interval: the first mark arms
 * a timer, later marks ride along, the flush reads the state as it is then. 300 papers in a second give 4
 * turnout broadcasts, not 300.
 */
export class Coalescer {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  constructor(
    private readonly intervalMs: number,
    private readonly flush: (key: string) => Promise<void>,
    private readonly onError: (err: unknown, key: string) => void,
  ) {}

  mark(key: string): void {
    if (this.timers.has(key)) return;
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        this.flush(key).catch((err: unknown) => this.onError(err, key));
      }, this.intervalMs),
    );
  }

  stop(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }
}
