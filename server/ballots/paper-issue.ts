import type { PaperIssueBody } from '../../shared/paper-ballot.ts';
import { appendAudit } from '../audit/store.ts';
import type { Trx } from '../db/database.ts';
import { AppError, errors } from '../errors.ts';
import type { BallotContext } from './context.ts';
import { getBallot, type Ballot } from './store.ts';

/** What issuing did: the deputies who got a paper ballot now, in roster order. */
export interface IssueOutcome {
  issued: string[];
}

/**
 * Issues paper ballots (纸质选票, DESIGN §10) for an open ballot: to one deputy (`deputyId`: their tablet failed)
 * or to every present, seated deputy who has not voted (`allPresent`: the ballot moves to paper). Issuing writes
 * the deputy's `cast` with source 'paper', so their tablet can no longer vote (it is told 请使用纸质选票) — the cast
 * names the deputy, never a serial: nothing links a deputy to the paper they got. Audits `paper.issued`; emits
 * `paper.issued`, `turnout.changed` and `paper.progress`.
 * Throws 404 `not_found` (ballot, or a deputy not of this meeting), 409 `ballot_not_open`, 403 `forbidden` (not
 * seated), 409 `not_checked_in`, 409 `paper_deputy_voted` (voted on a tablet), 409 `paper_already_issued`.
 * `allPresent` skips those who voted or hold one already, and issues none (without error, writing nothing) when
 * nobody is left.
 */
export async function issuePaperBallots(ctx: BallotContext, ballotId: string, body: PaperIssueBody, actor: string): Promise<IssueOutcome> {
  // A tablet paper already received is committed first, so its deputy is refused a paper ballot, not both.
  await ctx.drainPapers();
  const now = ctx.now();
  const { ballot, issued } = await ctx.db.transaction().execute(async (trx) => {
    const ballot = await getBallot(trx, ballotId);
    if (ballot.status !== 'open' || ballot.deadlineAt === null || ballot.deadlineAt <= now) {
      throw errors.state('ballot_not_open', 'paper ballots are issued while the ballot is open');
    }
    const issued = 'deputyId' in body ? [await checkOne(trx, ballot, body.deputyId)] : await everyonePresent(trx, ballot);
    for (let i = 0; i < issued.length; i += 1000) {
      await trx
        .insertInto('cast')
        .values(issued.slice(i, i + 1000).map((deputyId) => ({ ballot_id: ballotId, deputy_id: deputyId, at: now, source: 'paper' as const })))
        .execute();
    }
    // Issuing to everyone present when nobody is left changes nothing, and audits nothing.
    if (!issued.length) return { ballot, issued };
    await appendAudit(
      trx,
      { actor, action: 'paper.issued', meetingId: ballot.meetingId, ballotId, detail: { to: 'deputyId' in body ? 'one' : 'all-present', deputyIds: issued, count: issued.length } },
      now,
    );
    return { ballot, issued };
  });
  if (issued.length) {
    ctx.bus.emit('paper.issued', { meetingId: ballot.meetingId, ballotId, deputyIds: issued });
    ctx.bus.emit('turnout.changed', { meetingId: ballot.meetingId, ballotId });
    ctx.bus.emit('paper.progress', { meetingId: ballot.meetingId, ballotId });
  }
  return { issued };
}

async function checkOne(trx: Trx, ballot: Ballot, deputyId: string): Promise<string> {
  const deputy = await trx
    .selectFrom('deputy')
    .leftJoin('check_in', (j) => j.onRef('check_in.deputy_id', '=', 'deputy.id').onRef('check_in.meeting_id', '=', 'deputy.meeting_id'))
    .select(['deputy.id', 'deputy.meeting_id as meetingId', 'deputy.seated', 'deputy.name', 'check_in.at as checkedInAt'])
    .where('deputy.id', '=', deputyId)
    .executeTakeFirst();
  if (!deputy || deputy.meetingId !== ballot.meetingId) throw errors.notFound('deputy');
  if (deputy.seated !== 1) throw errors.forbidden(`${deputy.name} is not seated (不在册): no ballot is issued`);
  if (deputy.checkedInAt === null) throw errors.state('not_checked_in', `${deputy.name} has not checked in (未签到)`);
  const cast = await trx.selectFrom('cast').select('source').where('ballot_id', '=', ballot.id).where('deputy_id', '=', deputyId).executeTakeFirst();
  if (cast?.source === 'paper') throw new AppError(409, 'paper_already_issued', `${deputy.name} holds a paper ballot of this ballot already`);
  if (cast) throw new AppError(409, 'paper_deputy_voted', `${deputy.name} 已在表决器上投票，不发纸质选票 / has voted on the tablet: no paper ballot`);
  return deputyId;
}

async function everyonePresent(trx: Trx, ballot: Ballot): Promise<string[]> {
  const rows = await trx
    .selectFrom('deputy')
    .innerJoin('check_in', (j) => j.onRef('check_in.deputy_id', '=', 'deputy.id').onRef('check_in.meeting_id', '=', 'deputy.meeting_id'))
    .leftJoin('cast', (j) => j.onRef('cast.deputy_id', '=', 'deputy.id').on('cast.ballot_id', '=', ballot.id))
    .select('deputy.id')
    .where('deputy.meeting_id', '=', ballot.meetingId)
    .where('deputy.seated', '=', 1)
    .where('cast.deputy_id', 'is', null)
    .orderBy('deputy.created_at')
    .orderBy('deputy.id')
    .execute();
  return rows.map((r) => r.id);
}
