import { canonicalJson } from '../../shared/canonical-json.ts';
import type { Receipt } from '../../shared/api.ts';
import { checkPaper } from '../../shared/rules/paper.ts';
import { attendanceOf } from '../attendance/store.ts';
import type { Trx } from '../db/database.ts';
import { AppError, errors } from '../errors.ts';
import { sha256 } from '../ids.ts';
import { closeBallot } from './commands.ts';
import type { BallotContext } from './context.ts';
import { castCount, findBallot, type Ballot } from './store.ts';

export interface PaperSubmission {
  ballotId: string;
  deputyId: string;
  /** The tablet's idempotency key (random, resent unchanged after a reconnect). */
  key: string;
  marks: Record<string, string>;
}

export interface PaperOutcome {
  receipt: Receipt;
  /** True when this answered a resend of a paper already committed. */
  duplicate: boolean;
}

/**
 * The paper id is derived from the tablet's random key, so a resend finds its paper without the server ever
 * storing which deputy holds which key: `cast` and `paper` share nothing but the ballot.
 */
export function paperIdFor(ballotId: string, key: string): string {
  return `p-${sha256(`paper\n${ballotId}\n${key}`).slice(0, 32)}`;
}

/** What the deputy can check against the published ballot record: sha256 of the paper as recorded. */
export function paperDigest(ballotId: string, paperId: string, marks: Record<string, string>): string {
  return sha256(canonicalJson({ ballot: ballotId, id: paperId, marks }));
}

interface Pending extends PaperSubmission {
  receivedAt: number;
  resolve: (outcome: PaperOutcome) => void;
  reject: (error: unknown) => void;
}

interface BatchCache {
  ballots: Map<string, Ballot | undefined>;
  candidates: Map<string, string[]>;
}

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

  constructor(private readonly ctx: BallotContext) {}

  submit(submission: PaperSubmission): Promise<PaperOutcome> {
    return new Promise<PaperOutcome>((resolve, reject) => {
      this.queue.push({ ...submission, receivedAt: this.ctx.now(), resolve, reject });
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
    const batch = this.queue;
    this.queue = [];
    const outcomes: (PaperOutcome | AppError)[] = [];
    const touched = new Set<string>();
    try {
      await this.ctx.db.transaction().execute(async (trx) => {
        const cache: BatchCache = { ballots: new Map(), candidates: new Map() };
        for (const item of batch) {
          try {
            const outcome = await this.accept(trx, item, cache);
            if (!outcome.duplicate) touched.add(item.ballotId);
            outcomes.push(outcome);
          } catch (error) {
            if (!(error instanceof AppError)) throw error;
            outcomes.push(error);
          }
        }
      });
      batch.forEach((item, i) => {
        const outcome = outcomes[i]!;
        if (outcome instanceof AppError) item.reject(outcome);
        else item.resolve(outcome);
      });
    } catch (error) {
      this.ctx.log.error({ err: error, papers: batch.length }, 'paper batch failed to commit; nothing was acknowledged');
      for (const item of batch) item.reject(error);
    } finally {
      this.flushing = false;
      if (this.queue.length) this.schedule();
    }
    for (const ballotId of touched) await this.afterCommit(ballotId);
  }

  // Every check comes before the first write, so a refused paper leaves nothing behind in the batch.
  private async accept(trx: Trx, item: Pending, cache: BatchCache): Promise<PaperOutcome> {
    if (!cache.ballots.has(item.ballotId)) cache.ballots.set(item.ballotId, await findBallot(trx, item.ballotId));
    const ballot = cache.ballots.get(item.ballotId);
    if (!ballot) throw errors.notFound('ballot');
    if (ballot.status !== 'open' || ballot.deadlineAt === null || item.receivedAt >= ballot.deadlineAt) {
      throw errors.state('ballot_not_open', 'this ballot is not open for voting');
    }
    const deputy = await trx
      .selectFrom('deputy')
      .leftJoin('check_in', (j) => j.onRef('check_in.deputy_id', '=', 'deputy.id').onRef('check_in.meeting_id', '=', 'deputy.meeting_id'))
      .select(['deputy.meeting_id as meetingId', 'deputy.seated', 'check_in.at as checkedInAt'])
      .where('deputy.id', '=', item.deputyId)
      .executeTakeFirst();
    if (!deputy || deputy.meetingId !== ballot.meetingId || deputy.seated !== 1) {
      throw errors.forbidden('this ballot is not for this deputy');
    }
    if (deputy.checkedInAt === null) throw errors.state('not_checked_in', '请先签到 / check in before voting');

    const paperId = paperIdFor(ballot.id, item.key);
    const digest = paperDigest(ballot.id, paperId, item.marks);
    const cast = await trx
      .selectFrom('cast')
      .select('at')
      .where('ballot_id', '=', ballot.id)
      .where('deputy_id', '=', item.deputyId)
      .executeTakeFirst();
    const existing = await trx
      .selectFrom('paper')
      .select(['digest'])
      .where('ballot_id', '=', ballot.id)
      .where('id', '=', paperId)
      .executeTakeFirst();
    if (cast) {
      if (existing && existing.digest === digest) {
        return { receipt: { ballotId: ballot.id, paperId, digest }, duplicate: true };
      }
      throw errors.state('already_voted', '您已投票，选票不可更改 / you have voted; a confirmed paper is final');
    }
    if (existing) throw errors.state('paper_conflict', 'this paper key is in use; the tablet must choose a new one');

    if (!cache.candidates.has(ballot.id)) {
      const rows = await trx.selectFrom('ballot_candidate').select('candidate_id').where('ballot_id', '=', ballot.id).execute();
      cache.candidates.set(ballot.id, rows.map((r) => r.candidate_id));
    }
    // A paper breaking the rules (over the cap, say) that reaches us anyway is kept and counted invalid (废票),
    // never trimmed: the tally recomputes validity from the marks, this column only explains it.
    const check = checkPaper(ballot.rules, cache.candidates.get(ballot.id)!, item.marks);
    await trx.insertInto('cast').values({ ballot_id: ballot.id, deputy_id: item.deputyId, at: item.receivedAt }).execute();
    await trx
      .insertInto('paper')
      .values({
        ballot_id: ballot.id,
        id: paperId,
        marks: canonicalJson(item.marks),
        valid: check.valid ? 1 : 0,
        invalid_reason: check.valid ? null : check.reason,
        digest,
        deputy_id: ballot.rules.secret ? null : item.deputyId,
      })
      .execute();
    return { receipt: { ballotId: ballot.id, paperId, digest }, duplicate: false };
  }

  private async afterCommit(ballotId: string): Promise<void> {
    const ballot = await findBallot(this.ctx.db, ballotId);
    if (!ballot) return;
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
