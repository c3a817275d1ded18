import type { CandidateTable, MilestoneTable } from '../db/schema.ts';
import type { NewProject } from './store.ts';

/**
 * The project a selected candidate becomes (DESIGN §11: a tracked project copies its candidate's 附件 columns and
 * plan): the candidate row `c` and its milestone rows `nodes` (in position order) as a ballot-sourced NewProject of
 * `year`, without a selection (the caller adds it where a ballot chose the candidate). The JSON columns (units,
 * contacts) are parsed; money stays in 万元. Throws a SyntaxError only if a stored JSON column is corrupt.
 */
export function projectFromCandidate(c: CandidateTable, nodes: readonly MilestoneTable[], year: number): NewProject {
  return {
    year,
    seq: c.seq,
    source: 'ballot',
    name: c.name,
    category: c.category,
    budgetWan: c.budget_wan,
    summary: c.summary,
    annualTask: c.annual_task,
    units: { lead: JSON.parse(c.units_lead) as string[], cooperate: JSON.parse(c.units_cooperate) as string[], implement: JSON.parse(c.units_implement) as string[] },
    countyLeader: c.county_leader,
    responsibleLeader: c.responsible_leader,
    leaderInCharge: c.leader_in_charge,
    contacts: JSON.parse(c.contacts) as { name: string; phone: string }[],
    remarks: c.remarks,
    milestones: nodes.map((m) => ({ period: m.period, amountWan: m.amount_wan, text: m.text, target: m.target, percent: m.percent, track: m.track, kind: m.kind })),
  };
}
