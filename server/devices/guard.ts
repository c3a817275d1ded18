import type { Kysely } from 'kysely';
import { Backoff, waitText, type BackoffPolicy } from '../auth/backoff.ts';
import type { Database } from '../db/schema.ts';
import { errors } from '../errors.ts';
import { ATTEMPT_HISTORY_MS, wrongCodeBudget, type BudgetKind, type WrongCodeBudget } from './budget.ts';

/** Per address: ten wrong codes free (a hall's tablets may share one address), then waits doubling to 5 minutes. */
export const PAIRING_BY_ADDRESS: BackoffPolicy = { free: 10, baseMs: 1000, maxMs: 5 * 60_000, forgetMs: 3600_000 };
/** The window (ms) of both network-wide budgets and of an address's right to the reserve: one minute. */
export const PAIRING_WINDOW_MS = 60_000;
/**
 * From all addresses together: at most 20 wrong codes a minute on the main budget, and when that is spent at most
 * 20 more a minute on the reserve (PAIRING_RESERVE_PER_MINUTE) — so at most 40 codes checked a minute however many
 * addresses a guesser uses. With 400 unused 8-digit codes outstanding for the 12 hours they live, that leaves a
 * guesser 40 × 720 = 28,800 guesses, about an 11 % chance of hitting some code (1 − (1 − 400/10^8)^28,800); 20
 * of the 40 a minute need 20 addresses that sent no wrong code in the minute before, so one phone on two or three
 * addresses gets little more than the main budget's 14,400 (about 5.6 %) — and voiding unused codes after pairing
 * takes even that away.
 * On PostgreSQL both budgets are shared by every process on the database (server/devices/budget.ts).
 */
export const PAIRING_GLOBAL_PER_MINUTE = 20;
/**
 * The reserve (issue 12, a guesser must not keep the hall's tablets from pairing): once the main budget is spent,
 * an address with no wrong code in the last minute may still have one code a minute checked, at most 20 a minute
 * from all addresses together. A right code is given back; a wrong one spends the address's turn for the minute.
 */
export const PAIRING_RESERVE_PER_MINUTE = 20;
/** How many addresses the console's warning names (those that sent the most wrong codes). */
export const GUESSING_TOP_ADDRESSES = 5;

/** What admit() counted, for succeeded() to take back. */
export interface PairingAttempt {
  address: string;
  budget: BudgetKind;
  ticket: string;
  /** The address's latest wrong code before this attempt (ms), restored when this one proves right. */
  previousWrongAt: number | undefined;
  /** When this attempt marked the address (ms): a later wrong code's mark is not undone by this one's success. */
  markedAt: number;
}

/**
 * The console's warning (shared/responses/devices.ts `pairingGuessingSchema`): the wrong codes counted in the last
 * ATTEMPT_HISTORY_MS, the addresses that sent most, and when the main budget was last found spent (null: not in
 * that time, no warning).
 */
export interface GuessingReport {
  sinceMinutes: number;
  wrongCodes: number;
  reserveChecks: number;
  addresses: { address: string; wrongCodes: number }[];
  spentAt: number | null;
}

/** Called the first time the main budget is found spent in a window (in this process): the audit's hook. */
export type SpentHook = (report: { wrongCodes: number; addresses: { address: string; wrongCodes: number }[] }) => Promise<void>;

/**
 * Holds back pairing-code guessing by address (back-off, in this process's memory: nginx sends an address to one
 * process) and by code attempts (a global budget of wrong codes per minute: in the database on PostgreSQL, so
 * several processes share it), so one address is not locked out while a bot on many addresses still guesses
 * (issue 12, issue 18). When the budget is spent, a reserve keeps the hall's tablets pairing: an address with no
 * wrong code in the last minute gets one check a minute from a second global budget, so a guesser on two or three
 * addresses cannot stop pairing (it would need 20 fresh addresses a minute).
 */
export class PairingGuard {
  private readonly byAddress: Backoff;
  private readonly main: WrongCodeBudget;
  private readonly reserve: WrongCodeBudget;
  /** Per address (this process): when it last sent a code counted as wrong (ms), while the window lasts. */
  private readonly wrongAt = new Map<string, number>();
  /** When this process last found the main budget spent (ms), and last reported it. */
  private spentAt: number | null = null;
  private reportedAt: number | null = null;

  constructor(
    db: Kysely<Database>,
    private readonly now: () => number,
    private readonly onSpent: SpentHook = async () => {},
  ) {
    this.byAddress = new Backoff(PAIRING_BY_ADDRESS, now);
    this.main = wrongCodeBudget(db, 'main', PAIRING_GLOBAL_PER_MINUTE, PAIRING_WINDOW_MS, now);
    this.reserve = wrongCodeBudget(db, 'reserve', PAIRING_RESERVE_PER_MINUTE, PAIRING_WINDOW_MS, now);
  }

  /**
   * Throws rate_limited (429) when this address must wait, or the minute's budget of wrong codes is spent and the
   * address may not use the reserve (it sent a wrong code, or used the reserve, in the last minute; or the reserve
   * is spent too).
   */
  async admit(address: string): Promise<PairingAttempt> {
    const wait = this.byAddress.waitMs(address);
    if (wait > 0) throw errors.rateLimited(waitText(wait));
    // Counted before the check and forgiven on success, so a burst is counted as it arrives.
    const ticket = await this.main.take(address);
    if (ticket !== null) return this.counted(address, 'main', ticket, this.wrongAt.get(address));
    await this.spent();
    // The reserve, for an address with no wrong code in the last window. Its code is marked wrong before the await
    // (given back if the reserve is spent too, or the code proves right), so a burst from one address gets one check.
    const at = this.now();
    const lastWrong = this.wrongAt.get(address);
    if (lastWrong !== undefined && lastWrong > at - PAIRING_WINDOW_MS) throw budgetSpent();
    this.wrongAt.set(address, at);
    const reserved = await this.reserve.take(address);
    if (reserved === null) {
      restore(this.wrongAt, address, lastWrong);
      throw budgetSpent();
    }
    return this.counted(address, 'reserve', reserved, lastWrong);
  }

  /** The code was right: the attempt admitted is not a failure (the address keeps its reserve turn). */
  async succeeded(attempt: PairingAttempt): Promise<void> {
    this.byAddress.forgive(attempt.address);
    if (this.wrongAt.get(attempt.address) === attempt.markedAt) restore(this.wrongAt, attempt.address, attempt.previousWrongAt);
    await (attempt.budget === 'main' ? this.main : this.reserve).giveBack(attempt.ticket);
  }

  /** The figures for the console's warning (network-wide on PostgreSQL, except `spentAt`: this process's). */
  async report(): Promise<GuessingReport> {
    const since = this.now() - ATTEMPT_HISTORY_MS;
    const attempts = [...(await this.main.recent(since)), ...(await this.reserve.recent(since))];
    const spentAt = this.spentAt !== null && this.spentAt >= since ? this.spentAt : (mainSpentAt(attempts) ?? null);
    return {
      sinceMinutes: ATTEMPT_HISTORY_MS / 60_000,
      wrongCodes: attempts.length,
      reserveChecks: attempts.filter((a) => a.budget === 'reserve').length,
      addresses: topAddresses(attempts.map((a) => a.address)),
      spentAt,
    };
  }

  /** Counts an admitted attempt as a wrong code of `address` until succeeded(); `previousWrongAt`: the mark before. */
  private counted(address: string, budget: BudgetKind, ticket: string, previousWrongAt: number | undefined): PairingAttempt {
    const markedAt = this.now();
    this.byAddress.fail(address);
    this.wrongAt.set(address, markedAt);
    if (this.wrongAt.size > 10_000) this.prune();
    return { address, budget, ticket, previousWrongAt, markedAt };
  }

  /** Notes that the main budget is spent; the first time in a window, tells the hook (the audit). */
  private async spent(): Promise<void> {
    const at = this.now();
    this.spentAt = at;
    if (this.reportedAt !== null && this.reportedAt > at - PAIRING_WINDOW_MS) return;
    this.reportedAt = at;
    const attempts = await this.main.recent(at - PAIRING_WINDOW_MS);
    await this.onSpent({ wrongCodes: attempts.length, addresses: topAddresses(attempts.map((a) => a.address)) });
  }

  private prune(): void {
    const since = this.now() - PAIRING_WINDOW_MS;
    for (const [k, t] of [...this.wrongAt]) if (t <= since) this.wrongAt.delete(k);
  }
}

const budgetSpent = () => errors.rateLimited('too many wrong pairing codes on this network; wait a minute and try again');

function restore(map: Map<string, number>, key: string, previous: number | undefined): void {
  if (previous === undefined) map.delete(key);
  else map.set(key, previous);
}

/** The addresses that sent most of `addresses` (one entry per wrong code), most first, at most GUESSING_TOP_ADDRESSES. */
function topAddresses(addresses: string[]): { address: string; wrongCodes: number }[] {
  const counts = new Map<string, number>();
  for (const a of addresses) counts.set(a, (counts.get(a) ?? 0) + 1);
  return [...counts]
    .map(([address, wrongCodes]) => ({ address, wrongCodes }))
    .sort((a, b) => b.wrongCodes - a.wrongCodes || a.address.localeCompare(b.address))
    .slice(0, GUESSING_TOP_ADDRESSES);
}

/** The latest time (ms) at which the main budget's window held PAIRING_GLOBAL_PER_MINUTE wrong codes, if any. */
function mainSpentAt(attempts: { at: number; budget: BudgetKind }[]): number | undefined {
  const times = attempts.filter((a) => a.budget === 'main').map((a) => a.at).sort((a, b) => a - b);
  let found: number | undefined;
  for (let i = PAIRING_GLOBAL_PER_MINUTE - 1; i < times.length; i++) {
    if (times[i]! - times[i - PAIRING_GLOBAL_PER_MINUTE + 1]! < PAIRING_WINDOW_MS) found = times[i];
  }
  return found;
}
