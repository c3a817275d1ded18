import type { Trx } from '../db/database.ts';
import { appendAudit } from '../audit/store.ts';
import type { ProjectContext } from './context.ts';
import { projectDb, type ProjectExecutor } from './schema.ts';
import { getProject, type Project } from './store.ts';

// A change to one tracked project (DESIGN §11) is made in one transaction with the project as read inside it, and
// recorded in the audit chain in that same transaction (server/audit/store.ts), under the project's meeting.

/**
 * Runs `work` in one transaction on project `projectId` as it is inside that transaction (`db`: the project tables,
 * `trx`: the transaction for the audit). Throws not_found when there is no such project, and whatever `work` throws
 * (the transaction then changes nothing). Returns what `work` returns.
 */
export function withProject<T>(ctx: ProjectContext, projectId: string, work: (db: ProjectExecutor, p: Project, trx: Trx) => Promise<T>): Promise<T> {
  return ctx.db.transaction().execute(async (trx) => {
    const db = projectDb(trx);
    return work(db, await getProject(db, projectId), trx);
  });
}

/**
 * Appends audit event `action` for project `p` (under its meeting; `detail` after the project's id) at `now` (ms),
 * inside the transaction `trx` that makes the change.
 */
export async function auditProject(trx: Trx, p: Project, actor: string, action: string, detail: Record<string, unknown>, now: number): Promise<void> {
  await appendAudit(trx, { actor, action, meetingId: p.row.meeting_id, detail: { projectId: p.row.id, ...detail } }, now);
}
