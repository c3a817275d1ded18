import { sql } from 'kysely';
import { attendanceOf } from '../attendance/store.ts';
import type { Executor } from '../db/database.ts';
import { castCount, getBallot } from './store.ts';

/**
 * Who has voted in a ballot — public knowledge in the hall, never what anyone voted (DESIGN §5): 实到 and 已投
 * per delegation, and the present deputies who have not voted yet (by delegation, then name). Throws not_found.
 */
export async function ballotTurnout(db: Executor, id: string) {
  const ballot = await getBallot(db, id);
  const att = await attendanceOf(db, ballot.meetingId);
  const notVoted = await db
    .selectFrom('check_in')
    .innerJoin('deputy', 'deputy.id', 'check_in.deputy_id')
    .innerJoin('delegation', 'delegation.id', 'deputy.delegation_id')
    .select(['deputy.id', 'deputy.name', 'deputy.seat', 'delegation.name as delegation'])
    .where('check_in.meeting_id', '=', ballot.meetingId)
    .where('deputy.seated', '=', 1)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('cast').select('cast.deputy_id').where('cast.ballot_id', '=', id).whereRef('cast.deputy_id', '=', 'deputy.id'))),
    )
    .orderBy('delegation.position')
    .orderBy('deputy.name')
    .execute();
  const votedBy = await db
    .selectFrom('cast')
    .innerJoin('deputy', 'deputy.id', 'cast.deputy_id')
    .select(['deputy.delegation_id as delegationId', sql<number>`count(*)`.as('n')])
    .where('cast.ballot_id', '=', id)
    .groupBy('deputy.delegation_id')
    .execute();
  const votedMap = new Map(votedBy.map((r) => [r.delegationId, Number(r.n)]));
  return {
    ballotId: id,
    status: ballot.status,
    present: att.present,
    voted: await castCount(db, id),
    byDelegation: att.byDelegation.map((d) => ({ ...d, voted: votedMap.get(d.id) ?? 0 })),
    notVoted,
  };
}
export type BallotTurnout = Awaited<ReturnType<typeof ballotTurnout>>;
