import { appendAudit } from '../audit/store.ts';
import type { ApprovalKind, ApprovalTable } from '../db/schema.ts';
import type { Executor } from '../db/database.ts';
import { errors } from '../errors.ts';
import { newId } from '../ids.ts';

export interface Approval {
  id: string;
  meetingId: string;
  kind: ApprovalKind;
  deputyId: string;
  deputyName: string;
  detail: Record<string, unknown>;
  requestedBy: string;
  requestedAt: number;
  status: ApprovalTable['status'];
  decidedBy: string | null;
  decidedAt: number | null;
}

const columns = [
  'approval.id',
  'approval.meeting_id as meetingId',
  'approval.kind',
  'approval.deputy_id as deputyId',
  'deputy.name as deputyName',
  'approval.detail',
  'approval.requested_by as requestedBy',
  'approval.requested_at as requestedAt',
  'approval.status',
  'approval.decided_by as decidedBy',
  'approval.decided_at as decidedAt',
] as const;

const base = (db: Executor) => db.selectFrom('approval').innerJoin('deputy', 'deputy.id', 'approval.deputy_id').select(columns);
const present = (row: Omit<Approval, 'detail'> & { detail: string }): Approval => ({ ...row, detail: JSON.parse(row.detail) as Record<string, unknown> });

/**
 * Records an operator's request that a scrutineer must approve (DESIGN §7: after the session opened, a re-pairing
 * or a manual check-in needs a second person), audited as approval.requested. Asking twice for the same deputy
 * and kind answers the pending request already there. `requestedBy`: the operator's username.
 */
export async function requestApproval(
  trx: Executor,
  input: { meetingId: string; kind: ApprovalKind; deputyId: string; detail: Record<string, unknown>; requestedBy: string; actor: string },
  now: number,
): Promise<Approval> {
  const pending = await base(trx).where('approval.deputy_id', '=', input.deputyId).where('approval.kind', '=', input.kind).where('approval.status', '=', 'pending').executeTakeFirst();
  if (pending) return present(pending);
  const id = newId('q');
  await trx
    .insertInto('approval')
    .values({ id, meeting_id: input.meetingId, kind: input.kind, deputy_id: input.deputyId, detail: JSON.stringify(input.detail), requested_by: input.requestedBy, requested_at: now, status: 'pending', decided_by: null, decided_at: null })
    .execute();
  await appendAudit(trx, { actor: input.actor, action: 'approval.requested', meetingId: input.meetingId, detail: { approvalId: id, kind: input.kind, deputyId: input.deputyId, ...input.detail } }, now);
  return getApproval(trx, id);
}

/** One approval, or throws not_found. */
export async function getApproval(db: Executor, id: string): Promise<Approval> {
  const row = await base(db).where('approval.id', '=', id).executeTakeFirst();
  if (!row) throw errors.notFound('approval');
  return present(row);
}

/** A meeting's approvals, newest first; only those in `status` when given. */
export async function listApprovals(db: Executor, meetingId: string, status?: ApprovalTable['status']): Promise<Approval[]> {
  let q = base(db).where('approval.meeting_id', '=', meetingId);
  if (status) q = q.where('approval.status', '=', status);
  return (await q.orderBy('approval.requested_at', 'desc').execute()).map(present);
}

/**
 * Marks a pending approval decided (approved or refused), audited as approval.approved / approval.refused.
 * Throws not_found, or conflict when it was decided already. The caller carries out an approved request in the
 * same transaction.
 */
export async function decideApproval(trx: Executor, id: string, decision: 'approved' | 'refused', decidedBy: string, actor: string, now: number): Promise<Approval> {
  const approval = await getApproval(trx, id);
  if (approval.status !== 'pending') throw errors.conflict(`this request was ${approval.status} already`);
  await trx.updateTable('approval').set({ status: decision, decided_by: decidedBy, decided_at: now }).where('id', '=', id).execute();
  await appendAudit(
    trx,
    { actor, action: decision === 'approved' ? 'approval.approved' : 'approval.refused', meetingId: approval.meetingId, detail: { approvalId: id, kind: approval.kind, deputyId: approval.deputyId, requestedBy: approval.requestedBy } },
    now,
  );
  return { ...approval, status: decision, decidedBy, decidedAt: now };
}
