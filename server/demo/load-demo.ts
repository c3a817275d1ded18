import { readFileSync } from 'node:fs';
import { parseCandidateJson } from '../../shared/import/candidates-json.ts';
import { appendAudit } from '../audit/store.ts';
import { insertCandidates } from '../candidates/store.ts';
import type { Db } from '../db/database.ts';
import { newId } from '../ids.ts';
import { insertDeputies } from '../roster/store.ts';
import { demoRoster } from './roster.ts';

export const DEMO_FIXTURE = new URL('./fixtures/qinshui-2023-candidates.json', import.meta.url);

interface Fixture {
  meeting: { name: string; date: string; year: number };
  townships: string[];
}

/** Loads the Qinshui 2023 session (15 candidates, 180 deputies) unless a meeting of that name exists. */
export async function loadDemo(db: Db, now: number): Promise<string> {
  const raw: unknown = JSON.parse(readFileSync(DEMO_FIXTURE, 'utf8'));
  const fixture = raw as Fixture;
  const parsed = parseCandidateJson(raw);
  if (!parsed.ok) throw new Error(`demo fixture does not parse: ${JSON.stringify(parsed.problems.slice(0, 3))}`);
  const existing = await db.selectFrom('meeting').select('id').where('name', '=', fixture.meeting.name).executeTakeFirst();
  if (existing) return `demo: ${fixture.meeting.name} is already loaded (${existing.id})`;
  const id = newId('m');
  const roster = demoRoster(fixture.townships);
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('meeting').values({ id, name: fixture.meeting.name, date: fixture.meeting.date, year: fixture.meeting.year, created_at: now }).execute();
    await insertCandidates(trx, id, parsed.candidates, now);
    await insertDeputies(trx, id, roster, now);
    await appendAudit(trx, { actor: 'system', action: 'demo.loaded', meetingId: id, detail: { candidates: parsed.candidates.length, deputies: roster.length } }, now);
  });
  return `demo: loaded ${fixture.meeting.name} (${id}): ${parsed.candidates.length} candidates, ${roster.length} deputies`;
}
