import type { Executor } from '../db/database.ts';
import { errors } from '../errors.ts';

/** The meeting, or a 404: every meeting-scoped route asks this first, so an unknown id never reads as empty. */
export async function requireMeeting(db: Executor, meetingId: string) {
  const meeting = await db.selectFrom('meeting').select(['id', 'name', 'date', 'year']).where('id', '=', meetingId).executeTakeFirst();
  if (!meeting) throw errors.notFound('meeting');
  return meeting;
}
