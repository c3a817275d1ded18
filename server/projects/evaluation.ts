import type { CreateEvaluationBody } from '../../shared/projects.ts';
import { appendAudit } from '../audit/store.ts';
import { insertBallot } from '../ballots/insert.ts';
import { errors } from '../errors.ts';
import type { ProjectContext } from './context.ts';
import { inYearOrder } from './numbering.ts';
import { projectDb } from './schema.ts';

export interface EvaluationItem {
  /** The id papers mark: the project's own id. */
  itemId: string;
  projectId: string;
  /** The number the paper shows: the project's place in its year's list (1…n), as every screen numbers it (numbering.ts). */
  number: number;
  name: string;
}

/**
 * 满意度测评 of a year's tracked projects at a later meeting (DESIGN.md §4.10; issue 14): a draft evaluation
 * ballot whose items are the projects themselves — nothing enters the meeting's candidate list. The paper lists
 * the chosen projects (all of the year's by default) in the year's order, numbered 1…n as the year's list is.
 * Options 满意/基本满意/不满意, secret, an unmarked project counted under no option; the rating base and whether a
 * rating is announced are the county's settings (body.threshold, body.report).
 * Throws not_found (meeting), invalid_input (year not earlier than the meeting's, no projects that year,
 * projectIds unknown for the year or listed twice).
 */
export async function createEvaluation(
  ctx: ProjectContext,
  meetingId: string,
  body: CreateEvaluationBody,
  actor: string,
): Promise<{ ballotId: string; projects: EvaluationItem[] }> {
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const meeting = await trx.selectFrom('meeting').select(['id', 'year']).where('id', '=', meetingId).executeTakeFirst();
    if (!meeting) throw errors.notFound('meeting');
    if (body.year >= meeting.year) {
      throw errors.badInput('year', `a ${meeting.year} meeting rates the projects of an earlier year, not ${body.year}`);
    }
    const db = projectDb(trx);
    // The year's order and numbers as every screen shows them (numbering.ts).
    const year = inYearOrder(await db.selectFrom('tracked_project').selectAll().where('year', '=', body.year).execute());
    if (year.length === 0) throw errors.badInput('year', `there are no tracked projects for ${body.year}`);
    let chosen = year;
    if (body.projectIds) {
      const known = new Set(year.map((p) => p.id));
      const seen = new Set<string>();
      body.projectIds.forEach((pid, i) => {
        if (!known.has(pid)) throw errors.badInput(`projectIds.${i}`, `not a ${body.year} project`);
        if (seen.has(pid)) throw errors.badInput(`projectIds.${i}`, 'listed twice');
        seen.add(pid);
      });
      chosen = year.filter((p) => seen.has(p.id));
    }
    const numberOf = new Map(year.map((p, i) => [p.id, i + 1]));
    const items = chosen.map((p) => ({
      itemId: p.id,
      projectId: p.id,
      number: numberOf.get(p.id)!,
      name: p.name,
      category: p.category,
      budgetWan: p.budget_wan,
      summary: p.summary,
      annualTask: p.annual_task,
    }));
    const ballotId = await insertBallot(
      trx,
      {
        meetingId,
        title: body.title,
        evaluation: true,
        candidateIds: [],
        items,
        evaluationReport: body.report,
        seats: null,
        maxApprovals: null,
        threshold: body.threshold,
        blank: 'abstain',
        ties: 'runoff',
        secret: true,
        durationMs: body.durationSeconds * 1000,
        closeWhenAllVoted: false,
        runoffOf: null,
      },
      now,
    );
    const projects = items.map(({ itemId, projectId, number, name }) => ({ itemId, projectId, number, name }));
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
          threshold: body.threshold,
          report: body.report,
          durationSeconds: body.durationSeconds,
          projects: projects.map((p) => ({ projectId: p.projectId, number: p.number })),
        },
      },
      now,
    );
    return { ballotId, projects };
  });
}
