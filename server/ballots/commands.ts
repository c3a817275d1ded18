import type { CreateBallotBody } from '../../shared/api.ts';
import type { Tally } from '../../shared/record.ts';
import { envelopeLength } from '../../shared/seal.ts';
import type { CloseReason } from '../../shared/responses/ballots.ts';
import { computeTally } from '../../shared/rules/tally.ts';
import { attendanceOf } from '../attendance/store.ts';
import { appendAudit } from '../audit/store.ts';
import type { Trx } from '../db/database.ts';
import { errors } from '../errors.ts';
import { promoteSelection } from '../projects/promotion.ts';
import { afterOpening, openEnvelopes, type Opening } from './opening.ts';
import { requirePaperCounted } from './paper-count.ts';
import type { BallotContext } from './context.ts';
import { insertBallot, type NewBallot } from './insert.ts';
import { ballotMarkIds, ballotPapers, getBallot, paperIssuedCount, storedTally, type Ballot } from './store.ts';

export type { CloseReason };

/**
 * Creates a draft selection ballot (票决) of a meeting (DESIGN.md §4): by default over every candidate of the
 * meeting, in 序号 order; audits `ballot.created`. Returns the new ballot's id. Throws 404 `not_found` (meeting),
 * 400 `invalid_input` (`kind` evaluation — an evaluation rates tracked projects and is made by createEvaluation;
 * `candidateIds.N` unknown or listed twice, no candidates, `seats` over the candidates).
 */
export async function createBallot(ctx: BallotContext, meetingId: string, body: CreateBallotBody, actor: string): Promise<string> {
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const input = await draftInput(trx, meetingId, body);
    const id = await insertBallot(trx, input, now);
    await appendAudit(trx, { actor, action: 'ballot.created', meetingId, ballotId: id, detail: { ...body, candidateIds: input.candidateIds } }, now);
    return id;
  });
}

/**
 * The draft a create (or a draft edit) body describes, checked against the meeting's candidates: what
 * createBallot and editDraft write. Throws as createBallot does.
 */
export async function draftInput(trx: Trx, meetingId: string, body: CreateBallotBody): Promise<NewBallot> {
  const meeting = await trx.selectFrom('meeting').select('id').where('id', '=', meetingId).executeTakeFirst();
  if (!meeting) throw errors.notFound('meeting');
  // 满意度测评 rates tracked projects, not the meeting's candidates: POST /api/meetings/:m/evaluations makes it.
  if (body.kind === 'evaluation') {
    throw errors.badInput('kind', 'an evaluation rates the tracked projects of an earlier year; create it with POST /api/meetings/:meetingId/evaluations');
  }
  const all = await trx.selectFrom('candidate').select('id').where('meeting_id', '=', meetingId).orderBy('seq').execute();
  // By default every candidate project of the meeting.
  let candidateIds = all.map((c) => c.id);
  if (body.candidateIds) {
    const known = new Set(all.map((c) => c.id));
    const seen = new Set<string>();
    body.candidateIds.forEach((cid, i) => {
      if (!known.has(cid)) throw errors.badInput(`candidateIds.${i}`, 'unknown candidate', { code: 'unknown_candidate' });
      if (seen.has(cid)) throw errors.badInput(`candidateIds.${i}`, 'listed twice', { code: 'listed_twice' });
      seen.add(cid);
    });
    candidateIds = body.candidateIds;
  }
  if (candidateIds.length === 0) throw errors.badInput('candidateIds', 'the meeting has no candidates yet; import them first');
  const seats = body.seats ?? null;
  if (seats !== null && seats > candidateIds.length) {
    throw errors.badInput('seats', `more places than candidates (${candidateIds.length})`, {
      code: 'seats_over_candidates',
      params: { n: candidateIds.length },
    });
  }
  const maxApprovals = body.maxApprovals === undefined ? seats : body.maxApprovals;
  return {
    meetingId,
    title: body.title,
    evaluation: false,
    candidateIds,
    seats,
    maxApprovals,
    threshold: body.threshold,
    blank: body.blank,
    ties: body.ties,
    secret: body.secret,
    durationMs: body.durationSeconds * 1000,
    closeWhenAllVoted: body.closeWhenAllVoted,
    runoffOf: null,
    paperOnly: body.paper,
  };
}

/**
 * Opens a draft ballot: status `open`, `opened_at` now and `deadline_at` = now + its duration (ms since the
 * epoch, server clock); arms the deadline timer, audits `ballot.opened`, emits `ballot.changed`. Throws 404
 * `not_found`, 409 `ballot_state` (not a draft, or another ballot of the meeting is open), 409 `no_quorum`
 * (fewer present than the quorum, DESIGN.md §4.1).
 */
export async function openBallot(ctx: BallotContext, ballotId: string, actor: string): Promise<Ballot> {
  const now = ctx.now();
  const ballot = await ctx.db.transaction().execute(async (trx) => {
    const ballot = await getBallot(trx, ballotId);
    if (ballot.status !== 'draft') throw errors.state('ballot_state', `the ballot is ${ballot.status}; only a draft can be opened`);
    const other = await trx
      .selectFrom('ballot')
      .select('title')
      .where('meeting_id', '=', ballot.meetingId)
      .where('status', '=', 'open')
      .executeTakeFirst();
    if (other) throw errors.state('ballot_state', `another ballot is open: ${other.title}`);
    const att = await attendanceOf(trx, ballot.meetingId);
    if (!att.quorum.met) {
      throw errors.state(
        'no_quorum',
        `法定人数不足 / no quorum: ${att.present} of ${att.seated} present, ${att.quorum.required} needed`,
      );
    }
    const deadlineAt = now + ballot.durationMs;
    await trx.updateTable('ballot').set({ status: 'open', opened_at: now, deadline_at: deadlineAt }).where('id', '=', ballotId).execute();
    // A secret ballot gets its key pair now: tablets seal to the public half; the secret half stays in memory,
    // on disk only sealed to the meeting's scrutineer key (or the server's escrow key for a training meeting).
    let sealing: Ballot['sealing'] = null;
    let markIds: string[] = [];
    if (ballot.rules.secret) {
      const meeting = await trx.selectFrom('meeting').select('scrutineer_public_key').where('id', '=', ballot.meetingId).executeTakeFirstOrThrow();
      // The ids a paper may mark: the candidates, or an evaluation's items (the padded length covers them all).
      markIds = await ballotMarkIds(trx, ballotId);
      sealing = await ctx.keys.create(trx, ballotId, markIds, meeting.scrutineer_public_key);
    }
    await appendAudit(
      trx,
      { actor, action: 'ballot.opened', meetingId: ballot.meetingId, ballotId, detail: { deadlineAt, seated: att.seated, present: att.present } },
      now,
    );
    return { ...ballot, status: 'open' as const, openedAt: now, deadlineAt, sealing, markIds };
  }).catch((err: unknown) => {
    ctx.keys.forget(ballotId); // a key made for a transaction that rolled back is never used
    throw err;
  });
  ctx.timers.set(ballotId, ballot.deadlineAt!);
  // The opener thread loads while the hall reads the ballot, and opens each envelope as it is received.
  const { markIds, ...opened } = ballot;
  if (opened.sealing) ctx.opened.warm(ballotId, { rules: opened.rules, markIds, envelopeBytes: envelopeLength(opened.sealing.plaintextLength) });
  ctx.bus.emit('ballot.changed', { meetingId: opened.meetingId, ballotId, status: 'open' });
  return opened;
}

/**
 * Moves an open ballot's deadline later by `seconds` (the route bounds it); re-arms the timer, audits
 * `ballot.extended` with from/to (ms), emits `ballot.changed`. Throws 404 `not_found`, 409 `ballot_not_open`
 * (not open, or its deadline has passed).
 */
export async function extendBallot(ctx: BallotContext, ballotId: string, seconds: number, actor: string): Promise<Ballot> {
  const now = ctx.now();
  const ballot = await ctx.db.transaction().execute(async (trx) => {
    const ballot = await getBallot(trx, ballotId);
    if (ballot.status !== 'open' || ballot.deadlineAt === null || ballot.deadlineAt <= now) {
      throw errors.state('ballot_not_open', 'only an open ballot can be extended');
    }
    const deadlineAt = ballot.deadlineAt + seconds * 1000;
    await trx.updateTable('ballot').set({ deadline_at: deadlineAt }).where('id', '=', ballotId).execute();
    await appendAudit(
      trx,
      { actor, action: 'ballot.extended', meetingId: ballot.meetingId, ballotId, detail: { seconds, from: ballot.deadlineAt, to: deadlineAt } },
      now,
    );
    return { ...ballot, deadlineAt };
  });
  ctx.timers.set(ballotId, ballot.deadlineAt!);
  ctx.bus.emit('ballot.changed', { meetingId: ballot.meetingId, ballotId, status: 'open' });
  return ballot;
}

/**
 * Computes the tally of a ballot from its stored papers, with the shared rules the recount command uses
 * (shared/rules/tally.ts). `papers`: the canonical marks JSON of every paper the ballot has, when the caller has
 * just written them all itself (the opening: Opening.papers), so they are not read back. Changes nothing; throws
 * nothing of its own.
 */
export async function tallyBallot(trx: Trx, ballot: Ballot, attendance: { seated: number; present: number }, papers?: readonly string[] | null): Promise<Tally> {
  // Candidates, or an evaluation's items (the tracked projects it rates), in ballot order.
  const candidates = (await ballotMarkIds(trx, ballot.id)).map((id) => ({ id }));
  const marks = papers ?? (await ballotPapers(trx, ballot.id)).map((p) => p.marks);
  return computeTally({
    rules: ballot.rules,
    attendance,
    candidates,
    papers: marks.map((m) => ({ marks: JSON.parse(m) as Record<string, string> })),
  });
}

/**
 * Closes an open ballot, whatever triggered it (the secretariat, the deadline timer, the last paper): first
 * drains the paper desk, so every paper received before this moment (and so before the deadline) is committed
 * and counted, and waits (briefly) for the opener thread to finish the envelopes it holds; then, in one transaction, fixes attendance (seated, present), tallies the stored papers, stores
 * the tally, sets status `closed` with `closed_at` (ms since the epoch, the server's clock) and the reason, and
 * audits `ballot.closed`. Clears the deadline timer and emits `ballot.changed`.
 * Closing a ballot that is not open is a no-op (null) for the timer and the all-voted check (they may race the
 * secretariat); for a person (`manual`) it throws 409 `ballot_not_open`. Throws 404 `not_found` for an unknown id.
 */
export async function closeBallot(ctx: BallotContext, ballotId: string, reason: CloseReason, actor: string): Promise<Ballot | null> {
  await ctx.drainPapers();
  // Several processes (PostgreSQL): the process that opened a secret ballot holds its key; ask it first.
  await ctx.keys.fetchFromPeers(ctx.db, ballotId);
  await ctx.opened.settle(ballotId);
  const now = ctx.now();
  const closed = await ctx.db.transaction().execute(async (trx) => {
    const ballot = await getBallot(trx, ballotId);
    if (ballot.status !== 'open') {
      if (reason !== 'manual') return null;
      throw errors.state('ballot_not_open', `the ballot is ${ballot.status}; only an open ballot can be closed`);
    }
    const att = await attendanceOf(trx, ballot.meetingId);
    let opening: Opening | undefined;
    // Paper ballots issued (纸质选票, DESIGN §10): fixed with attendance, the record's `attendance.issued`.
    const issued = await paperIssuedCount(trx, ballotId);
    const attendance = { seated: att.seated, present: att.present, ...(issued ? { issued } : {}) };
    await trx
      .updateTable('ballot')
      .set({ status: 'closed', closed_at: now, close_reason: reason, seated: att.seated, present: att.present, issued: issued || null })
      .where('id', '=', ballotId)
      .execute();
    // 启封: a secret ballot's envelopes are opened now, with the key in memory (or the server's escrow); when
    // only the scrutineer's recovery sheet can open them, the ballot closes with its opening pending.
    if (ballot.sealing) {
      const key = await ctx.keys.recover(trx, ballotId);
      if (!key) {
        await trx.updateTable('ballot').set({ opening: 'pending' }).where('id', '=', ballotId).execute();
        ctx.fault('close-before-commit');
        await appendAudit(
          trx,
          { actor, action: 'ballot.closed', meetingId: ballot.meetingId, ballotId, detail: { reason, deadlineAt: ballot.deadlineAt, attendance, opening: 'pending' } },
          now,
        );
        return { ...ballot, status: 'closed' as const, closedAt: now, closeReason: reason, attendance, openingPending: true, opened: false };
      }
      opening = await openEnvelopes(trx, ballot, key, ctx.opened);
    }
    const tally = await tallyBallot(trx, ballot, attendance, opening?.papers);
    await trx.insertInto('tally').values({ ballot_id: ballotId, result: JSON.stringify(tally), computed_at: now }).execute();
    ctx.fault('close-before-commit');
    await appendAudit(
      trx,
      {
        actor,
        action: 'ballot.closed',
        meetingId: ballot.meetingId,
        ballotId,
        detail: { reason, deadlineAt: ballot.deadlineAt, attendance, papers: tally.papers, selected: tally.selected, tie: tally.tie },
      },
      now,
    );
    return { ...ballot, status: 'closed' as const, closedAt: now, closeReason: reason, attendance, opened: ballot.sealing !== null };
  });
  ctx.timers.clear(ballotId);
  if (closed?.opened) {
    ctx.fault('opening-after-commit'); // the opening is committed; the WAL still holds the envelopes' commits
    await afterOpening(ctx.db, ctx.keys, ctx.opened, ballotId, ctx.log);
  }
  if (closed) ctx.bus.emit('ballot.changed', { meetingId: closed.meetingId, ballotId, status: 'closed' });
  return closed;
}

/**
 * Announces (宣布) a closed ballot: status `announced`, `announced_at` now; audits `ballot.announced`; in the same
 * transaction promotes the result to tracked projects (server/projects/promotion.ts); emits `ballot.changed`,
 * which sends the hall the `results` message. Throws 404 `not_found`, 409 `ballot_not_closed`, 409
 * `paper_count_pending` / `paper_over_issued` (paper ballots issued and not yet counted into the tally, or more
 * returned than issued; DESIGN §10).
 */
export async function announceBallot(ctx: BallotContext, ballotId: string, actor: string): Promise<Ballot> {
  const now = ctx.now();
  const ballot = await ctx.db.transaction().execute(async (trx) => {
    const ballot = await getBallot(trx, ballotId);
    if (ballot.status !== 'closed') throw errors.state('ballot_not_closed', `the ballot is ${ballot.status}; only a closed ballot can be announced`);
    if (ballot.openingPending) throw errors.state('opening_pending', '选票尚未启封：请监票人录入恢复单 / the envelopes are not opened yet: the chief scrutineer enters the recovery sheet');
    await requirePaperCounted(trx, ballot);
    await trx.updateTable('ballot').set({ status: 'announced', announced_at: now }).where('id', '=', ballotId).execute();
    await appendAudit(trx, { actor, action: 'ballot.announced', meetingId: ballot.meetingId, ballotId }, now);
    await promoteSelection(trx, ballotId, now, actor);
    return { ...ballot, status: 'announced' as const, announcedAt: now };
  });
  ctx.bus.emit('ballot.changed', { meetingId: ballot.meetingId, ballotId, status: 'announced' });
  return ballot;
}

async function closedTallyWithTie(trx: Trx, ballot: Ballot) {
  if (ballot.status !== 'closed' && ballot.status !== 'announced') {
    throw errors.state('ballot_not_closed', 'the ballot has not been closed yet');
  }
  const tally = await storedTally(trx, ballot.id);
  if (!tally?.tie) throw errors.state('ballot_state', 'this ballot has no tie at the cut');
  return tally.tie;
}

/**
 * 再次投票 (DESIGN.md §4.3): a new draft ballot among the candidates tied at the cut of a closed (or announced)
 * ballot whose ties go to a run-off, for the places left, threshold none; audits `ballot.runoff_created`.
 * Returns its id. Throws 404 `not_found`, 409 `ballot_not_closed`, 409 `ballot_state` (no tie, or ties settled
 * by the presidium), 409 `conflict` (a run-off exists already).
 */
export async function createRunoff(
  ctx: BallotContext,
  parentId: string,
  opts: { title?: string | undefined; durationSeconds?: number | undefined },
  actor: string,
): Promise<string> {
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const parent = await getBallot(trx, parentId);
    const tie = await closedTallyWithTie(trx, parent);
    if (parent.rules.ties !== 'runoff') throw errors.state('ballot_state', `ties on this ballot are settled by ${parent.rules.ties}, not a run-off`);
    const existing = await trx.selectFrom('ballot').select('id').where('runoff_of', '=', parentId).executeTakeFirst();
    if (existing) throw errors.conflict(`a run-off for this ballot exists already (${existing.id})`);
    const title = opts.title ?? `${parent.title}（再次投票）`;
    const id = await insertBallot(
      trx,
      {
        meetingId: parent.meetingId,
        title,
        evaluation: false,
        candidateIds: tie.candidates,
        seats: tie.places,
        maxApprovals: tie.places,
        // The tied candidates all passed the threshold already; the run-off only orders them.
        threshold: 'none',
        blank: parent.rules.blank,
        ties: 'runoff',
        secret: parent.rules.secret,
        durationMs: (opts.durationSeconds ?? parent.durationMs / 1000) * 1000,
        closeWhenAllVoted: parent.closeWhenAllVoted,
        runoffOf: parentId,
      },
      now,
    );
    await appendAudit(
      trx,
      { actor, action: 'ballot.runoff_created', meetingId: parent.meetingId, ballotId: id, detail: { parent: parentId, candidates: tie.candidates, places: tie.places } },
      now,
    );
    return id;
  });
}

/**
 * ties = presidium: records which of the tied candidates the presidium chose (exactly the places left);
 * audits `ballot.presidium_decision`; if the ballot is already announced, emits `ballot.changed` so the hall
 * shows the combined selection. Throws 404 `not_found`, 409 `ballot_not_closed`, 409 `ballot_state` (no tie,
 * or ties go to a run-off), 409 `conflict` (recorded already), 400 `invalid_input` (`selected`).
 */
export async function recordPresidiumDecision(
  ctx: BallotContext,
  ballotId: string,
  selected: string[],
  note: string | undefined,
  actor: string,
): Promise<void> {
  const now = ctx.now();
  const decided = await ctx.db.transaction().execute(async (trx) => {
    const ballot = await getBallot(trx, ballotId);
    const tie = await closedTallyWithTie(trx, ballot);
    if (ballot.rules.ties !== 'presidium') throw errors.state('ballot_state', `ties on this ballot are settled by ${ballot.rules.ties}`);
    if (ballot.presidiumDecision) throw errors.conflict('the presidium decision is recorded already');
    const tied = new Set(tie.candidates);
    selected.forEach((cid, i) => {
      if (!tied.has(cid)) throw errors.badInput(`selected.${i}`, 'not one of the tied candidates', { code: 'not_tied' });
    });
    if (new Set(selected).size !== selected.length) throw errors.badInput('selected', 'a candidate is listed twice', { code: 'listed_twice' });
    if (selected.length !== tie.places) throw errors.badInput('selected', `choose exactly ${tie.places} of the tied candidates`, {
        code: 'tie_count',
        params: { n: tie.places },
      });
    await trx.updateTable('ballot').set({ presidium_decision: JSON.stringify(selected) }).where('id', '=', ballotId).execute();
    await appendAudit(trx, { actor, action: 'ballot.presidium_decision', meetingId: ballot.meetingId, ballotId, detail: { selected, note: note ?? null } }, now);
    return ballot;
  });
  // Already announced: the hall's result changes with the decision, so announce it again.
  if (decided.status === 'announced') ctx.bus.emit('ballot.changed', { meetingId: decided.meetingId, ballotId, status: 'announced' });
}
