import { normaliseSerial, type PaperPrintBody } from '../../shared/paper-ballot.ts';
import { appendAudit } from '../audit/store.ts';
import type { Executor } from '../db/database.ts';
import { AppError, errors } from '../errors.ts';
import type { BallotContext } from './context.ts';
import { ballotCandidates, getBallot } from './store.ts';

/**
 * Prints numbered paper ballots (纸质选票, DESIGN §10) for a draft or open ballot: `count` new serials, numbered on
 * from the highest printed (0001, 0002, …), or a reprint of one serial (a torn or lost ballot): the old serial is
 * voided (an entry under it is refused) and a new one printed. Serials say nothing about who gets which paper.
 * Audits `paper.printed` / `paper.reprinted`; emits `paper.progress`. Returns the serials to print.
 * Throws 404 `not_found`, 409 `ballot_state` (closed or announced), 404 `paper_serial_unknown`, 409
 * `paper_serial_void` (reprinting a serial voided already).
 */
export async function printPaperBallots(ctx: BallotContext, ballotId: string, body: PaperPrintBody, actor: string): Promise<{ serials: string[]; voided: string | null }> {
  const now = ctx.now();
  const out = await ctx.db.transaction().execute(async (trx) => {
    const ballot = await getBallot(trx, ballotId);
    if (ballot.status !== 'draft' && ballot.status !== 'open') {
      throw errors.state('ballot_state', `the ballot is ${ballot.status}; paper ballots are printed before or while it is open`);
    }
    const top = await trx
      .selectFrom('paper_serial')
      .select((eb) => eb.fn.max<number>(eb.cast<number>('serial', 'integer')).as('n'))
      .where('ballot_id', '=', ballotId)
      .executeTakeFirst();
    let next = Number(top?.n ?? 0) + 1;
    const fresh = (n: number) => Array.from({ length: n }, () => normaliseSerial(String(next++)));
    if ('count' in body) {
      const serials = fresh(body.count);
      for (let i = 0; i < serials.length; i += 1000) {
        await trx
          .insertInto('paper_serial')
          .values(serials.slice(i, i + 1000).map((serial) => ({ ballot_id: ballotId, serial, status: 'printed' as const, printed_at: now, printed_by: actor, voided_at: null, replaced_by: null })))
          .execute();
      }
      await appendAudit(trx, { actor, action: 'paper.printed', meetingId: ballot.meetingId, ballotId, detail: { count: serials.length, first: serials[0], last: serials.at(-1) } }, now);
      return { meetingId: ballot.meetingId, serials, voided: null };
    }
    const old = await trx.selectFrom('paper_serial').select('status').where('ballot_id', '=', ballotId).where('serial', '=', body.reprint).executeTakeFirst();
    if (!old) throw new AppError(404, 'paper_serial_unknown', `no paper ballot ${body.reprint} was printed for this ballot`);
    if (old.status === 'void') throw new AppError(409, 'paper_serial_void', `paper ballot ${body.reprint} was voided by a reprint already`);
    const [serial] = fresh(1) as [string];
    await trx
      .updateTable('paper_serial')
      .set({ status: 'void', voided_at: now, replaced_by: serial })
      .where('ballot_id', '=', ballotId)
      .where('serial', '=', body.reprint)
      .execute();
    await trx.insertInto('paper_serial').values({ ballot_id: ballotId, serial, status: 'printed', printed_at: now, printed_by: actor, voided_at: null, replaced_by: null }).execute();
    await appendAudit(trx, { actor, action: 'paper.reprinted', meetingId: ballot.meetingId, ballotId, detail: { voided: body.reprint, serial } }, now);
    return { meetingId: ballot.meetingId, serials: [serial], voided: body.reprint };
  });
  ctx.bus.emit('paper.progress', { meetingId: out.meetingId, ballotId });
  return { serials: out.serials, voided: out.voided };
}

/**
 * What a printed paper ballot shows (A4): the meeting, the ballot's title and rules, its candidates in ballot order,
 * and the valid serials (one sheet each), in serial order. Throws 404 `not_found`.
 */
export async function paperBallotSheet(db: Executor, ballotId: string) {
  const ballot = await getBallot(db, ballotId);
  const meeting = await db.selectFrom('meeting').select(['id', 'name', 'date']).where('id', '=', ballot.meetingId).executeTakeFirstOrThrow();
  const serials = await db.selectFrom('paper_serial').select('serial').where('ballot_id', '=', ballotId).where('status', '=', 'printed').orderBy('serial').execute();
  const candidates = await ballotCandidates(db, ballotId);
  return {
    meeting,
    ballot: { id: ballot.id, title: ballot.title, kind: ballot.kind, ...ballot.rules, paperOnly: ballot.paperOnly },
    candidates: candidates.map((c) => ({ id: c.id, seq: c.seq, name: c.name })),
    serials: serials.map((s) => s.serial),
  };
}
