import { canonicalJson } from '../../shared/canonical-json.ts';
import type { AuditEventTable } from '../db/schema.ts';
import { sha256 } from '../ids.ts';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditFields {
  seq: number;
  at: number;
  actor: string;
  action: string;
  meetingId: string | null;
  ballotId: string | null;
  detail: string; // canonical JSON text, stored as is
}

export function auditHash(prevHash: string, e: AuditFields): string {
  return sha256(`${prevHash}\n${canonicalJson(e)}`);
}

/** A row as stored; audit-verify reads these straight from SQLite. */
export type StoredAuditRow = AuditEventTable;

export type ChainVerdict =
  | { ok: true; events: number; head: string }
  | { ok: false; events: number; brokenAt: number; reason: string };

/** Walks rows in seq order and names the first event whose link or content does not hold. */
export function verifyChain(rows: Iterable<StoredAuditRow>): ChainVerdict {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let count = 0;
  for (const row of rows) {
    count++;
    if (row.seq !== expectedSeq) {
      return { ok: false, events: count, brokenAt: expectedSeq, reason: `event ${expectedSeq} is missing (next is ${row.seq})` };
    }
    if (row.prev_hash !== prev) {
      return { ok: false, events: count, brokenAt: row.seq, reason: `event ${row.seq} does not link to the event before it` };
    }
    const recomputed = auditHash(prev, {
      seq: row.seq,
      at: row.at,
      actor: row.actor,
      action: row.action,
      meetingId: row.meeting_id,
      ballotId: row.ballot_id,
      detail: row.detail,
    });
    if (recomputed !== row.hash) {
      return { ok: false, events: count, brokenAt: row.seq, reason: `event ${row.seq} was altered (hash mismatch)` };
    }
    prev = row.hash;
    expectedSeq++;
  }
  return { ok: true, events: count, head: prev };
}
