import type { ImportProblem } from '../../shared/errors.ts';
import { samePerson, type DuplicateChoice } from '../../shared/import/roster.ts';
import { seatKey, type RosterEntry } from '../../shared/roster.ts';
import type { Executor } from '../db/database.ts';
import { errors } from '../errors.ts';
import { newId } from '../ids.ts';

/** The delegation's id, creating it (after the existing ones) when the meeting has none of that name. */
export async function delegationId(db: Executor, meetingId: string, name: string): Promise<string> {
  const found = await db.selectFrom('delegation').select('id').where('meeting_id', '=', meetingId).where('name', '=', name).executeTakeFirst();
  if (found) return found.id;
  const last = await db
    .selectFrom('delegation')
    .select((eb) => eb.fn.max<number>('position').as('p'))
    .where('meeting_id', '=', meetingId)
    .executeTakeFirst();
  const id = newId('g');
  await db.insertInto('delegation').values({ id, meeting_id: meetingId, name, position: (last?.p ?? -1) + 1 }).execute();
  return id;
}

/**
 * How an import meets the roster already saved: a seat already taken is a problem; the same person (name and
 * delegation as people read them — nameKey — or the same 代表证号) is a 'duplicate' problem unless the user chose
 * to skip the row (`skip` holds its index in `entries`) or keep both (a note).
 */
export async function rosterConflicts(
  db: Executor,
  meetingId: string,
  entries: RosterEntry[],
  rows: number[],
  choice: DuplicateChoice = undefined,
): Promise<{ problems: ImportProblem[]; notes: ImportProblem[]; skip: Set<number> }> {
  const existing = await db
    .selectFrom('deputy')
    .innerJoin('delegation', 'delegation.id', 'deputy.delegation_id')
    .select(['deputy.name', 'deputy.seat', 'deputy.code', 'delegation.name as delegation'])
    .where('deputy.meeting_id', '=', meetingId)
    .execute();
  const seats = new Set(existing.flatMap((d) => (d.seat ? [seatKey(d.seat)] : [])));
  const problems: ImportProblem[] = [];
  const rowOf = (i: number) => rows[i] ?? i + 1;
  entries.forEach((e, i) => {
    if (e.seat && seats.has(seatKey(e.seat))) problems.push({ row: rowOf(i), column: 'seat', message: `seat ${e.seat} is already taken`, code: 'seat_taken', params: { seat: e.seat } });
  });
  const same = samePerson(
    entries.map((e, i) => ({ row: rowOf(i), name: e.name, delegation: e.delegation, ...(e.code ? { code: e.code } : {}) })),
    { name: 'name', code: 'code' },
    choice,
    existing.map((d) => ({ name: d.name, delegation: d.delegation, code: d.code })),
    false,
  );
  const skipRows = same.skip;
  return {
    problems: [...problems, ...same.problems].sort((a, b) => a.row - b.row),
    notes: same.notes,
    skip: new Set(entries.flatMap((_, i) => (skipRows.has(rowOf(i)) ? [i] : []))),
  };
}

export async function insertDeputies(db: Executor, meetingId: string, entries: RosterEntry[], now: number): Promise<number> {
  const delegations = new Map<string, string>();
  for (const e of entries) {
    if (!delegations.has(e.delegation)) delegations.set(e.delegation, await delegationId(db, meetingId, e.delegation));
  }
  const rows = entries.map((e) => ({
    id: newId('d'),
    meeting_id: meetingId,
    delegation_id: delegations.get(e.delegation)!,
    name: e.name,
    seat: e.seat ?? null,
    code: e.code ?? null,
    created_at: now,
  }));
  // Chunked: SQLite limits the number of bound parameters in one statement.
  for (let i = 0; i < rows.length; i += 100) await db.insertInto('deputy').values(rows.slice(i, i + 100)).execute();
  return rows.length;
}

/**
 * Refuses (409 roster_locked) while a ballot of the meeting is open. A ballot's electorate — who may vote, what
 * close-when-all-voted waits for, the record's 应到/实到 — is the roster as it stood when the ballot opened
 * (DESIGN §3 应到/实到; unseat-mid-ballot case), so the 在册 flag and imports wait until the ballot closes.
 * Check-ins stay possible: a latecomer who arrives may still vote.
 */
export async function assertRosterUnlocked(db: Executor, meetingId: string): Promise<void> {
  const open = await db.selectFrom('ballot').select('title').where('meeting_id', '=', meetingId).where('status', '=', 'open').executeTakeFirst();
  if (open) throw errors.state('roster_locked', `ballot "${open.title}" is open; the roster is locked until it closes`);
}
