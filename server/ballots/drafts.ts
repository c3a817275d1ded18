import { sql } from 'kysely';
import type { CreateBallotBody } from '../../shared/api.ts';
import { EVALUATION_OPTIONS } from '../../shared/record.ts';
import { appendAudit } from '../audit/store.ts';
import type { Trx } from '../db/database.ts';
import { errors } from '../errors.ts';
import { draftInput } from './commands.ts';
import type { BallotContext } from './context.ts';
import { insertCandidateList, settingColumns } from './insert.ts';

/** The draft ballot, locked for this transaction; 404 not_found, 409 ballot_state when it is no longer a draft. */
async function requireDraft(trx: Trx, ballotId: string) {
  const row = await trx.selectFrom('ballot').select(['id', 'meeting_id', 'status', 'title', 'options']).where('id', '=', ballotId).executeTakeFirst();
  if (!row) throw errors.notFound('ballot');
  if (row.status !== 'draft') throw errors.state('ballot_state', `only a draft can be changed; this ballot is ${row.status}`);
  return row;
}

/**
 * Replaces a draft ballot's settings and candidates with what `body` says (the create body, checked the same
 * way: server/ballots/commands.ts draftInput); audits `ballot.edited` with the new settings. Throws 404, 409
 * ballot_state (not a draft: the rules of an opened ballot never change), 400 as createBallot.
 */
export async function editDraft(ctx: BallotContext, ballotId: string, body: CreateBallotBody, actor: string): Promise<void> {
  const now = ctx.now();
  const meetingId = await ctx.db.transaction().execute(async (trx) => {
    const row = await requireDraft(trx, ballotId);
    // A 满意度测评 rates tracked projects (POST /api/meetings/:m/evaluations); this form only edits selections.
    if (row.options === JSON.stringify(EVALUATION_OPTIONS)) throw errors.badInput('kind', 'an evaluation draft is not edited here; delete it and create it again');
    const input = await draftInput(trx, row.meeting_id, body);
    await trx.updateTable('ballot').set(settingColumns({ ...input, evaluation: false })).where('id', '=', ballotId).execute();
    await trx.deleteFrom('ballot_candidate').where('ballot_id', '=', ballotId).execute();
    await insertCandidateList(trx, ballotId, input.candidateIds);
    await appendAudit(trx, { actor, action: 'ballot.edited', meetingId: row.meeting_id, ballotId, detail: { ...body, candidateIds: input.candidateIds } }, now);
    return row.meeting_id;
  });
  ctx.bus.emit('ballot.changed', { meetingId, ballotId, status: 'draft' });
}

/**
 * Deletes a draft ballot (a test ballot, a mistake) and its candidate list; the audit log keeps `ballot.deleted`
 * with its title. Serials printed for it (纸质选票) are deleted with it. Throws 404, 409 ballot_state (not a draft), 409 conflict (a project evaluation refers to it).
 */
export async function deleteDraft(ctx: BallotContext, ballotId: string, actor: string): Promise<string> {
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const row = await requireDraft(trx, ballotId);
    const { rows: used } = await sql<{ id: string }>`select id from tracked_project
      where ballot_id = ${ballotId} or selected_by_ballot_id = ${ballotId} or evaluation_ballot_id = ${ballotId} limit 1`.execute(trx);
    if (used.length) throw errors.conflict('a project evaluation uses this ballot');
    await trx.deleteFrom('ballot_candidate').where('ballot_id', '=', ballotId).execute();
    // Paper ballots printed for the draft (DESIGN §10): their serials go with it (the audit keeps paper.printed).
    await trx.deleteFrom('paper_serial').where('ballot_id', '=', ballotId).execute();
    await trx.deleteFrom('ballot').where('id', '=', ballotId).execute();
    await appendAudit(trx, { actor, action: 'ballot.deleted', meetingId: row.meeting_id, ballotId, detail: { title: row.title } }, now);
    return row.meeting_id;
  });
}
