import type { Kysely } from 'kysely';
import { Backoff, waitText, type BackoffPolicy } from '../auth/backoff.ts';
import type { Database } from '../db/schema.ts';
import { errors } from '../errors.ts';
import { wrongCodeBudget, type WrongCodeBudget } from './budget.ts';

/** Per address: ten wrong codes free (a hall's tablets may share one address), then waits doubling to 5 minutes. */
export const PAIRING_BY_ADDRESS: BackoffPolicy = { free: 10, baseMs: 1000, maxMs: 5 * 60_000, forgetMs: 3600_000 };
/**
 * From all addresses together: at most 20 wrong codes a minute. With 400 unused 8-digit codes outstanding for
 * the 12 hours they live, that leaves a guesser spread over any number of addresses 14,400 guesses, about a
 * 5.6 % chance of hitting some code — and voiding unused codes after pairing takes even that away. On PostgreSQL
 * the 20 are shared by every process on the database (server/devices/budget.ts).
 */
export const PAIRING_GLOBAL_PER_MINUTE = 20;

/** What admit() counted, for succeeded() to take back. */
export interface PairingAttempt {
  address: string;
  ticket: string;
}

/**
 * Holds back pairing-code guessing by address (back-off, in this process's memory: nginx sends an address to one
 * process) and by code attempts (a global budget of wrong codes per minute: in the database on PostgreSQL, so
 * several processes share it), so one address is not locked out while a bot on many addresses still guesses
 * (issue 12, issue 18).
 */
export class PairingGuard {
  private readonly byAddress: Backoff;
  private readonly global: WrongCodeBudget;
  constructor(db: Kysely<Database>, now: () => number) {
    this.byAddress = new Backoff(PAIRING_BY_ADDRESS, now);
    this.global = wrongCodeBudget(db, PAIRING_GLOBAL_PER_MINUTE, 60_000, now);
  }

  /** Throws rate_limited (429) when this address must wait or the minute's budget of wrong codes is spent. */
  async admit(address: string): Promise<PairingAttempt> {
    const wait = this.byAddress.waitMs(address);
    if (wait > 0) throw errors.rateLimited(waitText(wait));
    // Counted before the check and forgiven on success, so a burst is counted as it arrives.
    const ticket = await this.global.take();
    if (ticket === null) throw errors.rateLimited('too many wrong pairing codes on this network; wait a minute and try again');
    this.byAddress.fail(address);
    return { address, ticket };
  }

  /** The code was right: the attempt admitted is not a failure. */
  async succeeded(attempt: PairingAttempt): Promise<void> {
    this.byAddress.forgive(attempt.address);
    await this.global.giveBack(attempt.ticket);
  }
}
