import { readFileSync } from 'node:fs';
import { parseCandidateJson } from '../../shared/import/candidates-json.ts';
import { DEFAULT_TIME_ZONE, zonedDate } from '../../shared/time.ts';
import { appendAudit } from '../audit/store.ts';
import { insertCandidates } from '../candidates/store.ts';
import type { Db } from '../db/database.ts';
import { newId } from '../ids.ts';
import { projectDb } from '../projects/schema.ts';
import { insertDeputies } from '../roster/store.ts';
import { demoYear, seedDemoYear, shiftYear } from './demo-year.ts';
import { demoRoster } from './roster.ts';

export const DEMO_FIXTURE = new URL('./fixtures/qinshui-2023-candidates.json', import.meta.url);

interface Fixture {
  meeting: { name: string; date: string; year: number };
  townships: string[];
  candidates: { milestones?: { period?: unknown }[] }[];
}

/**
 * Loads the Qinshui session (15 candidates, 180 deputies) unless a meeting of that name exists, moved from 2023
 * to demoYear(today) — the session's date and every milestone period — so that the demo runs on the real clock
 * (`now`, ms; `timeZone` says what today is) without every plan being overdue; and tracks six of its candidates
 * with reports spread around today (demo-year.ts): 按期 completions, projects on schedule, one 滞后, one flagged
 * report in the review queue. Throws when the fixture does not parse.
 */
export async function loadDemo(db: Db, now: number, timeZone = DEFAULT_TIME_ZONE): Promise<string> {
  const today = zonedDate(now, timeZone);
  const year = demoYear(today);
  const fixture = JSON.parse(readFileSync(DEMO_FIXTURE, 'utf8')) as Fixture;
  fixture.meeting.date = shiftYear(fixture.meeting.date, year);
  fixture.meeting.year = year;
  for (const c of fixture.candidates) for (const m of c.milestones ?? []) if (typeof m.period === 'string') m.period = shiftYear(m.period, year);
  const parsed = parseCandidateJson(fixture);
  if (!parsed.ok) throw new Error(`demo fixture does not parse: ${JSON.stringify(parsed.problems.slice(0, 3))}`);
  const existing = await db.selectFrom('meeting').select('id').where('name', '=', fixture.meeting.name).executeTakeFirst();
  if (existing) return `demo: ${fixture.meeting.name} is already loaded (${existing.id})`;
  const id = newId('m');
  const roster = demoRoster(fixture.townships);
  const tracked = await db.transaction().execute(async (trx) => {
    await trx.insertInto('meeting').values({ id, name: fixture.meeting.name, date: fixture.meeting.date, year, created_at: now }).execute();
    await insertCandidates(trx, id, parsed.candidates, now);
    await insertDeputies(trx, id, roster, now);
    const seeded = await seedDemoYear(trx, id, year, today, now);
    // The county the session is of (沁水县第十七届…): the report's title and the public page name it (report settings).
    const county = /^(.+?[县市区旗])第/.exec(fixture.meeting.name)?.[1] ?? '';
    await projectDb(trx).insertInto('year_report_setting').values({ year, county, themes: '[]', updated_at: now }).onConflict((oc) => oc.column('year').doNothing()).execute();
    await appendAudit(trx, { actor: 'system', action: 'demo.loaded', meetingId: id, detail: { candidates: parsed.candidates.length, deputies: roster.length, year, tracked: seeded } }, now);
    return Object.values(seeded).flat().length;
  });
  return `demo: loaded ${fixture.meeting.name} (${id}) as of ${year}: ${parsed.candidates.length} candidates, ${roster.length} deputies, ${tracked} projects tracked`;
}
