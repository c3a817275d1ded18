import { Backoff, waitText, type BackoffPolicy } from '../auth/backoff.ts';
import { FailureThrottle } from '../auth/throttle.ts';
import { errors } from '../errors.ts';

/** Per address: ten wrong codes free (a hall's tablets may share one address), then waits doubling to 5 minutes. */
export const PAIRING_BY_ADDRESS: BackoffPolicy = { free: 10, baseMs: 1000, maxMs: 5 * 60_000, forgetMs: 3600_000 };
/**
 * From all addresses together: at most 20 wrong codes a minute. With 400 unused 8-digit codes outstanding for
 * the 12 hours they live, that leaves a guesser spread over any number of addresses 14,400 guesses, about a
 * 5.6 % chance of hitting some code — and voiding unused codes after pairing takes even that away.
 */
export const PAIRING_GLOBAL_PER_MINUTE = 20;

/**
 * Holds back pairing-code guessing by address (back-off) and by code attempts (a global budget of wrong codes per
 * minute), so one address is not locked out while a bot on many addresses still guesses (issue 12).
 */
export class PairingGuard {
  private readonly byAddress: Backoff;
  private readonly global: FailureThrottle;
  constructor(now: () => number) {
    this.byAddress = new Backoff(PAIRING_BY_ADDRESS, now);
    this.global = new FailureThrottle(PAIRING_GLOBAL_PER_MINUTE, 60_000, now);
  }

  /** Throws rate_limited (429) when this address must wait or the minute's budget of wrong codes is spent. */
  admit(address: string): void {
    const wait = this.byAddress.waitMs(address);
    if (wait > 0) throw errors.rateLimited(waitText(wait));
    if (this.global.isLocked('*')) throw errors.rateLimited('too many wrong pairing codes on this network; wait a minute and try again');
    // Counted before the check and forgiven on success, so a burst is counted as it arrives.
    this.byAddress.fail(address);
    this.global.fail('*');
  }

  /** The code was right: the attempt admitted last is not a failure. */
  succeeded(address: string): void {
    this.byAddress.forgive(address);
    this.global.forgive('*');
  }
}
