import { createHash } from 'node:crypto';
import { canonicalJson } from '../../shared/canonical-json.ts';
import { envelopeLength } from '../../shared/seal.ts';
import type { Receipt } from '../../shared/api.ts';
import type { BallotRules } from '../../shared/record.ts';
import { paperDigest as sharedPaperDigest } from '../../shared/paper.ts';
import { paperChecker, type PaperCheck } from '../../shared/rules/paper.ts';
import type { Trx } from '../db/database.ts';
import { insertRows } from '../db/insert-rows.ts';
import { AppError, errors } from '../errors.ts';
import { sha256 } from '../ids.ts';
import { readBatch, type BatchDeputy } from './batch-reads.ts';
import { findBallot, type Ballot } from './store.ts';

/** A paper as a tablet sends it: sealed in a secret ballot, plain (with the tablet's key) in a named one. */
export type PaperSubmission = { ballotId: string; deputyId: string } & (
  | {
      /** The tablet's idempotency key (random, resent unchanged after a reconnect). */
      key: string;
      marks: Record<string, string>;
    }
  | {
      /** The sealed marks, standard base64; resent unchanged, so its tracker is its idempotency key. */
      envelope: string;
    }
);

export interface PaperOutcome {
  receipt: Receipt;
  /** True when this answered a resend of a paper already committed. */
  duplicate: boolean;
  /** A newly stored envelope, for opening in memory after the acknowledgement (never sent to the tablet). */
  sealed?: { tracker: string; body: Buffer; rules: BallotRules; markIds: readonly string[] };
}

/**
 * The paper id is derived from the tablet's random key, so a resend finds its paper without the server ever
 * storing which deputy holds which key: `cast` and `paper` share nothing but the ballot.
 */
export function paperIdFor(ballotId: string, key: string): string {
  return `p-${sha256(`paper\n${ballotId}\n${key}`).slice(0, 32)}`;
}

/** What the deputy can check against the published ballot record: the shared receipt digest (shared/paper.ts). */
export function paperDigest(ballotId: string, paperId: string, marks: Record<string, string>): string {
  return sharedPaperDigest(ballotId, paperId, marks, sha256);
}

/** A sealed paper's envelope as bytes, and its tracker: sha256 of those bytes, lower-case hex (the receipt, DESIGN §5). */
export interface DecodedEnvelope {
  tracker: string;
  body: Buffer;
}

/** Decodes an envelope as sent (standard base64; its form and length were checked at the boundary) and computes its tracker. */
export function decodeEnvelope(envelope: string): DecodedEnvelope {
  const body = Buffer.from(envelope, 'base64');
  return { tracker: createHash('sha256').update(body).digest('hex'), body };
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** What a paper desk keeps from one batch to the next. */
export interface BatchMemo {
  /**
   * The mark ids of ballots no longer drafts: fixed from the opening on (drafts.ts: the rules of an opened ballot
   * never change), so read once per ballot rather than in every batch.
   */
  markIds: Map<string, readonly string[]>;
}

/** The most papers one batch may hold (PaperDesk splits a longer queue): its reads are one statement (readBatch), its inserts statements of at most 1,000 rows. */
export const MAX_BATCH = 2000;

/**
 * Decides and writes one batch of papers inside one transaction, with a handful of set-based statements however
 * many papers there are (at most MAX_BATCH): per ballot in the batch, the ballot, its deputies with their
 * check-ins, its casts, envelopes and papers already there and its mark ids (once per ballot, `memo`) — all in one
 * statement, one snapshot (readBatch); decide each paper in arrival order (a deputy twice in one batch: the first wins), then insert
 * the casts, papers and envelopes, each table sorted by its key. Refusals are AppErrors in `outcomes`; nothing
 * refused is written. `ballots` are the ballots as the batch read them (undefined: no such ballot). On PostgreSQL
 * two processes' batches commit side by side (sharedWriteTransaction): of two racing for one key, the second
 * fails with a unique violation, and its whole batch is decided again. Throws Error for a batch over MAX_BATCH.
 */
export async function commitBatch(
  trx: Trx,
  batch: readonly (PaperSubmission & { receivedAt: number; decoded?: DecodedEnvelope })[],
  memo: BatchMemo = { markIds: new Map() },
): Promise<{ outcomes: (PaperOutcome | AppError)[]; ballots: Map<string, Ballot | undefined> }> {
  if (batch.length > MAX_BATCH) throw new Error(`a paper batch holds at most ${MAX_BATCH} papers, not ${batch.length}`);
  const ballots = new Map<string, Ballot | undefined>();
  for (const id of new Set(batch.map((b) => b.ballotId))) ballots.set(id, await findBallot(trx, id));

  const deputies = new Map<string, BatchDeputy>();
  const cast = new Set<string>(); // `${ballotId}\n${deputyId}`
  const onPaper = new Set<string>(); // the same, for deputies issued a paper ballot (纸质选票, DESIGN §10)
  const trackers = new Set<string>(); // `${ballotId}\n${tracker}` of envelopes already acknowledged
  const sealed = new Map<PaperSubmission, DecodedEnvelope>();
  for (const item of batch) if ('envelope' in item) sealed.set(item, item.decoded ?? decodeEnvelope(item.envelope));
  const papers = new Map<string, string>(); // `${ballotId}\n${paperId}` → digest
  const checkers = new Map<string, (marks: Record<string, string>) => PaperCheck>();
  const markIds = new Map<string, readonly string[]>();
  for (const [ballotId, ballot] of ballots) {
    if (!ballot) continue;
    const items = batch.filter((b) => b.ballotId === ballotId);
    const deputyIds = [...new Set(items.map((b) => b.deputyId))];
    const known = memo.markIds.get(ballotId);
    const read = await readBatch(trx, ballotId, {
      deputyIds,
      trackers: [...new Set(items.flatMap((b) => (sealed.has(b) ? [sealed.get(b)!.tracker] : [])))],
      paperIds: [...new Set(items.flatMap((b) => ('key' in b ? [paperIdFor(ballotId, b.key)] : [])))],
      markIds: !known,
    });
    for (const d of read.deputies) deputies.set(d.id, d);
    for (const r of read.taken) {
      if (r.kind === 'cast') {
        cast.add(`${ballotId}\n${r.key}`);
        if (r.extra === 'paper') onPaper.add(`${ballotId}\n${r.key}`);
      } else if (r.kind === 'tracker') trackers.add(`${ballotId}\n${r.key}`);
      else papers.set(`${ballotId}\n${r.key}`, r.extra!);
    }
    const ids = known ?? read.markIds!;
    if (!known && ballot.status !== 'draft') memo.markIds.set(ballotId, ids);
    markIds.set(ballotId, ids);
    checkers.set(ballotId, paperChecker(ballot.rules, ids));
  }

  const castRows: { ballot_id: string; deputy_id: string; at: number }[] = [];
  const paperRows: { ballot_id: string; id: string; marks: string; valid: number; invalid_reason: string | null; digest: string; deputy_id: string | null }[] = [];
  const envelopeRows: { ballot_id: string; tracker: string; body: Buffer }[] = [];
  const outcomes = batch.map((item): PaperOutcome | AppError => {
    const ballot = ballots.get(item.ballotId);
    if (!ballot) return errors.notFound('ballot');
    const deputy = deputies.get(item.deputyId);
    if (!deputy || deputy.meetingId !== ballot.meetingId) return errors.forbidden('this ballot is not for this deputy');
    const env = sealed.get(item);
    if (env || ballot.rules.secret) {
      if (!env) {
        if (ballot.status !== 'open') return errors.state('ballot_not_open', 'this ballot is not open for voting');
        return errors.state('sealed_paper_required', '无记名投票须提交密封选票 / a secret ballot takes sealed papers only; update the tablet');
      }
      return decideSealed(ballot, deputy, item, env);
    }
    if (!('key' in item)) return errors.badInput('envelope', 'a named ballot takes plain marks');

    // A resend of a committed paper gets its original receipt even after the ballot closed: the tablet whose
    // acknowledgement was lost learns that its paper counts (DESIGN.md §6).
    const paperId = paperIdFor(ballot.id, item.key);
    const digest = paperDigest(ballot.id, paperId, item.marks);
    const existing = papers.get(`${ballot.id}\n${paperId}`);
    const hasCast = cast.has(`${ballot.id}\n${item.deputyId}`);
    if (hasCast && existing === digest) return { receipt: { ballotId: ballot.id, paperId, digest }, duplicate: true };

    const refusal = castRefusal(ballot, deputy, item, hasCast);
    if (refusal) return refusal;
    if (existing !== undefined) return errors.state('paper_conflict', 'this paper key is in use; the tablet must choose a new one');

    // A paper breaking the rules (over the cap, say) that reaches us anyway is kept and counted invalid (废票),
    // never trimmed: the tally recomputes validity from the marks, this column only explains it.
    const check = checkers.get(ballot.id)!(item.marks);
    cast.add(`${ballot.id}\n${item.deputyId}`);
    papers.set(`${ballot.id}\n${paperId}`, digest);
    castRows.push({ ballot_id: ballot.id, deputy_id: item.deputyId, at: item.receivedAt });
    paperRows.push({
      ballot_id: ballot.id,
      id: paperId,
      marks: canonicalJson(item.marks),
      valid: check.valid ? 1 : 0,
      invalid_reason: check.valid ? null : check.reason,
      digest,
      deputy_id: ballot.rules.secret ? null : item.deputyId,
    });
    return { receipt: { ballotId: ballot.id, paperId, digest }, duplicate: false };
  });

  // Each table in its key's order (casts by ballot and deputy, papers by id, envelopes by tracker): not even the
  // order of rows within one statement follows the order of arrival. The order is also a lock order: two batches
  // committing side by side on PostgreSQL take their keys in one global order (these tables, in this order), so a
  // batch waits on another's key only for a key beyond all it holds, and no two wait on each other.
  castRows.sort((a, b) => byText(a.ballot_id, b.ballot_id) || byText(a.deputy_id, b.deputy_id));
  paperRows.sort((a, b) => byText(a.ballot_id, b.ballot_id) || byText(a.id, b.id));
  envelopeRows.sort((a, b) => byText(a.ballot_id, b.ballot_id) || byText(a.tracker, b.tracker));
  await insertRows(trx, 'cast', ['ballot_id', 'deputy_id', 'at'], castRows);
  await insertRows(trx, 'paper', ['ballot_id', 'id', 'marks', 'valid', 'invalid_reason', 'digest', 'deputy_id'], paperRows);
  await insertRows(trx, 'envelope', ['ballot_id', 'tracker', 'body'], envelopeRows);
  return { outcomes, ballots };

  // The refusals a plain and a sealed paper share, in this order (the first wins): the ballot not open when the
  // paper was received, the deputy not seated, not checked in, voting on paper, or having voted already.
  function castRefusal(ballot: Ballot, deputy: { seated: number; checkedInAt: number | null }, item: { deputyId: string; receivedAt: number }, hasCast: boolean): AppError | null {
    if (ballot.status !== 'open' || ballot.deadlineAt === null || item.receivedAt >= ballot.deadlineAt) {
      return errors.state('ballot_not_open', 'this ballot is not open for voting');
    }
    if (deputy.seated !== 1) return errors.forbidden('this ballot is not for this deputy');
    if (deputy.checkedInAt === null) return errors.state('not_checked_in', '请先签到 / check in before voting');
    const paperRefusal = onPaperBallot(ballot, item.deputyId);
    if (paperRefusal) return paperRefusal;
    if (hasCast) return errors.state('already_voted', '您已投票，选票不可更改 / you have voted; a confirmed paper is final');
    return null;
  }

  // A deputy issued a paper ballot, or any deputy of a ballot run on paper, votes on paper, not on the tablet.
  function onPaperBallot(ballot: Ballot, deputyId: string): AppError | null {
    if (!ballot.paperOnly && !onPaper.has(`${ballot.id}\n${deputyId}`)) return null;
    return new AppError(409, 'paper_ballot_issued', '请使用纸质选票 / please use the paper ballot: this deputy votes on paper');
  }

  // A sealed paper: the same checks as a plain one, then the envelope's length against the ballot's; its
  // contents are judged at the opening (a paper breaking the rules is counted invalid then, never refused now).
  function decideSealed(
    ballot: Ballot,
    deputy: { seated: number; checkedInAt: number | null },
    item: PaperSubmission & { receivedAt: number },
    env: { tracker: string; body: Buffer },
  ): PaperOutcome | AppError {
    const receipt = { ballotId: ballot.id, tracker: env.tracker };
    const hasCast = cast.has(`${ballot.id}\n${item.deputyId}`);
    const known = trackers.has(`${ballot.id}\n${env.tracker}`);
    if (hasCast && known) return { receipt, duplicate: true };
    const refusal = castRefusal(ballot, deputy, item, hasCast);
    if (refusal) return refusal;
    if (known) return errors.state('paper_conflict', 'this envelope was cast already');
    if (!ballot.sealing || env.body.length !== envelopeLength(ballot.sealing.plaintextLength)) {
      return new AppError(400, 'bad_envelope', 'the sealed paper does not fit this ballot; reload the ballot and confirm again');
    }
    cast.add(`${ballot.id}\n${item.deputyId}`);
    trackers.add(`${ballot.id}\n${env.tracker}`);
    castRows.push({ ballot_id: ballot.id, deputy_id: item.deputyId, at: item.receivedAt });
    envelopeRows.push({ ballot_id: ballot.id, tracker: env.tracker, body: env.body });
    return { receipt, duplicate: false, sealed: { tracker: env.tracker, body: env.body, rules: ballot.rules, markIds: markIds.get(ballot.id)! } };
  }
}
