import { appendAudit } from '../audit/store.ts';
import { errors } from '../errors.ts';
import type { BallotContext } from './context.ts';
import { tallyBallot } from './commands.ts';
import { afterOpening, openEnvelopes } from './opening.ts';
import { getBallot, type Ballot } from './store.ts';

/**
 * 启封 with the recovery sheet (DESIGN §5): after a restart lost a secret ballot's key from memory, the chief
 * scrutineer opens the sealed ballot key in the console with the recovery sheet and sends the ballot key here.
 * Opens every acknowledged envelope, writes the papers and the tally, in one transaction.
 * Throws 409 ballot_state when the ballot is not closed and waiting to be opened, 409 wrong_key when the key does
 * not belong to the ballot, 400 invalid_input when it is not a key.
 */
export async function openWithRecoveredKey(ctx: BallotContext, ballotId: string, secretKey: string, actor: string): Promise<Ballot> {
  const before = await getBallot(ctx.db, ballotId);
  if (before.status !== 'closed' || !before.openingPending) {
    throw errors.state('ballot_state', 'only a closed ballot whose envelopes wait to be opened takes a recovered key');
  }
  const key = await ctx.keys.install(ctx.db, ballotId, secretKey);
  const now = ctx.now();
  const ballot = await ctx.db.transaction().execute(async (trx) => {
    const ballot = await getBallot(trx, ballotId);
    if (!ballot.openingPending || !ballot.attendance) throw errors.state('ballot_state', 'the envelopes were opened already');
    const opened = await openEnvelopes(trx, ballot, key, ctx.opened);
    const tally = await tallyBallot(trx, ballot, ballot.attendance, opened.papers);
    await trx.insertInto('tally').values({ ballot_id: ballotId, result: JSON.stringify(tally), computed_at: now }).execute();
    await appendAudit(
      trx,
      { actor, action: 'ballot.unsealed', meetingId: ballot.meetingId, ballotId, detail: { envelopes: opened.envelopes, papers: tally.papers, selected: tally.selected, tie: tally.tie } },
      now,
    );
    return { ...ballot, openingPending: false };
  });
  ctx.fault('opening-after-commit');
  await afterOpening(ctx.db, ctx.keys, ctx.opened, ballotId, ctx.log);
  ctx.bus.emit('ballot.changed', { meetingId: ballot.meetingId, ballotId, status: 'closed' });
  return ballot;
}
