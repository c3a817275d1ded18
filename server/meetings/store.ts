import type { Executor } from '../db/database.ts';
import { errors } from '../errors.ts';

/** The meeting, or a 404: every meeting-scoped route asks this first, so an unknown id never reads as empty. */
export async function requireMeeting(db: Executor, meetingId: string) {
  const row = await db.selectFrom('meeting').select(['id', 'name', 'date', 'year', 'scrutineer_public_key']).where('id', '=', meetingId).executeTakeFirst();
  if (!row) throw errors.notFound('meeting');
  const { scrutineer_public_key, ...meeting } = row;
  // 'server': a training meeting — the server could open its secret ballots itself (DESIGN §5). The scrutineer's
  // public key is public: the console prints its fingerprint so a recovery sheet can be matched to its meeting.
  return { ...meeting, keyEscrow: scrutineer_public_key ? ('scrutineer' as const) : ('server' as const), scrutineerPublicKey: scrutineer_public_key };
}
