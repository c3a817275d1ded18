import type { StaffRole } from '../../shared/api.ts';
import { zonedDate } from '../../shared/time.ts';
import type { Db } from '../db/database.ts';
import { errors } from '../errors.ts';
import type { Staff } from '../plugins/auth.ts';
import type { Project } from './store.ts';

/** What project commands and routes need from the running server. */
export interface ProjectContext {
  db: Db;
  now: () => number;
  /** Where photos go (DATA_DIR/photos); null for an in-memory database, which then refuses photos. */
  dataDir: string | null;
  /** Spending this share below the plan-to-date is 滞后. */
  lagMargin: number;
  /** IANA zone whose calendar says what "today" is (TIME_ZONE; Asia/Shanghai by default). */
  timeZone: string;
}

/** "Today" for the plan, on the server's clock, in the county's calendar (the configured zone). */
export const todayOf = (ctx: ProjectContext) => zonedDate(ctx.now(), ctx.timeZone);

/**
 * The day a view is as of: `asOf` (a query's 统计至) or today. Throws invalid_input for a date after today — the
 * future is not known. Reports and completions dated after it do not count; plan and fields are as now.
 */
export function viewDate(ctx: ProjectContext, asOf: string | undefined): string {
  const today = todayOf(ctx);
  if (asOf === undefined) return today;
  if (asOf > today) throw errors.badInput('asOf', `${asOf} is after today (${today})`, { code: 'as_of_future', params: { date: asOf, today } });
  return asOf;
}

/** Everyone who signs in may read projects; a unit only those it is responsible for. */
export const PROJECT_READERS: StaffRole[] = ['admin', 'operator', 'scrutineer', 'unit'];
/** The secretariat may file a report on behalf of a unit (a paper report typed in); scrutineers only read. */
export const PROJECT_REPORTERS: StaffRole[] = ['admin', 'operator', 'unit'];

export function responsibleUnits(p: Project): string[] {
  return [...p.units.lead, ...p.units.cooperate, ...p.units.implement];
}

export function mayRead(staff: Staff, p: Project): boolean {
  if (staff.role !== 'unit') return true;
  return staff.unitName !== null && responsibleUnits(p).includes(staff.unitName);
}

export function assertMayRead(staff: Staff, p: Project): void {
  if (!mayRead(staff, p)) throw errors.forbidden(`${staff.unitName ?? 'this unit'} is not a responsible unit of ${p.row.name}`);
}

export function assertMayReport(staff: Staff, p: Project): void {
  if (!PROJECT_REPORTERS.includes(staff.role)) throw errors.forbidden(`the ${staff.role} role cannot file progress reports`);
  assertMayRead(staff, p);
}
