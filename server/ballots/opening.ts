import { randomBytes, randomInt } from 'node:crypto';
import { sql } from 'kysely';
import { canonicalJson } from '../../shared/canonical-json.ts';
import { paperChecker } from '../../shared/rules/paper.ts';
import { openPaper, sealReady, type OpenedPaper } from '../../shared/seal.ts';
import type { Db, Trx } from '../db/database.ts';
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

/**
 * After the opening committed: the key leaves memory, and the WAL — which still holds the envelope commits —
 * is checkpointed and truncated, so the deleted envelopes (zeroed by secure_delete) are gone from every file.
 */
export async function afterOpening(db: Db, keys: BallotKeys, opened: OpenedPapers, ballotId: string): Promise<void> {
  keys.forget(ballotId);
  opened.forget(ballotId);
  await truncateWal(db);
}

/**
 * SQLite: checkpoints the WAL into the database and truncates it to zero bytes; retried briefly while readers hold
 * it. PostgreSQL: vacuums `envelope` and `ballot_key`, so the deleted rows' space is marked free for reuse (their
 * bytes stay on disk until overwritten, and in PostgreSQL's WAL until it is recycled: README, threat model).
 */
export async function truncateWal(db: Db): Promise<boolean> {
  if (isPostgres(db)) {
    await sql`vacuum envelope, ballot_key`.execute(db);
    return true;
  }
  for (let attempt = 0; attempt < 20; attempt++) {
    const { rows } = await sql<{ busy: number }>`pragma wal_checkpoint(TRUNCATE)`.execute(db);
    if (rows[0]?.busy === 0) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}
