import { randomInt } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { sql } from 'kysely';
import type { BallotRules } from '../../shared/record.ts';
import { sealReady } from '../../shared/seal.ts';
import type { OpenRequest } from './opener-worker.ts';
import { openedRowMaker, type OpenedRow } from './paper-row.ts';
import { openEnvelope } from './envelope-open.ts';
import { BUSY_TIMEOUT_MS, type Db, type Trx } from '../db/database.ts';
import { isPostgres } from '../db/engine.ts';
import type { BallotKey, BallotKeys } from './keys.ts';
import { ballotMarkIds, type Ballot } from './store.ts';

export { UNREADABLE_MARKS } from './paper-row.ts';

/**
 * Envelopes opened in memory after their acknowledgement, off its path, so that the opening at close only
 * shuffles, writes and tallies. Plaintext marks live here, in the opener thread and in the closing transaction only.
 *
 * Envelopes acknowledged in one turn of the event loop go together to a worker thread (opener-worker.ts) that opens
 * them with the ballot's key, so the event loop that acknowledges papers does none of the public-key work. Should
 * the thread be unavailable, envelopes are left for the opening at close, which opens whatever is missing.
 */
export class OpenedPapers {
  private readonly byBallot = new Map<string, Map<string, OpenedRow>>();
  private waiting: { ballotId: string; tracker: string; body: Uint8Array; rules: BallotRules; markIds: readonly string[] }[] = [];
  /** Batches handed to the thread, by sequence number: their ballot, and a promise settled when they come back. */
  private readonly inFlight = new Map<number, { ballotId: string; done: () => void; back: Promise<void> }>();
  private seq = 0;
  private worker: Worker | null | undefined;

  /** @param log where a failure of the opener thread is reported (never with an envelope, key or marks). */
  constructor(
    private readonly keys: BallotKeys,
    private readonly log?: Log,
  ) {}

  private thread(): Worker | null {
    if (this.worker !== undefined) return this.worker;
    try {
      const worker = new Worker(new URL('./opener-worker.ts', import.meta.url));
      worker.unref();
      worker.on('message', (m: { seq: number; papers: { tracker: string; row: OpenedRow }[] }) => {
        const batch = this.inFlight.get(m.seq);
        if (!batch) return;
        this.inFlight.delete(m.seq);
        if (this.keys.get(batch.ballotId)) {
          let papers = this.byBallot.get(batch.ballotId);
          if (!papers) this.byBallot.set(batch.ballotId, (papers = new Map()));
          for (const { tracker, row } of m.papers) papers.set(tracker, row);
        }
        batch.done();
      });
      const fail = (err?: unknown) => {
        // Whatever was in flight is opened at close instead.
        if (this.worker === worker) {
          const reason = err instanceof Error ? `${err.name}: ${err.message.split('\n')[0]}` : `exit ${String(err)}`;
          this.log?.warn({ reason }, 'the envelope opener thread stopped: envelopes acknowledged from now on are opened at the close, on the main thread');
        }
        this.worker = null;
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

  /**
   * Starts the opener thread ahead of the first envelope (a secret ballot was opened), so that loading it does not
   * delay the first papers' opening. Does nothing when the thread runs already or cannot start.
   */
  warm(): void {
    this.thread();
  }

  /** Queues a just-acknowledged envelope; the envelopes of one event-loop turn go to the opener thread together. */
  remember(ballotId: string, sealed: { tracker: string; body: Uint8Array; rules: BallotRules; markIds: readonly string[] }): void {
    if (this.waiting.length === 0) setImmediate(() => this.send());
    this.waiting.push({ ballotId, ...sealed });
  }

  private send(): void {
    const waiting = this.waiting;
    this.waiting = [];
    const worker = this.thread();
    if (!worker) return;
    for (const ballotId of new Set(waiting.map((w) => w.ballotId))) {
      const key = this.keys.get(ballotId);
      if (!key) continue;
      const seq = ++this.seq;
      const mine = waiting.filter((w) => w.ballotId === ballotId);
      let done = () => {};
      const back = new Promise<void>((resolve) => (done = resolve));
      this.inFlight.set(seq, { ballotId, done, back });
      const { request, transfer } = openRequest(seq, key, mine);
      worker.postMessage(request, transfer);
    }
  }

  /**
   * Waits (at most `timeoutMs`) for the envelopes of a ballot already handed to the opener thread; the opening at
   * close opens any envelope still missing itself.
   */
  async settle(ballotId: string, timeoutMs = 500): Promise<void> {
    if (this.waiting.length) this.send();
    const pending = [...this.inFlight.values()].filter((b) => b.ballotId === ballotId).map((b) => b.back);
    if (!pending.length) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all(pending), new Promise((r) => (timer = setTimeout(r, timeoutMs)))]);
    clearTimeout(timer);
  }

  /** The row of this envelope opened already, if any. */
  get(ballotId: string, tracker: string): OpenedRow | undefined {
    return this.byBallot.get(ballotId)?.get(tracker);
  }

  /** How many envelopes of a ballot are opened in memory. */
  count(ballotId: string): number {
    return this.byBallot.get(ballotId)?.size ?? 0;
  }

  /** Stops the opener thread (the server is closing). */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }

  /** Forgets a ballot's opened papers and its envelopes still waiting (after the opening committed, or failed). */
  forget(ballotId: string): void {
    this.byBallot.delete(ballotId);
    this.waiting = this.waiting.filter((w) => w.ballotId !== ballotId);
  }
}

/**
 * The message that hands a batch of envelopes of one ballot to the opener thread, and the buffers it moves there
 * (the transfer list): the envelopes and a copy of the key, each in an ArrayBuffer of its own. Cloning a Buffer
 * instead would copy its whole backing store — for a small Buffer, Node's shared 64 KiB pool, which holds whatever
 * else this thread put there (password hashes, relayed ballot keys, other requests' bytes) — and would leave the
 * key's copy behind in this thread, unwiped. The thread wipes the key it receives after the batch.
 */
export function openRequest(
  seq: number,
  key: Pick<BallotKey, 'ballotId' | 'publicKey' | 'secretKey'>,
  batch: readonly { tracker: string; body: Uint8Array; rules: BallotRules; markIds: readonly string[] }[],
): { request: OpenRequest; transfer: ArrayBuffer[] } {
  const request: OpenRequest = {
    seq,
    ballotId: key.ballotId,
    publicKey: new Uint8Array(key.publicKey),
    secretKey: new Uint8Array(key.secretKey),
    rules: batch[0]!.rules,
    markIds: [...batch[0]!.markIds],
    envelopes: batch.map(({ tracker, body }) => ({ tracker, body: new Uint8Array(body) })),
  };
  const transfer = [request.publicKey, request.secretKey, ...request.envelopes.map((e) => e.body)].map((bytes) => bytes.buffer as ArrayBuffer);
  return { request, transfer };
}

/** Fisher–Yates with a cryptographic generator: the written order owes nothing to the order of arrival. */
function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/**
 * 启封 (DESIGN §5), inside the closing transaction: opens every envelope of the ballot, writes the plaintext
 * papers under fresh random ids (shuffled, no deputy, no time), puts the trackers in `ballot_box`, and deletes
 * the envelopes and the sealed key. Returns how many envelopes were opened. The caller commits, then forgets the
 * key and truncates the WAL (see afterOpening).
 */
export async function openEnvelopes(trx: Trx, ballot: Ballot, key: BallotKey, opened: OpenedPapers): Promise<number> {
  await sealReady();
  const envelopes = await trx.selectFrom('envelope').select(['tracker', 'body']).where('ballot_id', '=', ballot.id).execute();
  const row = openedRowMaker(ballot.id, ballot.rules, await ballotMarkIds(trx, ballot.id));
  const papers = shuffle(
    envelopes.map((e) => ({
      ballot_id: ballot.id,
      ...(opened.get(ballot.id, e.tracker) ?? row(openEnvelope(key, e.body))),
      deputy_id: null,
      source: 'tablet' as const,
    })),
  );
  papers.sort((a, b) => (a.id < b.id ? -1 : 1));
  for (let i = 0; i < papers.length; i += 1000) await trx.insertInto('paper').values(papers.slice(i, i + 1000)).execute();
  const box = envelopes.map((e) => ({ ballot_id: ballot.id, tracker: e.tracker })).sort((a, b) => (a.tracker < b.tracker ? -1 : 1));
  for (let i = 0; i < box.length; i += 1000) await trx.insertInto('ballot_box').values(box.slice(i, i + 1000)).execute();
  await trx.deleteFrom('envelope').where('ballot_id', '=', ballot.id).execute();
  await trx.deleteFrom('ballot_key').where('ballot_id', '=', ballot.id).execute();
  await trx.updateTable('ballot').set({ opening: null }).where('id', '=', ballot.id).execute();
  return envelopes.length;
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
