import type { CandidateEdit } from '../../shared/candidate.ts';
import { appendAudit } from '../audit/store.ts';
import type { Executor } from '../db/database.ts';
import { errors } from '../errors.ts';

/** Ids of the meeting's candidates that an opened ballot (open, closed or announced) lists: no longer editable. */
export async function candidatesInUse(db: Executor, meetingId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('ballot_candidate')
    .innerJoin('ballot', 'ballot.id', 'ballot_candidate.ballot_id')
    .select('ballot_candidate.candidate_id')
    .distinct()
    .where('ballot.meeting_id', '=', meetingId)
    .where('ballot.status', '!=', 'draft')
    .execute();
  return rows.map((r) => r.candidate_id);
}

/**
 * Edits a candidate before any ballot uses it (issue 13: a typo in the 附件 table is fixed on screen, not by a
 * new import). Audits `candidate.edited` with each changed field's old and new value. Throws 404 not_found,
 * 409 candidate_in_use (an opened ballot lists it: its record names the candidate as it was), 409 conflict
 * (another candidate of the meeting has that name). Returns the number of fields changed (0: nothing differs).
 */
export async function editCandidate(trx: Executor, input: { candidateId: string; edit: CandidateEdit; actor: string }, now: number): Promise<number> {
  const row = await trx.selectFrom('candidate').selectAll().where('id', '=', input.candidateId).executeTakeFirst();
  if (!row) throw errors.notFound('candidate');
  if ((await candidatesInUse(trx, row.meeting_id)).includes(row.id)) {
    throw errors.state('candidate_in_use', 'an opened ballot lists this candidate: its record names it as it was, so it can no longer be edited');
  }
  const e = input.edit;
  const next = {
    name: e.name ?? row.name,
    category: e.category !== undefined ? e.category : row.category,
    budget_wan: e.budgetWan !== undefined ? e.budgetWan : row.budget_wan,
    summary: e.summary ?? row.summary,
    annual_task: e.annualTask ?? row.annual_task,
    units_lead: e.units ? JSON.stringify(e.units.lead) : row.units_lead,
    units_cooperate: e.units ? JSON.stringify(e.units.cooperate) : row.units_cooperate,
    units_implement: e.units ? JSON.stringify(e.units.implement) : row.units_implement,
    remarks: e.remarks ?? row.remarks,
  };
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const [k, v] of Object.entries(next)) {
    const before = row[k as keyof typeof next];
    if (before !== v) changes[k] = { from: before, to: v };
  }
  if (Object.keys(changes).length === 0) return 0;
  if (next.name !== row.name) {
    const same = await trx.selectFrom('candidate').select('id').where('meeting_id', '=', row.meeting_id).where('name', '=', next.name).where('id', '!=', row.id).executeTakeFirst();
    if (same) throw errors.conflict(`"${next.name}" is already a candidate in this meeting`);
  }
  await trx.updateTable('candidate').set(next).where('id', '=', row.id).execute();
  await appendAudit(trx, { actor: input.actor, action: 'candidate.edited', meetingId: row.meeting_id, detail: { candidateId: row.id, seq: row.seq, name: next.name, changes } }, now);
  return Object.keys(changes).length;
}
