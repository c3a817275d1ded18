import type { WsBallot, WsCandidate } from '../../shared/ws.ts';
import type { Executor } from '../db/database.ts';
import type { Ballot } from '../ballots/store.ts';

/** The ballot as every screen in the hall sees it: rules and timing, nothing about papers. */
export function wsBallot(b: Ballot): WsBallot {
  return {
    id: b.id,
    title: b.title,
    kind: b.kind,
    options: [...b.rules.options],
    maxApprovals: b.rules.maxApprovals,
    seats: b.rules.seats,
    blank: b.rules.blank,
    secret: b.rules.secret,
    status: b.status,
    openedAt: b.openedAt,
    deadlineAt: b.deadlineAt,
  };
}

/** Candidates with their full task and plan, in ballot order; a ballot's candidates never change. */
export async function wsCandidates(db: Executor, ballotId: string): Promise<WsCandidate[]> {
  const rows = await db
    .selectFrom('ballot_candidate')
    .innerJoin('candidate', 'candidate.id', 'ballot_candidate.candidate_id')
    .select(['candidate.id', 'candidate.seq', 'candidate.name', 'candidate.category', 'candidate.budget_wan', 'candidate.summary', 'candidate.annual_task'])
    .where('ballot_candidate.ballot_id', '=', ballotId)
    .orderBy('ballot_candidate.position')
    .execute();
  const milestones = rows.length
    ? await db.selectFrom('milestone').selectAll().where('candidate_id', 'in', rows.map((r) => r.id)).orderBy('position').execute()
    : [];
  return rows.map((r) => ({
    id: r.id,
    seq: r.seq,
    name: r.name,
    category: r.category,
    budgetWan: r.budget_wan,
    summary: r.summary,
    annualTask: r.annual_task,
    milestones: milestones
      .filter((m) => m.candidate_id === r.id)
      .map((m) => ({ period: m.period, amountWan: m.amount_wan, text: m.text })),
  }));
}
