import type { Executor } from '../db/database.ts';

/**
 * A published head of the audit log: event `seq` and its chain hash. Because seqs run 1, 2, 3 … without a gap
 * (audit:verify refuses a gap), `seq` is also how many events the log held at that moment — nothing else needs
 * recording for `npm run audit:verify -- --expect SEQ:HASH` to prove that every one of them is still there as it was.
 */
export interface AuditHead {
  seq: number;
  hash: string;
  at: number;
}

/** The events whose head is published (printed on the 表决结果报告, shown on the projector and the public page). */
export const ANCHOR_ACTIONS = ['ballot.announced', 'ballot.presidium_decision'] as const;

/**
 * The head to print for an announced ballot: its latest announcement (or a presidium decision recorded after
 * it), or null before the announcement. The event itself is the head: its hash covers every event before it.
 */
export async function ballotAnchor(db: Executor, ballotId: string): Promise<AuditHead | null> {
  const announced = await db.selectFrom('audit_event').select('seq').where('ballot_id', '=', ballotId).where('action', '=', 'ballot.announced').orderBy('seq', 'desc').limit(1).executeTakeFirst();
  if (!announced) return null;
  const row = await db
    .selectFrom('audit_event')
    .select(['seq', 'hash', 'at'])
    .where('ballot_id', '=', ballotId)
    .where('action', 'in', ANCHOR_ACTIONS)
    .where('seq', '>=', announced.seq)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ?? null;
}

/** "SEQ:HASH", as printed and as `audit:verify --expect` takes it. */
export const headText = (h: { seq: number; hash: string }) => `${h.seq}:${h.hash}`;
