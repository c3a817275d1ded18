import { randomBytes, randomInt } from 'node:crypto';
import { sql } from 'kysely';
import { canonicalJson } from '../../shared/canonical-json.ts';
import { paperChecker } from '../../shared/rules/paper.ts';
import { openPaper, sealReady, type OpenedPaper } from '../../shared/seal.ts';
import { BUSY_TIMEOUT_MS, type Db, type Trx } from '../db/database.ts';
import { isPostgres } from '../db/engine.ts';
import type { BallotKey, BallotKeys } from './keys.ts';
import { paperDigest } from './paper-batch.ts';
import { ballotMarkIds, type Ballot } from './store.ts';

/**
 * The marks an envelope that cannot be opened, read or matched to its ballot stands for: one mark for a
 * "candidate" no ballot has, so every reader of the record (the recount included) counts the paper invalid
 * (DESIGN §9) — an acknowledged envelope is counted, never dropped.
 */
export const UNREADABLE_MARKS: Readonly<Record<string, string>> = Object.freeze({ '(envelope)': 'unreadable' });

/**
 * Envelopes opened in memory as they arrive (after their acknowledgement, off its path), so that the opening
 * at close only shuffles, writes and tallies. Plaintext marks live here and in the closing transaction only.
 */
export class OpenedPapers {
  private readonly byBallot = new Map<string, Map<string, OpenedPaper>>();

  constructor(private readonly keys: BallotKeys) {}

  /** Opens a just-acknowledged envelope later in this turn of the event loop, if the ballot's key is held. */
  remember(ballotId: string, tracker: string, body: Uint8Array): void {
    setImmediate(() => {
      const key = this.keys.get(ballotId);
      if (!key) return;
      let papers = this.byBallot.get(ballotId);
      if (!papers) this.byBallot.set(ballotId, (papers = new Map()));
      papers.set(tracker, openPaper(key, body));
    });
  }

  /** What was opened for this envelope already, if anything. */
  get(ballotId: string, tracker: string): OpenedPaper | undefined {
    return this.byBallot.get(ballotId)?.get(tracker);
  }

  /** Forgets a ballot's opened papers (after the opening committed, or when it failed). */
  forget(ballotId: string): void {
    this.byBallot.delete(ballotId);
  }
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
  const check = paperChecker(ballot.rules, await ballotMarkIds(trx, ballot.id));
  const papers = shuffle(
    envelopes.map((e) => {
      const paper = opened.get(ballot.id, e.tracker) ?? openPaper(key, e.body);
      const marks = paper.ok ? paper.marks : { ...UNREADABLE_MARKS };
      const verdict = paper.ok ? check(marks) : { valid: false as const, reason: paper.reason };
      const id = `p-${randomBytes(16).toString('hex')}`;
      return {
        ballot_id: ballot.id,
        id,
        marks: canonicalJson(marks),
        valid: verdict.valid ? 1 : 0,
        invalid_reason: verdict.valid ? null : verdict.reason,
        digest: paperDigest(ballot.id, id, marks),
        deputy_id: null,
        source: 'tablet' as const,
      };
    }),
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
