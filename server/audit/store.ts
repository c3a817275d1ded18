import { canonicalJson } from '../../shared/canonical-json.ts';
import type { Executor } from '../db/database.ts';
import { auditHash, GENESIS_HASH, verifyChain, type ChainVerdict } from './chain.ts';

export interface AuditInput {
  actor: string;
  action: string;
  meetingId?: string | null;
  ballotId?: string | null;
  detail?: Record<string, unknown>;
}

/**
 * Appends one event to the chain. Call it inside the transaction that makes the change, so the change and
 * its record commit together. SQLite serialises writers, so reading the head then inserting is race-free.
 * Never put a deputy next to what they voted in `detail`.
 */
export async function appendAudit(trx: Executor, input: AuditInput, at: number): Promise<number> {
  const head = await trx
    .selectFrom('audit_event')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const seq = (head?.seq ?? 0) + 1;
  const prevHash = head?.hash ?? GENESIS_HASH;
  const fields = {
    seq,
    at,
    actor: input.actor,
    action: input.action,
    meetingId: input.meetingId ?? null,
    ballotId: input.ballotId ?? null,
    detail: canonicalJson(input.detail ?? {}),
  };
  await trx
    .insertInto('audit_event')
    .values({
      seq,
      at,
      actor: fields.actor,
      action: fields.action,
      meeting_id: fields.meetingId,
      ballot_id: fields.ballotId,
      detail: fields.detail,
      prev_hash: prevHash,
      hash: auditHash(prevHash, fields),
    })
    .execute();
  return seq;
}

export async function verifyAudit(db: Executor): Promise<ChainVerdict> {
  const rows = await db.selectFrom('audit_event').selectAll().orderBy('seq').execute();
  return verifyChain(rows);
}
