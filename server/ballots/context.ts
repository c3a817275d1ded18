import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/database.ts';
import type { HallBus } from '../events.ts';
import type { Fault } from '../faults.ts';
import type { DeadlineTimers } from './deadlines.ts';
import type { BallotKeys } from './keys.ts';
import type { OpenedPapers } from './opening.ts';

/** What ballot commands need from the running server. */
export interface BallotContext {
  db: Db;
  now: () => number;
  bus: HallBus;
  timers: DeadlineTimers;
  log: FastifyBaseLogger;
  /**
   * Resolves once every paper the desk has received so far is committed and answered (PaperDesk.drain). The
   * close command awaits it first, so a paper received before the deadline is never refused for being queued.
   */
  drainPapers: () => Promise<void>;
  /** Crash points for the crash tests (server/faults.ts); a no-op in normal running. */
  fault: Fault;
  /** Secret ballots' keys, held in memory while they are open (DESIGN §5). */
  keys: BallotKeys;
  /** Envelopes opened in memory as they arrive. */
  opened: OpenedPapers;
}
