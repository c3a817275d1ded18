import type { ServerMessageOf, WsBallot, WsCandidate } from '../../shared/ws.ts';
import type { Executor } from '../db/database.ts';
import { ballotAnchor } from '../audit/anchors.ts';
import { finalSelection } from '../ballots/final.ts';
import { ballotCandidates, ballotItems, storedTally, type Ballot } from '../ballots/store.ts';
import { candidateSummary } from '../candidates/store.ts';

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
    sealing: b.status === 'open' ? b.sealing : null,
    ...(b.kind === 'evaluation'
      ? { evaluation: { base: b.rules.threshold === 'rated-majority' ? ('rated-majority' as const) : ('valid-majority' as const), report: b.evaluationReport ?? 'rating' } }
      : {}),
    ...(b.paperOnly ? { paperOnly: true } : {}),
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
  if (rows.length === 0) {
    // An evaluation rates tracked projects: its items, with the task the paper showed and no plan.
    return (await ballotItems(db, ballotId)).map((i) => ({ id: i.id, seq: i.seq, name: i.name, category: i.category, budgetWan: i.budgetWan, summary: i.summary, annualTask: i.annualTask, milestones: [] }));
  }
  const milestones = rows.length
    ? await db.selectFrom('milestone').selectAll().where('candidate_id', 'in', rows.map((r) => r.id)).orderBy('position').execute()
    : [];
  return rows.map((r) => ({
    ...candidateSummary(r),
    milestones: milestones
      .filter((m) => m.candidate_id === r.id)
      .map((m) => ({ period: m.period, amountWan: m.amount_wan, text: m.text })),
  }));
}

/** The announced result, or undefined if the ballot has not been announced (results are never partial). */
export async function wsResults(db: Executor, b: Ballot): Promise<ServerMessageOf<'results'> | undefined> {
  if (b.status !== 'announced' || !b.attendance || b.announcedAt === null) return undefined;
  const tally = await storedTally(db, b.id);
  if (!tally) return undefined;
  const candidates = await ballotCandidates(db, b.id);
  const final = await finalSelection(db, b);
  const anchor = await ballotAnchor(db, b.id);
  const shape = (c: { id: string; seq: number; name: string; budgetWan: number | null }) => ({ id: c.id, seq: c.seq, name: c.name, budgetWan: c.budgetWan });
  return {
    ...(final
      ? { final: { selected: final.selected, rounds: final.rounds, candidates: (await ballotCandidates(db, final.firstRound.id)).map(shape) } }
      : {}),
    type: 'results',
    ballotId: b.id,
    title: b.title,
    rules: b.rules,
    attendance: { seated: b.attendance.seated, present: b.attendance.present },
    candidates: candidates.map(shape),
    tally,
    announcedAt: b.announcedAt,
    ...(anchor ? { anchor: { seq: anchor.seq, hash: anchor.hash } } : {}),
    ...(b.evaluationReport ? { evaluationReport: b.evaluationReport } : {}),
  };
}
