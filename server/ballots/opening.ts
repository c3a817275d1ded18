import { Worker } from 'node:worker_threads';
import { sql } from 'kysely';
import type { BallotRules } from '../../shared/record.ts';
import { sealReady } from '../../shared/seal.ts';
import type { OpenRequest } from './opener-worker.ts';
import { openedRowMaker, type OpenedRow } from './paper-row.ts';
import type { OpenedPaper } from '../../shared/seal.ts';
import { openEnvelope } from './envelope-open.ts';
import { BUSY_TIMEOUT_MS, type Db, type Trx } from '../db/database.ts';
import { isPostgres } from '../db/engine.ts';
import { insertRows } from '../db/insert-rows.ts';
import type { BallotKey, BallotKeys } from './keys.ts';
import { ballotMarkIds, type Ballot } from './store.ts';

export { UNREADABLE_MARKS } from './paper-row.ts';

/** A batch's claim (one Int32 shared with the opener thread): still free, taken by the thread, or taken back here. */
export const CLAIM = { free: 0, thread: 1, here: 2 } as const;

/** How many times a stopped opener thread is replaced in one server process. */
export const MAX_OPENER_RESTARTS = 3;

/** At most this many envelopes go to the opener thread in one message: the unit the close can take back. */
export const OPEN_BATCH = 64;

/**
 * At most this many envelopes of a ballot wait at once for their acknowledgement after being opened on receipt
 * (OpenedPapers.receive): papers a tablet keeps sending and the desk keeps refusing cannot grow memory without
 * bound; past it, envelopes are opened after their acknowledgement only.
 */
export const EARLY_LIMIT = 10_000;

/**
 * When the envelopes of a ballot go to the opener thread (OpenedPapers):
 * - `received`: each as the desk receives it, opened while its batch commits (SQLite: one process has the cores
 *   to itself, and the close then only writes and tallies — close → result within 200 ms, issue 11);
 * - `quiet`: once acknowledged, and only when no envelope has been acknowledged for QUIET_MS (or the oldest has
 *   waited MAX_QUIET_WAIT_MS): PostgreSQL. There the server processes share the cores with each other and with
 *   PostgreSQL, and opening during a burst of papers slowed its acknowledgements by half — whatever the thread's
 *   priority, since the opening's garbage is collected on V8's helper threads at normal priority
 *   (docs/performance.md, issue 18). The close opens what is left, on both threads (settle).
 */
export type OpeningMode = 'received' | 'quiet';

/** `quiet` mode: the envelopes go to the thread once none has been acknowledged for this long (ms)… */
export const QUIET_MS = 200;
/** …or once the oldest has waited this long (ms), so a steady stream of papers is opened as it comes. */
export const MAX_QUIET_WAIT_MS = 2000;

type Sealed = { tracker: string; body: Uint8Array; rules: BallotRules; markIds: readonly string[] };
/** An envelope for the thread: sent on receipt (`early`, its acknowledgement not known yet) or after it. */
type Queued = Sealed & { ballotId: string; early: boolean };

/** A batch handed to the thread: its envelopes (this thread keeps them), its claim, and a promise settled when it is done. */
interface InFlight {
  ballotId: string;
  envelopes: Queued[];
  claim: Int32Array;
  done: () => void;
  back: Promise<void>;
}

/** What is known in memory of one secret ballot's envelopes. */
interface BallotEnvelopes {
  /** Its rules and mark ids (the rows need them), from its opening in this process or its first acknowledgement. */
  paper?: { rules: BallotRules; markIds: readonly string[] };
  /** The length (bytes) of its envelopes, learnt when it opens in this process: no other is opened on receipt. */
  envelopeBytes?: number;
  /** Acknowledged envelopes opened: tracker → row. Only these are ever written. */
  rows: Map<string, OpenedRow>;
  /** Envelopes handed to the thread on receipt, acknowledgement not known yet: tracker → row once opened. */
  early: Map<string, OpenedRow | undefined>;
  /** Envelopes acknowledged while their receipt-time batch was still with the thread. */
  acked: Set<string>;
}

/**
 * Envelopes opened in memory off the acknowledgement's path, so that the opening at close only orders, writes and
 * tallies. Plaintext marks live here, in the opener thread and in the closing transaction only.
 *
 * In `received` mode (SQLite) an envelope goes to a worker thread (opener-worker.ts) as soon as the paper desk
 * receives it (receive), while the desk decides and commits it, and its row is kept once the desk acknowledges it
 * (remember); a refused one is dropped (refused). One that could not be sent on receipt goes after its
 * acknowledgement. In `quiet` mode (PostgreSQL) every envelope goes after its acknowledgement, once the desk is
 * quiet (OpeningMode). The envelopes sent together go in batches of at most OPEN_BATCH, so the event loop that
 * acknowledges papers does none of the public-key work. Each batch carries a claim shared with the thread: the thread takes a batch
 * before opening it, and the close (settle) takes back the batches the thread has not reached yet, newest first,
 * and opens them on this thread meanwhile — both cores open the backlog a burst of papers leaves. Should the thread
 * be unavailable, envelopes are left for the opening at close, which opens whatever is missing.
 */
export class OpenedPapers {
  private readonly ballots = new Map<string, BallotEnvelopes>();
  private waiting: Queued[] = [];
  /** Batches handed to the thread, by sequence number. */
  private readonly inFlight = new Map<number, InFlight>();
  private seq = 0;
  private worker: Worker | null | undefined;
  /** Threads started after one stopped: at most MAX_OPENER_RESTARTS, so a thread that cannot run is not respawned forever. */
  private restarts = 0;
  /** Envelopes opened so far by the thread, by this thread after taking their batch back, and sent to the thread (for tests). */
  readonly stats = { byThread: 0, takenBack: 0, sent: 0 };
  /** `quiet` mode: the timer that sends the waiting envelopes, and when the oldest of them began to wait (ms, performance.now). */
  private quiet: { timer: NodeJS.Timeout; since: number } | undefined;

  /**
   * @param log where a failure of the opener thread is reported (never with an envelope, key or marks).
   * @param earlyLimit at most this many envelopes of a ballot opened on receipt wait for their acknowledgement.
   * @param mode when envelopes go to the thread (OpeningMode): on receipt, or once the desk is quiet.
   */
  constructor(
    private readonly keys: BallotKeys,
    private readonly log?: Log,
    private readonly earlyLimit = EARLY_LIMIT,
    readonly mode: OpeningMode = 'received',
  ) {}

  private thread(): Worker | null {
    if (this.worker !== undefined) return this.worker;
    try {
      const worker = new Worker(new URL('./opener-worker.ts', import.meta.url));
      worker.unref();
      worker.on('message', (m: OpenAnswer) => {
        const batch = this.inFlight.get(m.seq);
        if (!batch || !m.papers) return; // taken back by the close, which opened it here
        this.inFlight.delete(m.seq);
        this.stats.byThread += m.papers.length;
        this.keep(batch.ballotId, batch.envelopes, m.papers.map((p) => p.row));
        batch.done();
      });
      const fail = (err?: unknown) => {
        // Whatever was in flight is opened at close instead.
        if (this.worker !== worker) return; // stopped by close(), or already replaced
        const reason = err instanceof Error ? `${err.name}: ${err.message.split('\n')[0]}` : `exit ${String(err)}`;
        // The next envelopes start a new thread, a few times; after that the close opens them on the main thread.
        const restart = this.restarts < MAX_OPENER_RESTARTS;
        this.restarts += restart ? 1 : 0;
        this.log?.warn(
          { reason },
          restart
            ? 'the envelope opener thread stopped: a new one starts with the next envelopes; the close opens what it left'
            : 'the envelope opener thread stopped again: envelopes are opened at the close, on the main thread',
        );
        this.worker = restart ? undefined : null;
        for (const b of this.inFlight.values()) b.done();
        this.inFlight.clear();
      };
      worker.on('error', fail);
      worker.on('exit', fail);
      this.worker = worker;
    } catch (err) {
      this.log?.warn({ reason: err instanceof Error ? err.message : String(err) }, 'the envelope opener thread could not start: envelopes are opened at the close, on the main thread');
      this.worker = null;
    }
    return this.worker;
  }

  private ballot(ballotId: string): BallotEnvelopes {
    let b = this.ballots.get(ballotId);
    if (!b) this.ballots.set(ballotId, (b = { rows: new Map(), early: new Map(), acked: new Set() }));
    return b;
  }

  /** Keeps the rows of opened envelopes (rows[i] is envelopes[i]'s): an acknowledged one's, or an early one's until its answer. */
  private keep(ballotId: string, envelopes: readonly Queued[], rows: readonly OpenedRow[]): void {
    const b = this.ballots.get(ballotId);
    if (!b || !this.keys.get(ballotId)) return; // the ballot's opening is over
    envelopes.forEach(({ tracker, early }, i) => {
      const row = rows[i]!;
      if (!early || b.acked.delete(tracker)) b.rows.set(tracker, row);
      else if (b.early.has(tracker)) b.early.set(tracker, row);
      // else: refused meanwhile; the row is dropped
    });
  }

  /**
   * Starts the opener thread ahead of the first envelope (a secret ballot was opened in this process) and learns
   * the ballot's rules and mark ids, so its envelopes can be opened on receipt. Does nothing more when the thread
   * runs already or cannot start.
   */
  warm(ballotId: string, paper: { rules: BallotRules; markIds: readonly string[]; envelopeBytes: number }): void {
    const b = this.ballot(ballotId);
    b.paper = { rules: paper.rules, markIds: paper.markIds };
    b.envelopeBytes = paper.envelopeBytes;
    this.thread();
  }

  /**
   * An envelope the paper desk has just received (tracker: sha256 of `body`, hex): in `received` mode handed to
   * the thread in this turn of the event loop, so it is opened while the desk decides and commits it. Its row is
   * kept only once remember() says it was acknowledged. Does nothing in `quiet` mode, when the ballot's key or
   * rules are not here, the envelope is not the ballot's length (the desk refuses it), the envelope is known
   * already, or `earlyLimit` envelopes of the ballot wait for their acknowledgement.
   */
  receive(ballotId: string, tracker: string, body: Uint8Array): void {
    if (this.mode === 'quiet') return; // opened after its acknowledgement, when the desk is quiet
    const b = this.ballots.get(ballotId);
    if (!b?.paper || body.length !== b.envelopeBytes || !this.keys.get(ballotId)) return; // the desk refuses another length
    if (b.rows.has(tracker) || b.early.has(tracker) || b.acked.has(tracker) || b.early.size >= this.earlyLimit) return;
    b.early.set(tracker, undefined);
    this.queue({ ballotId, tracker, body, ...b.paper, early: true });
  }

  /** The desk refused an envelope it received (or its batch failed to commit): its early row, if any, is dropped. */
  refused(ballotId: string, tracker: string): void {
    this.ballots.get(ballotId)?.early.delete(tracker);
  }

  /**
   * A just-acknowledged envelope: its row is kept (opened on receipt), or it goes to the thread — in `received`
   * mode in this turn of the event loop, in `quiet` mode once the desk is quiet (queue).
   */
  remember(ballotId: string, sealed: Sealed): void {
    const b = this.ballot(ballotId);
    b.paper ??= { rules: sealed.rules, markIds: sealed.markIds };
    const { tracker } = sealed;
    if (b.rows.has(tracker) || b.acked.has(tracker)) return;
    if (b.early.has(tracker)) {
      const row = b.early.get(tracker);
      b.early.delete(tracker);
      if (row) b.rows.set(tracker, row);
      else b.acked.add(tracker); // its row comes with the thread's answer
      return;
    }
    this.queue({ ballotId, ...sealed, early: false });
  }

  /**
   * Sends `item` to the opener thread with the others waiting: `received` mode, at the end of this event-loop turn;
   * `quiet` mode, once nothing has been queued for QUIET_MS or the oldest waiting has waited MAX_QUIET_WAIT_MS.
   */
  private queue(item: Queued): void {
    if (this.mode === 'quiet') {
      // Each acknowledgement puts the sending off by QUIET_MS, up to MAX_QUIET_WAIT_MS after the oldest waiting.
      const now = performance.now();
      const since = this.quiet?.since ?? now;
      if (this.quiet) clearTimeout(this.quiet.timer);
      const timer = setTimeout(() => this.send(), Math.max(0, Math.min(QUIET_MS, since + MAX_QUIET_WAIT_MS - now)));
      timer.unref();
      this.quiet = { timer, since };
    } else if (this.waiting.length === 0) setImmediate(() => this.send());
    this.waiting.push(item);
  }

  private send(): void {
    if (this.quiet) clearTimeout(this.quiet.timer);
    this.quiet = undefined;
    if (!this.waiting.length) return; // forgotten meanwhile: no thread started for nothing
    const waiting = this.waiting;
    this.waiting = [];
    const worker = this.thread();
    if (!worker) return;
    for (const ballotId of new Set(waiting.map((w) => w.ballotId))) {
      const key = this.keys.get(ballotId);
      if (!key) continue;
      const mine = waiting.filter((w) => w.ballotId === ballotId);
      for (let i = 0; i < mine.length; i += OPEN_BATCH) {
        const envelopes = mine.slice(i, i + OPEN_BATCH);
        const seq = ++this.seq;
        const claim = new Int32Array(new SharedArrayBuffer(4));
        let done = () => {};
        const back = new Promise<void>((resolve) => (done = resolve));
        this.inFlight.set(seq, { ballotId, envelopes, claim, done, back });
        const { request, transfer } = openRequest(seq, key, envelopes, claim);
        worker.postMessage(request, transfer);
        this.stats.sent += envelopes.length;
      }
    }
  }

  /**
   * Makes sure the envelopes of a ballot already handed to the opener thread are opened: takes back the batches
   * the thread has not started (newest first) and opens them here, yielding to the event loop between batches,
   * until it meets one the thread has taken; then waits (at most `timeoutMs` in all) for the thread's. The opening
   * at close opens any envelope still missing itself.
   */
  async settle(ballotId: string, timeoutMs = 500): Promise<void> {
    const until = performance.now() + timeoutMs;
    if (this.waiting.length) this.send();
    const key = this.keys.get(ballotId);
    const mine = [...this.inFlight].filter(([, b]) => b.ballotId === ballotId).sort(([a], [b]) => b - a);
    if (key && mine.length) {
      await sealReady();
      let row: ((paper: OpenedPaper) => OpenedRow) | undefined;
      for (const [seq, batch] of mine) {
        if (Atomics.compareExchange(batch.claim, 0, CLAIM.free, CLAIM.here) !== CLAIM.free) break;
        this.inFlight.delete(seq);
        this.stats.takenBack += batch.envelopes.length;
        row ??= openedRowMaker(ballotId, batch.envelopes[0]!.rules, batch.envelopes[0]!.markIds);
        this.keep(ballotId, batch.envelopes, batch.envelopes.map((e) => row!(openEnvelope(key, e.body))));
        batch.done();
        if (performance.now() >= until) break;
        await new Promise((r) => setImmediate(r)); // the thread's answers come in meanwhile
      }
    }
    const pending = [...this.inFlight.values()].filter((b) => b.ballotId === ballotId).map((b) => b.back);
    const left = until - performance.now();
    if (!pending.length || left <= 0) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all(pending), new Promise((r) => (timer = setTimeout(r, left)))]);
    clearTimeout(timer);
  }

  /** The row of this acknowledged envelope opened already, if any. */
  get(ballotId: string, tracker: string): OpenedRow | undefined {
    return this.ballots.get(ballotId)?.rows.get(tracker);
  }

  /** How many acknowledged envelopes of a ballot are opened in memory. */
  count(ballotId: string): number {
    return this.ballots.get(ballotId)?.rows.size ?? 0;
  }

  /** How many envelopes of a ballot were opened on receipt and wait for the desk's answer (for tests). */
  awaitingAcknowledgement(ballotId: string): number {
    return this.ballots.get(ballotId)?.early.size ?? 0;
  }

  /** Stops the opener thread (the server is closing). */
  async close(): Promise<void> {
    if (this.quiet) clearTimeout(this.quiet.timer);
    this.quiet = undefined;
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }

  /** Forgets a ballot's opened papers and its envelopes still waiting or in flight (after the opening committed, or failed). */
  forget(ballotId: string): void {
    this.ballots.delete(ballotId);
    this.waiting = this.waiting.filter((w) => w.ballotId !== ballotId);
    for (const [seq, b] of this.inFlight) {
      if (b.ballotId !== ballotId) continue;
      // A batch the thread has not reached is never opened now; one it has is dropped when it comes back.
      Atomics.compareExchange(b.claim, 0, CLAIM.free, CLAIM.here);
      this.inFlight.delete(seq);
      b.done();
    }
  }
}

/** The opener thread's answer to a batch: its rows, or null when the batch had been taken back. */
export interface OpenAnswer {
  seq: number;
  papers: { tracker: string; row: OpenedRow }[] | null;
}

/**
 * The message that hands a batch of envelopes of one ballot to the opener thread, and the buffers it moves there
 * (the transfer list): copies of the envelopes and of the key, each in an ArrayBuffer of its own, and the batch's
 * claim (shared, not moved). Cloning a Buffer instead would copy its whole backing store — for a small Buffer,
 * Node's shared 64 KiB pool, which holds whatever else this thread put there (password hashes, relayed ballot
 * keys, other requests' bytes) — and would leave the key's copy behind in this thread, unwiped. The thread wipes
 * the key it receives after the batch. This thread keeps its own envelopes, to open the batch if it takes it back.
 */
export function openRequest(
  seq: number,
  key: Pick<BallotKey, 'ballotId' | 'publicKey' | 'secretKey'>,
  batch: readonly { tracker: string; body: Uint8Array; rules: BallotRules; markIds: readonly string[] }[],
  claim: Int32Array = new Int32Array(new SharedArrayBuffer(4)),
): { request: OpenRequest; transfer: ArrayBuffer[] } {
  const request: OpenRequest = {
    seq,
    ballotId: key.ballotId,
    publicKey: new Uint8Array(key.publicKey),
    secretKey: new Uint8Array(key.secretKey),
    rules: batch[0]!.rules,
    markIds: [...batch[0]!.markIds],
    envelopes: batch.map(({ tracker, body }) => ({ tracker, body: new Uint8Array(body) })),
    claim,
  };
  const transfer = [request.publicKey, request.secretKey, ...request.envelopes.map((e) => e.body)].map((bytes) => bytes.buffer as ArrayBuffer);
  return { request, transfer };
}

/** What the opening wrote: how many envelopes it opened, and every paper's marks when those are all the ballot's papers. */
export interface Opening {
  envelopes: number;
  /**
   * The canonical marks JSON of every paper the ballot now has, when no paper was stored before the opening (so
   * the tally need not read back what was just written); null when other papers exist.
   */
  papers: string[] | null;
}

/**
 * 启封 (DESIGN §5), inside the closing transaction: opens every envelope of the ballot, writes the plaintext
 * papers under fresh random ids (written in the order of those ids, no deputy, no time), puts the trackers in
 * `ballot_box`, and deletes the envelopes and the sealed key. Returns what it opened (Opening). The caller commits, then forgets the
 * key and truncates the WAL (see afterOpening).
 */
export async function openEnvelopes(trx: Trx, ballot: Ballot, key: BallotKey, opened: OpenedPapers): Promise<Opening> {
  await sealReady();
  // The trackers of every acknowledged envelope; the bodies of those not opened in memory yet.
  const trackers = await trx.selectFrom('envelope').select('tracker').where('ballot_id', '=', ballot.id).execute();
  const missing = trackers.filter((e) => !opened.get(ballot.id, e.tracker)).map((e) => e.tracker);
  const bodies = new Map<string, Uint8Array>();
  for (let i = 0; i < missing.length; i += 1000) {
    const part = missing.slice(i, i + 1000);
    for (const e of await trx.selectFrom('envelope').select(['tracker', 'body']).where('ballot_id', '=', ballot.id).where('tracker', 'in', part).execute()) bodies.set(e.tracker, e.body);
  }
  const before = await trx
    .selectFrom('paper')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('ballot_id', '=', ballot.id)
    .executeTakeFirstOrThrow();
  const row = openedRowMaker(ballot.id, ballot.rules, await ballotMarkIds(trx, ballot.id));
  const papers = trackers.map((e) => ({
    ballot_id: ballot.id,
    ...(opened.get(ballot.id, e.tracker) ?? row(openEnvelope(key, bodies.get(e.tracker)!))),
    deputy_id: null,
    source: 'tablet' as const,
  }));
  // In the order of the papers' fresh random ids: one that owes nothing to the order of arrival.
  papers.sort((a, b) => (a.id < b.id ? -1 : 1));
  await insertRows(trx, 'paper', ['ballot_id', 'id', 'marks', 'valid', 'invalid_reason', 'digest', 'deputy_id', 'source'], papers);
  const box = trackers.map((e) => ({ ballot_id: ballot.id, tracker: e.tracker })).sort((a, b) => (a.tracker < b.tracker ? -1 : 1));
  await insertRows(trx, 'ballot_box', ['ballot_id', 'tracker'], box);
  await trx.deleteFrom('envelope').where('ballot_id', '=', ballot.id).execute();
  await trx.deleteFrom('ballot_key').where('ballot_id', '=', ballot.id).execute();
  await trx.updateTable('ballot').set({ opening: null }).where('id', '=', ballot.id).execute();
  return { envelopes: trackers.length, papers: Number(before.n) === 0 ? papers.map((p) => p.marks) : null };
}

/** How afterOpening retries a WAL truncation that a reader (a backup, a copy tool) keeps busy. */
export interface WalRetry {
  /** Attempts in all, the first included (at least 1). */
  attempts: number;
  /** Wait before the second attempt (ms); each later wait doubles, up to maxDelayMs. */
  delayMs: number;
  maxDelayMs: number;
}

/** About a minute in all: a backup or a copy of the data directory holds a read lock for seconds, not minutes. */
export const WAL_RETRY: WalRetry = { attempts: 40, delayMs: 50, maxDelayMs: 2_000 };

type Log = { warn: (o: object, m: string) => void; error: (o: object, m: string) => void };

/**
 * After the opening committed: the key leaves memory, and the WAL — which still holds the envelope commits — is
 * checkpointed and truncated, so the deleted envelopes (zeroed by secure_delete) are gone from every file (DESIGN
 * §5). Resolves true when the first attempt emptied the WAL. A reader holding the WAL (a backup running, say)
 * makes it busy: then it resolves false at once — the close is not held up by someone else's read — and the
 * truncation is retried in the background (truncateWalRetrying with `retry`) until the reader lets go.
 */
export async function afterOpening(db: Db, keys: BallotKeys, opened: OpenedPapers, ballotId: string, log?: Log, retry: WalRetry = WAL_RETRY): Promise<boolean> {
  keys.forget(ballotId);
  opened.forget(ballotId);
  if (await truncateWal(db)) return true;
  log?.warn({ ballotId }, 'the WAL is busy after the opening (a reader holds it); retrying its truncation');
  truncateWalRetrying(db, { ...retry, attempts: retry.attempts - 1 }, log, ballotId).catch((err: unknown) =>
    log?.error({ err, ballotId }, 'truncating the WAL after the opening failed'),
  );
  return false;
}

/**
 * Truncates the WAL (truncateWal), retrying while it is busy: up to `retry.attempts` attempts, waiting
 * `retry.delayMs` before the second and doubling each wait up to `retry.maxDelayMs`. Resolves true once the WAL
 * is empty, false when every attempt found it busy (logged as an error: the next close or restart truncates it).
 * Throws what the database throws other than SQLITE_BUSY (the database closed, say).
 */
export async function truncateWalRetrying(db: Db, retry: WalRetry, log?: Log, ballotId?: string): Promise<boolean> {
  let delay = retry.delayMs;
  for (let attempt = 1; attempt <= retry.attempts; attempt++) {
    await new Promise((r) => setTimeout(r, delay));
    delay = Math.min(delay * 2, retry.maxDelayMs);
    if (await truncateWal(db)) return true;
  }
  log?.error({ ballotId, attempts: retry.attempts }, 'the WAL stayed busy: it holds the envelopes’ commits until the next truncation');
  return false;
}

/**
 * SQLite: checkpoints the WAL into the database and truncates it to zero bytes, once. Returns false, without
 * waiting, when a reader holds the WAL (SQLITE_BUSY): the connection's busy timeout is off for this one statement,
 * so a reader cannot stall the event loop (better-sqlite3 is synchronous) for BUSY_TIMEOUT_MS. PostgreSQL: vacuums
 * `envelope` and `ballot_key`, so the deleted rows' space is marked free for reuse (their bytes stay on disk until
 * overwritten, and in PostgreSQL's WAL until it is recycled: README, threat model); always true.
 */
export async function truncateWal(db: Db): Promise<boolean> {
  if (isPostgres(db)) {
    await sql`vacuum envelope, ballot_key`.execute(db);
    return true;
  }
  return db.connection().execute(async (conn) => {
    await sql`pragma busy_timeout = 0`.execute(conn);
    try {
      const { rows } = await sql<{ busy: number }>`pragma wal_checkpoint(TRUNCATE)`.execute(conn);
      return rows[0]?.busy === 0;
    } catch (err) {
      if ((err as { code?: string }).code?.startsWith('SQLITE_BUSY')) return false;
      throw err;
    } finally {
      await sql`pragma busy_timeout = ${sql.lit(BUSY_TIMEOUT_MS)}`.execute(conn);
    }
  });
}
