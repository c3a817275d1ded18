import type { PapersBySource } from '../../shared/responses/ballots.ts';
import type { Executor } from '../db/database.ts';
import type { Ballot } from './store.ts';

/**
 * 发出 and 收回 per source (issue 17, DESIGN §9 `attendance.issued`) for a closed ballot in which paper ballots were
 * issued or entered: paper ballots issued (fixed at close) and returned (serials entered, one paper each, counted
 * in or not yet); tablets issued (present − paper ballots issued) and returned (tablet papers stored). Counts only,
 * never who. Null when the ballot used no paper ballot, or is not closed yet (no attendance). Throws nothing of its own.
 */
export async function papersBySource(db: Executor, ballot: Ballot): Promise<PapersBySource | null> {
  if (!ballot.attendance) return null;
  const issued = ballot.attendance.issued ?? 0;
  const entered = await db
    .selectFrom('paper_entry')
    .select((eb) => eb.fn.count<number>('serial').distinct().as('n'))
    .where('ballot_id', '=', ballot.id)
    .executeTakeFirst();
  const paperReturned = Number(entered?.n ?? 0);
  if (issued === 0 && paperReturned === 0) return null;
  const tablet = await db
    .selectFrom('paper')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('ballot_id', '=', ballot.id)
    .where('source', '=', 'tablet')
    .executeTakeFirst();
  return {
    tablet: { issued: Math.max(0, ballot.attendance.present - issued), returned: Number(tablet?.n ?? 0) },
    paper: { issued, returned: paperReturned },
  };
}
