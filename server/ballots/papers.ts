import { attendanceOf } from '../attendance/store.ts';
import { sharedWriteTransaction } from '../db/database.ts';
import { AppError } from '../errors.ts';
import { closeBallot } from './commands.ts';
import type { BallotContext } from './context.ts';
import { commitBatch, decodeEnvelope, MAX_BATCH, type BatchMemo, type DecodedEnvelope, type PaperOutcome, type PaperSubmission } from './paper-batch.ts';
import { castCount, type Ballot } from './store.ts';

export { paperDigest, paperIdFor, type PaperOutcome, type PaperSubmission } from './paper-batch.ts';

type Pending = PaperSubmission & {
  receivedAt: number;
  /** A sealed paper's envelope, decoded once on receipt, and its tracker. */
  decoded?: DecodedEnvelope;
  resolve: (outcome: PaperOutcome) => void;
  reject: (error: unknown) => void;
};

/**
 * Takes papers in, commits every paper that arrived in the same event-loop turn in one transaction (group
 * commit: one fsync for many papers), and answers each only after that commit. A paper is never acknowledged
 * before it is durable; a failed commit rejects every paper of the batch, and the tablets resend.
 */
export class PaperDesk {
  private queue: Pending[] = [];
  private flushing = false;
  private scheduled = false;
  private idle: Promise<void> = Promise.resolve();
  private readonly memo: BatchMemo = { markIds: new Map() };

  constructor(private readonly ctx: BallotContext) {}

  /**
   * Takes a paper in; resolves with its outcome once committed, rejects with the AppError that refused it (or
   * what failed the commit). A sealed paper's envelope goes to the opener thread at once (OpenedPapers.receive),
   * to be opened while the batch commits; it is kept only if acknowledged.
   */
  submit(submission: PaperSubmission): Promise<PaperOutcome> {
    return new Promise<PaperOutcome>((resolve, reject) => {
      const decoded = 'envelope' in submission ? decodeEnvelope(submission.envelope) : undefined;
      if (decoded) this.ctx.opened.receive(submission.ballotId, decoded.tracker, decoded.body);
      this.queue.push({ ...submission, receivedAt: this.ctx.now(), decoded, resolve, reject });
      this.schedule();
    });
  }

  /** Resolves once every paper submitted so far has been committed and answered. */
  async drain(): Promise<void> {
    while (this.queue.length || this.flushing || this.scheduled) await this.idle;
  }

  private schedule(): void {
    if (this.scheduled || this.flushing) return;
    this.scheduled = true;
    this.idle = new Promise<void>((done) => {
      setImmediate(() => {
        this.scheduled = false;
        void this.flush().finally(done);
      });
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    // At most MAX_BATCH papers; the rest go in the next batch, straight after.
    const batch = this.queue.splice(0, MAX_BATCH);
    const touched = new Map<string, Ballot>();
    try {
      // On PostgreSQL the processes' batches commit side by side (sharedWriteTransaction); a batch racing another
      // process's for the same cast or envelope meets its unique key, and is run again whole: every paper of it
      // is decided afresh, the resend now finding the committed row (a duplicate, or already_voted), and none is
      // answered before the attempt that commits.
      const { outcomes, ballots } = await sharedWriteTransaction(this.ctx.db, async (trx) => {
        const decided = await commitBatch(trx, batch, this.memo);
        this.ctx.fault('paper-before-commit');
        return decided;
      });
      this.ctx.fault('paper-after-commit');
      // Only now, after the commit, does anyone hear back.
      batch.forEach((item, i) => {
        const outcome = outcomes[i]!;
        if (outcome instanceof AppError) {
          if (item.decoded) this.ctx.opened.refused(item.ballotId, item.decoded.tracker);
          item.reject(outcome);
          return;
        }
        if (!outcome.duplicate) touched.set(item.ballotId, ballots.get(item.ballotId)!);
        const { sealed, ...answer } = outcome;
        item.resolve(answer);
        if (sealed) this.ctx.opened.remember(item.ballotId, sealed);
      });
    } catch (error) {
      this.ctx.log.error({ err: error, papers: batch.length }, 'paper batch failed to commit; nothing was acknowledged');
      for (const item of batch) {
        if (item.decoded) this.ctx.opened.refused(item.ballotId, item.decoded.tracker);
        item.reject(error);
      }
    } finally {
      this.flushing = false;
      if (this.queue.length) this.schedule();
    }
    for (const ballot of touched.values()) await this.afterCommit(ballot);
  }

  // `ballot` as the batch read it: open then (a paper was stored). Closed since by another process, the close
  // below finds it closed and does nothing.
  private async afterCommit(ballot: Ballot): Promise<void> {
    const ballotId = ballot.id;
    this.ctx.bus.emit('turnout.changed', { meetingId: ballot.meetingId, ballotId });
    if (ballot.status !== 'open' || !ballot.closeWhenAllVoted) return;
    const [voted, att] = await Promise.all([castCount(this.ctx.db, ballotId), attendanceOf(this.ctx.db, ballot.meetingId)]);
    if (voted >= att.present) {
      await closeBallot(this.ctx, ballotId, 'all-voted', 'system').catch((err: unknown) =>
        this.ctx.log.error({ err, ballotId }, 'closing after the last paper failed'),
      );
    }
  }
}
