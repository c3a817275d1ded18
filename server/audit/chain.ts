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

/** A head someone wrote down (SEQ:HASH from a signed report): the log must still reach it, unchanged. */
export interface ExpectedHead {
  seq: number;
  hash: string;
}

/** Reads "SEQ:HASH" (a decimal seq ≥ 1, 64 hex digits); null when it is not that. */
export function parseHead(text: string): ExpectedHead | null {
  const m = /^(\d{1,15}):([0-9a-f]{64})$/i.exec(text.trim());
  if (!m) return null;
  const seq = Number(m[1]);
  return seq >= 1 ? { seq, hash: m[2]!.toLowerCase() } : null;
}

/**
 * verifyChain, and then every published head checked against the walked log (issue 12): a log that no longer
 * reaches event SEQ (deleted or cut off) or whose event SEQ has another hash (edited, then rechained with the
 * project's own hash) fails, naming the head. A rechained copy is internally consistent, so only a head kept
 * outside the database catches it. Events after the latest head given are covered by no head: pass the latest
 * one published (the last signed report, the public page) — the verdict says how many events follow it.
 */
export function verifyAgainstHeads(rows: Iterable<StoredAuditRow>, heads: readonly ExpectedHead[]): ChainVerdict & { after?: number } {
  const wanted = new Map(heads.map((h) => [h.seq, h.hash]));
  const found = new Map<number, string>();
  function* watch() {
    for (const row of rows) {
      if (wanted.has(row.seq)) found.set(row.seq, row.hash);
      yield row;
    }
  }
  const verdict = verifyChain(watch());
  if (!verdict.ok) return verdict;
  for (const head of [...heads].sort((a, b) => a.seq - b.seq)) {
    const hash = found.get(head.seq);
    if (hash === undefined) {
      return { ok: false, events: verdict.events, brokenAt: head.seq, reason: `the log ends at event ${verdict.events} and no longer reaches the published head ${head.seq}: events were deleted or cut off` };
    }
    if (hash !== head.hash) {
      return { ok: false, events: verdict.events, brokenAt: head.seq, reason: `event ${head.seq} has hash ${hash}, but the published head says ${head.hash}: the log was rewritten up to it` };
    }
  }
  const latest = Math.max(0, ...heads.map((h) => h.seq));
  return heads.length ? { ...verdict, after: verdict.events - latest } : verdict;
}
