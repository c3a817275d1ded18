import { appendAudit } from '../audit/store.ts';
import { runoffChain } from '../ballots/final.ts';
import { getBallot, storedTally, type Ballot } from '../ballots/store.ts';
import { combineRounds, type Via } from '../../shared/rules/combine.ts';
import type { Trx } from '../db/database.ts';
import { errors } from '../errors.ts';
import { projectDb, type ProjectExecutor } from './schema.ts';
import { projectFromCandidate } from './from-candidate.ts';
import { insertProject } from './store.ts';
import { openRectifications } from '../supervision/rectification.ts';
import { nobodyRated } from '../../shared/rules/unrated.ts';

export type PromotionResult =
  | { kind: 'selection'; rootBallotId: string; created: string[] }
  | { kind: 'evaluation'; rated: string[] };

async function promote(trx: Trx, db: ProjectExecutor, ballot: Ballot, now: number, actor: string): Promise<PromotionResult> {
  // The finally selected candidates of the chain, as far as it is announced (shared/rules/combine.ts): nothing
  // a run-off decided counts before its first round is announced.
  const chain = await runoffChain(trx, ballot);
  const root = chain.ballots[0]!;
  const picks = combineRounds(chain.rounds, { announcedOnly: true }).picks;
  const ids = picks.map((p) => p.candidateId);
  const done = ids.length ? await db.selectFrom('tracked_project').select('candidate_id').where('candidate_id', 'in', ids).execute() : [];
  const promoted = new Set(done.map((d) => d.candidate_id));
  const todo = picks.filter((p) => !promoted.has(p.candidateId));
  if (todo.length === 0) return { kind: 'selection', rootBallotId: root.id, created: [] };

  const meeting = await trx.selectFrom('meeting').select(['id', 'year']).where('id', '=', root.meetingId).executeTakeFirstOrThrow();
  const rootTally = await storedTally(trx, root.id);
  const candidates = await trx.selectFrom('candidate').selectAll().where('id', 'in', todo.map((p) => p.candidateId)).execute();
  const milestones = await trx.selectFrom('milestone').selectAll().where('candidate_id', 'in', todo.map((p) => p.candidateId)).orderBy('position').execute();
  const created: { projectId: string; candidateId: string; name: string; via: Via }[] = [];
  for (const pick of todo) {
    const c = candidates.find((x) => x.id === pick.candidateId)!;
    const counted = rootTally?.candidates.find((x) => x.id === c.id);
    const projectId = await insertProject(
      db,
      {
        ...projectFromCandidate(c, milestones.filter((m) => m.candidate_id === c.id), meeting.year),
        selection: {
          meetingId: root.meetingId,
          ballotId: root.id,
          selectedByBallotId: pick.byBallotId,
          via: pick.via,
          candidateId: c.id,
          votes: { for: counted?.counts.for ?? 0, against: counted?.counts.against ?? 0, abstain: counted?.counts.abstain ?? 0 },
          rank: counted?.rank ?? null,
        },
      },
      now,
    );
    created.push({ projectId, candidateId: c.id, name: c.name, via: pick.via });
  }
  await appendAudit(trx, { actor, action: 'projects.promoted', meetingId: root.meetingId, ballotId: ballot.id, detail: { rootBallotId: root.id, year: meeting.year, projects: created } }, now);
  return { kind: 'selection', rootBallotId: root.id, created: created.map((c) => c.projectId) };
}

/**
 * An announced evaluation: each project it rated (its items, migration 0005) takes its rating and 满意率 — or the
 * 满意率 only, when the county reports no rating — unless a later announced evaluation rated it already.
 * Ballots of meeting candidates (made before evaluations rated projects) have no items and rate nothing.
 */
async function attachRatings(trx: Trx, db: ProjectExecutor, ballot: Ballot, now: number, actor: string): Promise<PromotionResult> {
  const tally = await storedTally(trx, ballot.id);
  if (!tally) return { kind: 'evaluation', rated: [] };
  const links = await db
    .selectFrom('ballot_item')
    .innerJoin('tracked_project', 'tracked_project.id', 'ballot_item.project_id')
    .leftJoin('ballot', 'ballot.id', 'tracked_project.evaluation_ballot_id')
    .select(['ballot_item.item_id', 'tracked_project.id', 'tracked_project.name', 'tracked_project.evaluation_ballot_id', 'tracked_project.evaluation_rating', 'tracked_project.evaluation_rate', 'ballot.announced_at'])
    .where('ballot_item.ballot_id', '=', ballot.id)
    .orderBy('ballot_item.position')
    .execute();
  const withRating = ballot.evaluationReport !== 'rate';
  const rated: { projectId: string; name: string; itemId: string; rating: string | null; satisfactionRate: number; unrated?: true }[] = [];
  const dissatisfied: string[] = [];
  for (const link of links) {
    const c = tally.candidates.find((x) => x.id === link.item_id);
    if (!c?.rating || c.satisfactionRate === undefined) continue;
    const rating = withRating ? c.rating : null;
    // 无人评价: the tally's 不满意 of a zero base stays in the record (DESIGN §9); the project is not flagged.
    const unrated = nobodyRated(c.counts, ballot.rules.threshold);
    const newer = link.evaluation_ballot_id !== ballot.id && link.announced_at != null && link.announced_at > (ballot.announcedAt ?? 0);
    if (newer) continue;
    if (rating === 'dissatisfied' && !unrated) dissatisfied.push(link.id);
    const same = link.evaluation_ballot_id === ballot.id && link.evaluation_rating === rating && link.evaluation_rate === c.satisfactionRate;
    if (same) continue;
    await db
      .updateTable('tracked_project')
      .set({ evaluation_ballot_id: ballot.id, evaluation_rating: rating, evaluation_rate: c.satisfactionRate, evaluation_unrated: unrated ? 1 : 0 })
      .where('id', '=', link.id)
      .execute();
    rated.push({ projectId: link.id, name: link.name, itemId: c.id, rating, satisfactionRate: c.satisfactionRate, ...(unrated ? { unrated: true as const } : {}) });
  }
  // 整改 for every project rated 不满意 by this announcement; once per project and ballot, whatever the re-runs.
  const rectify = await openRectifications(db, ballot.id, dissatisfied, now);
  if (rated.length || rectify.length) {
    await appendAudit(trx, { actor, action: 'projects.evaluated', meetingId: ballot.meetingId, ballotId: ballot.id, detail: { projects: rated, rectification: rectify } }, now);
  }
  return { kind: 'evaluation', rated: rated.map((r) => r.projectId) };
}

/**
 * What an announcement means for tracked projects, inside the announcing transaction: a selection ballot (or
 * run-off) makes one 民生实事项目 per finally selected candidate; an evaluation attaches ratings to the projects it rated. Idempotent: running it again changes nothing and records nothing.
 */
export async function promoteSelection(trx: Trx, ballotId: string, now: number, actor: string): Promise<PromotionResult> {
  const ballot = await getBallot(trx, ballotId);
  if (ballot.status !== 'announced') {
    throw errors.state('ballot_state', `the ballot is ${ballot.status}; results become projects once it is announced`);
  }
  const db = projectDb(trx);
  return ballot.kind === 'evaluation' ? attachRatings(trx, db, ballot, now, actor) : promote(trx, db, ballot, now, actor);
}
