import { sql } from 'kysely';
import type { CandidateInput } from '../../shared/candidate.ts';
import type { ImportProblem } from '../../shared/errors.ts';
import type { Executor } from '../db/database.ts';
import { newId } from '../ids.ts';

/** Problems an import would cause against what the meeting already holds (same 序号 or same name). */
export async function conflictsWithExisting(
  db: Executor,
  meetingId: string,
  candidates: CandidateInput[],
  rows: number[],
): Promise<ImportProblem[]> {
  const existing = await db.selectFrom('candidate').select(['seq', 'name']).where('meeting_id', '=', meetingId).execute();
  const seqs = new Set(existing.map((c) => c.seq));
  const names = new Set(existing.map((c) => c.name));
  const problems: ImportProblem[] = [];
  candidates.forEach((c, i) => {
    const row = rows[i] ?? i + 1;
    if (seqs.has(c.seq)) problems.push({ row, column: '序号', message: `序号 ${c.seq} is already used in this meeting` });
    if (names.has(c.name)) problems.push({ row, column: '项目名称', message: `"${c.name}" is already a candidate in this meeting` });
  });
  return problems;
}

export async function insertCandidates(db: Executor, meetingId: string, candidates: CandidateInput[], now: number): Promise<string[]> {
  const ids: string[] = [];
  for (const c of candidates) {
    const id = newId('c');
    ids.push(id);
    await db
      .insertInto('candidate')
      .values({
        id,
        meeting_id: meetingId,
        seq: c.seq,
        name: c.name,
        category: c.category,
        budget_wan: c.budgetWan,
        summary: c.summary,
        annual_task: c.annualTask,
        units_lead: JSON.stringify(c.units.lead),
        units_cooperate: JSON.stringify(c.units.cooperate),
        units_implement: JSON.stringify(c.units.implement),
        county_leader: c.countyLeader,
        responsible_leader: c.responsibleLeader,
        leader_in_charge: c.leaderInCharge,
        contacts: JSON.stringify(c.contacts),
        remarks: c.remarks,
        created_at: now,
      })
      .execute();
    if (c.milestones.length) {
      await db
        .insertInto('milestone')
        .values(c.milestones.map((m, position) => ({
            candidate_id: id,
            position,
            period: m.period,
            amount_wan: m.amountWan,
            text: m.text,
            target: m.target ?? null,
            percent: m.percent ?? null,
            track: m.track ?? null,
            kind: m.kind ?? null,
          })),)
        .execute();
    }
  }
  return ids;
}

/** Candidates of a meeting in 序号 order, each with its 推进计划 as structured milestones. */
export async function listCandidates(db: Executor, meetingId: string) {
  const rows = await db
    .selectFrom('candidate')
    .selectAll()
    .where('meeting_id', '=', meetingId)
    .orderBy('seq')
    .execute();
  const milestones = rows.length
    ? await db
        .selectFrom('milestone')
        .selectAll()
        .where('candidate_id', 'in', rows.map((r) => r.id))
        .orderBy('candidate_id')
        .orderBy('position')
        .execute()
    : [];
  return rows.map((r) => ({
    ...candidateSummary(r),
    units: {
      lead: JSON.parse(r.units_lead) as string[],
      cooperate: JSON.parse(r.units_cooperate) as string[],
      implement: JSON.parse(r.units_implement) as string[],
    },
    countyLeader: r.county_leader,
    responsibleLeader: r.responsible_leader,
    leaderInCharge: r.leader_in_charge,
    contacts: JSON.parse(r.contacts) as { name: string; phone: string }[],
    remarks: r.remarks,
    milestones: milestones
      .filter((m) => m.candidate_id === r.id)
      .map((m) => ({
        period: m.period,
        amountWan: m.amount_wan,
        text: m.text,
        ...(m.target !== null ? { target: m.target } : {}),
        ...(m.percent !== null ? { percent: m.percent } : {}),
        ...(m.track !== null ? { track: m.track } : {}),
        ...(m.kind !== null ? { kind: m.kind } : {}),
      })),
  }));
}

/** The columns a candidate and a tracked project made from it both have (candidate, tracked_project tables). */
export interface DescribedRow {
  id: string;
  seq: number;
  name: string;
  category: string | null;
  budget_wan: number | null;
  summary: string;
  annual_task: string;
}

/** What every list says of a candidate or tracked project. Money in 万元. */
export interface CandidateSummary {
  id: string;
  seq: number;
  name: string;
  category: string | null;
  budgetWan: number | null;
  summary: string;
  annualTask: string;
}

/**
 * A candidate's or tracked project's row as lists show it (shared/responses/candidates.ts
 * `projectDescriptionFields`, the tablet's WsCandidate): id, 序号, name, category, budget, summary, annual task.
 */
export function candidateSummary(r: DescribedRow): CandidateSummary {
  return { id: r.id, seq: r.seq, name: r.name, category: r.category, budgetWan: r.budget_wan, summary: r.summary, annualTask: r.annual_task };
}
