import { randomBytes } from 'node:crypto';
import { canonicalJson } from '../../shared/canonical-json.ts';
import { entryKey, entryOf, spoiledMarks, type PaperEntry, type PaperEntryBody, type PaperProgress } from '../../shared/paper-ballot.ts';
import { paperChecker } from '../../shared/rules/paper.ts';
import { appendAudit } from '../audit/store.ts';
import type { Executor, Trx } from '../db/database.ts';
import { AppError, errors } from '../errors.ts';
import type { BallotContext } from './context.ts';
import { paperDigest } from './paper-batch.ts';
import { ballotMarkIds, getBallot, paperIssuedCount, type Ballot } from './store.ts';
import { tallyBallot } from './commands.ts';

// The count of paper ballots after the close (DESIGN §10): two clerks enter every collected paper by its serial,
// each on their own screen; a paper whose entries differ goes to a scrutineer; then the entered papers join the
// tally and the record with source "paper".

/** Who enters or decides: a staff account (its id tells two clerks apart; `actor` is the audit's name). */
export interface Counter {
  accountId: string;
  actor: string;
}

/** The state of one serial's entries, as the count sees it. */
type SerialState = { entries: { clerkId: string; key: string; entry: PaperEntry }[]; decision: PaperEntry | null };

async function serialStates(db: Executor, ballotId: string): Promise<Map<string, SerialState>> {
  const states = new Map<string, SerialState>();
  const state = (serial: string) => {
    let s = states.get(serial);
    if (!s) states.set(serial, (s = { entries: [], decision: null }));
    return s;
  };
  for (const e of await db.selectFrom('paper_entry').select(['serial', 'clerk_id', 'entry']).where('ballot_id', '=', ballotId).orderBy('at').execute()) {
    const entry = JSON.parse(e.entry) as PaperEntry;
    state(e.serial).entries.push({ clerkId: e.clerk_id, key: entryKey(entry), entry });
  }
  for (const d of await db.selectFrom('paper_decision').select(['serial', 'entry']).where('ballot_id', '=', ballotId).execute()) {
    state(d.serial).decision = JSON.parse(d.entry) as PaperEntry;
  }
  return states;
}

const disputed = (s: SerialState) => s.entries.length === 2 && s.entries[0]!.key !== s.entries[1]!.key;

/** The paper the count takes for a serial: the agreed entry, the scrutineer's decision, or null (not settled). */
function settled(s: SerialState): PaperEntry | null {
  if (s.decision) return s.decision;
  if (s.entries.length === 2 && !disputed(s)) return s.entries[0]!.entry;
  return null;
}

/** A closed ballot whose paper count is still open; throws 409 `ballot_not_closed`, `opening_pending`, `paper_counted`. */
function countable(ballot: Ballot): void {
  if (ballot.status !== 'closed') throw errors.state('ballot_not_closed', `the ballot is ${ballot.status}; paper ballots are entered after the close, before the announcement`);
  if (ballot.openingPending) throw errors.state('opening_pending', 'the envelopes are not opened yet');
  if (ballot.paperCountedAt !== null) throw new AppError(409, 'paper_counted', 'the paper ballots have joined the tally already');
}

/** The serial's printed row; throws 404 `paper_serial_unknown`, 409 `paper_serial_void`. */
async function requireSerial(trx: Trx, ballotId: string, serial: string): Promise<void> {
  const row = await trx.selectFrom('paper_serial').select(['status', 'replaced_by']).where('ballot_id', '=', ballotId).where('serial', '=', serial).executeTakeFirst();
  if (!row) throw new AppError(404, 'paper_serial_unknown', `no paper ballot ${serial} was printed for this ballot`);
  if (row.status === 'void') throw new AppError(409, 'paper_serial_void', `paper ballot ${serial} was voided (reprinted as ${row.replaced_by ?? '?'})`);
}

/**
 * The ballot of a paper being entered or decided, once it is countable and `serial` a printed, unvoided paper of
 * it. Throws as getBallot (404 `not_found`), countable and requireSerial.
 */
async function countableSerial(trx: Trx, ballotId: string, serial: string): Promise<Ballot> {
  const ballot = await getBallot(trx, ballotId);
  countable(ballot);
  await requireSerial(trx, ballotId, serial);
  return ballot;
}

/** Marks name only the ballot's candidates, with the ballot's options: a clerk cannot have read anything else. */
async function checkMarks(trx: Trx, ballot: Ballot, entry: PaperEntry): Promise<void> {
  if (!('marks' in entry)) return;
  const ids = new Set(await ballotMarkIds(trx, ballot.id));
  const options = new Set<string>(ballot.rules.options);
  for (const [candidateId, mark] of Object.entries(entry.marks)) {
    if (!ids.has(candidateId)) throw errors.badInput(`marks.${candidateId}`, 'not a candidate of this ballot', { code: 'unknown_candidate' });
    if (!options.has(mark)) throw errors.badInput(`marks.${candidateId}`, `a mark is one of ${ballot.rules.options.join(', ')}`);
  }
}

/**
 * One clerk's entry of one collected paper, by its serial (double entry): the marks as written — over the cap stays
 * over the cap, counted 废票 later, never trimmed — or 废票 with its reason. The answer says only that it was
 * recorded: a clerk never sees the other clerk's entry. (The count of disputed papers is shown to everyone counting,
 * and the count's refusal names the disputed serials, so clerks learn that they disagree on a paper — never how
 * the other entered it.) Audits `paper.entered` (serial
 * and clerk; the marks stay in `paper_entry`); emits `paper.progress`.
 * Throws 404 `not_found`, 409 `ballot_not_closed` / `opening_pending` / `paper_counted`, 404
 * `paper_serial_unknown`, 409 `paper_serial_void`, 409 `paper_entered_already` (this clerk), 409
 * `paper_entry_complete` (a third entry), 400 `invalid_input` (a candidate or mark the ballot does not have).
 */
export async function enterPaper(ctx: BallotContext, ballotId: string, body: PaperEntryBody, clerk: Counter): Promise<{ serial: string; recorded: true }> {
  const now = ctx.now();
  const entry = entryOf(body);
  const meetingId = await ctx.db.transaction().execute(async (trx) => {
    const ballot = await countableSerial(trx, ballotId, body.serial);
    const entries = await trx.selectFrom('paper_entry').select('clerk_id').where('ballot_id', '=', ballotId).where('serial', '=', body.serial).execute();
    if (entries.some((e) => e.clerk_id === clerk.accountId)) throw new AppError(409, 'paper_entered_already', `you have entered paper ${body.serial} already`);
    if (entries.length >= 2) throw new AppError(409, 'paper_entry_complete', `paper ${body.serial} has been entered by two clerks already`);
    await checkMarks(trx, ballot, entry);
    await trx.insertInto('paper_entry').values({ ballot_id: ballotId, serial: body.serial, clerk_id: clerk.accountId, entry: canonicalJson(entry), at: now }).execute();
    await appendAudit(trx, { actor: clerk.actor, action: 'paper.entered', meetingId: ballot.meetingId, ballotId, detail: { serial: body.serial, entry: entries.length + 1 } }, now);
    return ballot.meetingId;
  });
  ctx.bus.emit('paper.progress', { meetingId, ballotId });
  return { serial: body.serial, recorded: true };
}

/**
 * A scrutineer's decision on a disputed paper (its two entries differ), read from the paper itself: the marks, or
 * 废票 with its reason, and an optional note. Audits `paper.decided`; emits `paper.progress`.
 * Throws as enterPaper for the ballot and serial, and 409 `paper_not_disputed` (fewer than two entries, entries
 * that agree, or decided already), 400 `invalid_input`.
 */
export async function decidePaper(ctx: BallotContext, ballotId: string, body: PaperEntryBody, scrutineer: Counter): Promise<{ serial: string; decided: true }> {
  const now = ctx.now();
  const entry = entryOf(body);
  const meetingId = await ctx.db.transaction().execute(async (trx) => {
    const ballot = await countableSerial(trx, ballotId, body.serial);
    const state = (await serialStates(trx, ballotId)).get(body.serial);
    if (!state || !disputed(state) || state.decision) throw new AppError(409, 'paper_not_disputed', `paper ${body.serial} is not disputed (two differing entries, undecided)`);
    await checkMarks(trx, ballot, entry);
    await trx
      .insertInto('paper_decision')
      .values({ ballot_id: ballotId, serial: body.serial, scrutineer_id: scrutineer.accountId, entry: canonicalJson(entry), note: body.note ?? null, at: now })
      .execute();
    await appendAudit(
      trx,
      { actor: scrutineer.actor, action: 'paper.decided', meetingId: ballot.meetingId, ballotId, detail: { serial: body.serial, spoiled: 'spoiled' in entry ? entry.spoiled : null, note: body.note ?? null } },
      now,
    );
    return ballot.meetingId;
  });
  ctx.bus.emit('paper.progress', { meetingId, ballotId });
  return { serial: body.serial, decided: true };
}

/** The disputed papers with both entries, for the scrutineer's screen (never shown to clerks). */
export async function paperDisputes(db: Executor, ballotId: string): Promise<{ serial: string; entries: PaperEntry[] }[]> {
  await getBallot(db, ballotId);
  const states = await serialStates(db, ballotId);
  return [...states]
    .filter(([, s]) => disputed(s) && !s.decision)
    .map(([serial, s]) => ({ serial, entries: s.entries.map((e) => e.entry) }))
    .sort((a, b) => (a.serial < b.serial ? -1 : 1));
}

/** One clerk's own entries (serial and what they entered), newest first: their screen's list. */
export async function ownEntries(db: Executor, ballotId: string, clerkId: string): Promise<{ serial: string; entry: PaperEntry; at: number }[]> {
  await getBallot(db, ballotId);
  const rows = await db.selectFrom('paper_entry').select(['serial', 'entry', 'at']).where('ballot_id', '=', ballotId).where('clerk_id', '=', clerkId).orderBy('at', 'desc').execute();
  return rows.map((r) => ({ serial: r.serial, entry: JSON.parse(r.entry) as PaperEntry, at: r.at }));
}

/** Paper-ballot progress (issued, printed, returned, entered twice, disputed, decided), counts only. Throws 404. */
export async function paperProgress(db: Executor, ballotId: string): Promise<PaperProgress> {
  const ballot = await getBallot(db, ballotId);
  const issued = await paperIssuedCount(db, ballotId);
  const serials = await db
    .selectFrom('paper_serial')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('ballot_id', '=', ballotId)
    .groupBy('status')
    .execute();
  const states = [...(await serialStates(db, ballotId)).values()];
  return {
    ballotId,
    issued,
    printed: Number(serials.find((s) => s.status === 'printed')?.n ?? 0),
    voided: Number(serials.find((s) => s.status === 'void')?.n ?? 0),
    returned: states.filter((s) => s.entries.length > 0).length,
    enteredTwice: states.filter((s) => s.entries.length === 2).length,
    disputed: states.filter((s) => disputed(s) && !s.decision).length,
    decided: states.filter((s) => s.decision).length,
    countedAt: ballot.paperCountedAt,
  };
}

/** The rule's message when more paper ballots came back than were issued (DESIGN §9 `attendance.issued`). */
export function overIssuedMessage(returned: number, issued: number): string {
  return `收回纸质选票 ${returned} 张，多于发出的 ${issued} 张 / ${returned} paper ballot(s) returned but ${issued} issued`;
}

/**
 * 计入: the entered paper ballots join the tally (DESIGN §10). Every paper entered must be settled (entered twice
 * alike, or decided by a scrutineer), and no more may have come back than were issued. Writes one paper per
 * serial with source "paper" under a fresh random id — no deputy, no serial, in a secret ballot as in a named one
 * — valid or not by the same rules as a tablet's (over the cap → 废票, never trimmed; a 废票 set aside by the
 * clerks stands as an invalid paper), recomputes and stores the tally, sets `paper_counted_at`. Audits
 * `paper.counted`; emits `paper.progress` and `ballot.changed`. Throws 404 `not_found`, 409 `ballot_not_closed`,
 * `opening_pending`, `paper_counted`, `paper_count_incomplete`, `paper_over_issued`.
 */
export async function countPaperBallots(ctx: BallotContext, ballotId: string, actor: string): Promise<PaperProgress> {
  const now = ctx.now();
  const meetingId = await ctx.db.transaction().execute(async (trx) => {
    const ballot = await getBallot(trx, ballotId);
    countable(ballot);
    const states = await serialStates(trx, ballotId);
    const once = [...states].filter(([, s]) => s.entries.length === 1).map(([serial]) => serial);
    const open = [...states].filter(([, s]) => disputed(s) && !s.decision).map(([serial]) => serial);
    if (once.length || open.length) {
      throw new AppError(409, 'paper_count_incomplete', `${once.length} entered once (${once.slice(0, 10).join(', ')}), ${open.length} disputed (${open.slice(0, 10).join(', ')})`);
    }
    const issued = ballot.attendance?.issued ?? 0;
    if (states.size > issued) throw new AppError(409, 'paper_over_issued', overIssuedMessage(states.size, issued));
    const check = paperChecker(ballot.rules, await ballotMarkIds(trx, ballotId));
    const rows = [...states.values()].map((s) => {
      const entry = settled(s)!;
      const marks = 'marks' in entry ? entry.marks : spoiledMarks(entry.spoiled);
      const verdict = check(marks);
      const id = `p-${randomBytes(16).toString('hex')}`;
      return {
        ballot_id: ballotId,
        id,
        marks: canonicalJson(marks),
        valid: verdict.valid ? 1 : 0,
        invalid_reason: 'spoiled' in entry ? `spoiled:${entry.spoiled}` : verdict.valid ? null : verdict.reason,
        digest: paperDigest(ballotId, id, marks),
        deputy_id: null,
        source: 'paper' as const,
      };
    });
    rows.sort((a, b) => (a.id < b.id ? -1 : 1));
    for (let i = 0; i < rows.length; i += 1000) await trx.insertInto('paper').values(rows.slice(i, i + 1000)).execute();
    const tally = await tallyBallot(trx, ballot, ballot.attendance!);
    await trx.updateTable('tally').set({ result: JSON.stringify(tally), computed_at: now }).where('ballot_id', '=', ballotId).execute();
    await trx.updateTable('ballot').set({ paper_counted_at: now }).where('id', '=', ballotId).execute();
    await appendAudit(
      trx,
      { actor, action: 'paper.counted', meetingId: ballot.meetingId, ballotId, detail: { issued, returned: rows.length, papers: tally.papers, selected: tally.selected, tie: tally.tie } },
      now,
    );
    return ballot.meetingId;
  });
  ctx.bus.emit('paper.progress', { meetingId, ballotId });
  ctx.bus.emit('ballot.changed', { meetingId, ballotId, status: 'closed' });
  return paperProgress(ctx.db, ballotId);
}

/**
 * Whether a closed ballot may be announced as far as paper ballots go: none issued, or their count has joined the
 * tally. Throws 409 `paper_over_issued` (more entered than issued: the rule's message) or `paper_count_pending`.
 */
export async function requirePaperCounted(trx: Trx, ballot: Ballot): Promise<void> {
  const issued = ballot.attendance?.issued ?? 0;
  const entered = await trx.selectFrom('paper_entry').select('serial').distinct().where('ballot_id', '=', ballot.id).execute();
  if (entered.length > issued) throw new AppError(409, 'paper_over_issued', overIssuedMessage(entered.length, issued));
  if ((issued > 0 || entered.length > 0) && ballot.paperCountedAt === null) {
    throw new AppError(409, 'paper_count_pending', `${issued} paper ballot(s) issued; enter them and count them into the tally first`);
  }
}
