/**
 * One timer per open ballot, firing at its deadline on the server's clock. Timers are only a trigger: the
 * deadline itself lives in the database, so a restart re-arms them (or closes what expired while down).
 */
export class DeadlineTimers {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  constructor(
    private readonly now: () => number,
    private readonly onDue: (ballotId: string) => void,
  ) {}

  set(ballotId: string, deadlineAt: number): void {
    this.clear(ballotId);
    // setTimeout caps at ~24.8 days; ballots last minutes, but re-arm rather than fire early just in case.
    const delay = Math.min(Math.max(0, deadlineAt - this.now()), 2_000_000_000);
    const timer = setTimeout(() => {
      this.timers.delete(ballotId);
      if (this.now() >= deadlineAt) this.onDue(ballotId);
      else this.set(ballotId, deadlineAt);
    }, delay);
    this.timers.set(ballotId, timer);
  }

  clear(ballotId: string): void {
    const timer = this.timers.get(ballotId);
    if (timer) clearTimeout(timer);
    this.timers.delete(ballotId);
  }

  clearAll(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
