import type { CandidateInput } from '../../shared/candidate.ts';
import type { CreateEvaluationBody } from '../../shared/projects.ts';
import { appendAudit } from '../audit/store.ts';
import { insertCandidates } from '../candidates/store.ts';
import type { Trx } from '../db/database.ts';
import { insertBallot } from '../ballots/insert.ts';
import { errors } from '../errors.ts';
import type { ProjectContext } from './context.ts';
import { projectDb } from './schema.ts';

// Evaluation copies of projects are numbered from here, so that this year's own candidates, imported before or
// after with 序号 1, 2, 3…, never clash with them.
const EVALUATION_SEQ_BASE = 900;

/** 满意度测评 is rated against those who rated (DESIGN.md §4.10: "满意 > ½ of raters"), i.e. the valid papers. */
const EVALUATION_THRESHOLD = 'valid-majority';

/**
 * The candidate rows that stand for the year's projects in this meeting: reused when an earlier evaluation in the
 * same meeting made them, created otherwise (named as the project; with the year added if the name is taken).
 */
async function standInCandidates(trx: Trx, meetingId: string, year: number, now: number) {
  const db = projectDb(trx);
  const projects = await db.selectFrom('tracked_project').selectAll().where('year', '=', year).orderBy('seq').orderBy('created_at').execute();
  if (projects.length === 0) throw errors.badInput('year', `there are no tracked projects for ${year}`);
  const links = await db.selectFrom('project_evaluation').select(['project_id', 'candidate_id']).where('meeting_id', '=', meetingId).execute();
  const linked = new Map(links.map((l) => [l.project_id, l.candidate_id]));
  const existing = await trx.selectFrom('candidate').select(['seq', 'name']).where('meeting_id', '=', meetingId).execute();
  const names = new Set(existing.map((c) => c.name));
  let seq = Math.max(EVALUATION_SEQ_BASE, ...existing.map((c) => c.seq));

  const missing = projects.filter((p) => !linked.has(p.id));
  const inputs = missing.map((p): CandidateInput => {
    const name = names.has(p.name) ? `${p.name}（${year}年）` : p.name;
    names.add(name);
    return {
      seq: ++seq,
      name,
      category: p.category,
      budgetWan: p.budget_wan,
      summary: p.summary,
      annualTask: p.annual_task,
      milestones: [],
      units: { lead: JSON.parse(p.units_lead) as string[], cooperate: JSON.parse(p.units_cooperate) as string[], implement: JSON.parse(p.units_implement) as string[] },
      countyLeader: p.county_leader,
      responsibleLeader: p.responsible_leader,
      leaderInCharge: p.leader_in_charge,
      contacts: JSON.parse(p.contacts) as { name: string; phone: string }[],
      remarks: `${year} 年民生实事项目满意度测评`,
    };
  });
  const ids = inputs.length ? await insertCandidates(trx, meetingId, inputs, now) : [];
  if (ids.length) {
    await db
      .insertInto('project_evaluation')
      .values(missing.map((p, i) => ({ candidate_id: ids[i]!, project_id: p.id, meeting_id: meetingId })))
      .execute();
  }
  missing.forEach((p, i) => linked.set(p.id, ids[i]!));
  return projects.map((p) => ({ projectId: p.id, name: p.name, candidateId: linked.get(p.id)! }));
}

/**
 * 满意度测评 of a year's tracked projects at a later meeting: a draft evaluation ballot whose candidates stand for
 * the projects. Candidates, mapping and ballot commit together in one transaction
 * (createBallot opens its own), so the ballot goes in through the ballots' one insert path (insertBallot) with
 * the values createBallot gives an evaluation. Throws 404 `not_found` (meeting), 400 `invalid_input` (`year`).
 */
export async function createEvaluation(
  ctx: ProjectContext,
  meetingId: string,
  body: CreateEvaluationBody,
  actor: string,
): Promise<{ ballotId: string; projects: { projectId: string; name: string; candidateId: string }[] }> {
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const meeting = await trx.selectFrom('meeting').select(['id', 'year']).where('id', '=', meetingId).executeTakeFirst();
    if (!meeting) throw errors.notFound('meeting');
    if (body.year >= meeting.year) {
      throw errors.badInput('year', `a ${meeting.year} meeting rates the projects of an earlier year, not ${body.year}`);
    }
    const projects = await standInCandidates(trx, meetingId, body.year, now);
    const ballotId = await insertBallot(
      trx,
      {
        meetingId,
        title: body.title,
        evaluation: true,
        candidateIds: projects.map((p) => p.candidateId),
        seats: null,
        maxApprovals: null,
        threshold: EVALUATION_THRESHOLD,
        blank: 'abstain',
        ties: 'runoff',
        secret: true,
        durationMs: body.durationSeconds * 1000,
        closeWhenAllVoted: false,
        runoffOf: null,
      },
      now,
    );
    await appendAudit(
      trx,
      {
        actor,
        action: 'ballot.created',
        meetingId,
        ballotId,
        detail: {
          title: body.title,
          kind: 'evaluation',
          evaluationOf: body.year,
          threshold: EVALUATION_THRESHOLD,
          durationSeconds: body.durationSeconds,
          candidateIds: projects.map((p) => p.candidateId),
          projects: projects.map((p) => ({ projectId: p.projectId, candidateId: p.candidateId })),
        },
      },
      now,
    );
    return { ballotId, projects };
  });
}
