import { INSPECTION_KIND_LABELS } from '../../shared/supervision.ts';
import type { PublicRectification, PublicSupervision, RectificationStatus, StaffRectification, StaffSupervision } from '../../shared/responses/supervision.ts';
import type { Rectification, Supervision } from './store.ts';

// Supervision as the console and the public page show it. The public sees inspections (date, kind, findings,
// photos and how many deputies took part — not their names: the county's choice here is privacy by default),
// how many opinions were answered, and the 整改 tasks; never who typed what.
//
// Any of it as of a date (DESIGN §11: "any figure can be shown as of a date", 统计至 6月30日): only what was
// recorded for dates on or before it — inspections and opinions by their date, replies by the day answered, 整改
// tasks opened by then, with the follow-ups dated by then, closed only if closed (销号) by then. The deadline is
// the one now set (as the plan is, server/projects/context.ts viewDate).

/** Closed (销号) on or before `asOf`. */
const closedBy = (r: Rectification['row'], asOf: string) => r.closed_at !== null && r.closed_on !== null && r.closed_on <= asOf;

/** 整改 status as of `asOf` ('YYYY-MM-DD'): 待定期限 (no deadline yet), 整改中, 逾期 (open after its deadline), 已销号. */
export function rectificationStatus(r: Rectification['row'], asOf: string): RectificationStatus {
  if (closedBy(r, asOf)) return 'closed';
  if (r.deadline === null) return 'no_deadline';
  return r.deadline < asOf ? 'overdue' : 'open';
}

/**
 * One 整改 task as of `asOf`: status, deadline, the follow-ups dated by then, the closure if closed by then; staff
 * also see who filed each follow-up. Shapes: shared/responses/supervision.ts (`staffRectificationSchema`,
 * `publicRectificationSchema`).
 */
export function presentRectification(r: Rectification, asOf: string, audience: 'staff'): StaffRectification;
export function presentRectification(r: Rectification, asOf: string, audience: 'public'): PublicRectification;
export function presentRectification(r: Rectification, asOf: string, audience: 'staff' | 'public'): StaffRectification | PublicRectification;
export function presentRectification(r: Rectification, asOf: string, audience: 'staff' | 'public'): StaffRectification | PublicRectification {
  const status = rectificationStatus(r.row, asOf);
  return {
    id: r.row.id,
    ballotId: r.row.ballot_id,
    openedOn: r.openedOn,
    deadline: r.row.deadline,
    status,
    overdue: status === 'overdue',
    closedOn: status === 'closed' ? r.row.closed_on : null,
    closingNote: status === 'closed' ? r.row.closing_note : null,
    reports: r.reports.filter((x) => x.date <= asOf).map((x) => ({ id: x.id, date: x.date, text: x.text, unit: x.unit, ...(audience === 'staff' ? { by: x.actor } : {}) })),
  };
}

/** The 整改 tasks opened on or before `asOf`, in the order opened. */
export const rectificationsBy = (s: Supervision, asOf: string) => s.rectifications.filter((r) => r.openedOn <= asOf);

/**
 * A project's supervision as of `asOf` (today unless a 统计至 date is asked). Staff: every inspection (withdrawn
 * ones marked, with the reason), deputies by name, every opinion with its answer and verdict. Public: active
 * inspections without names, an opinion count. Nothing dated after `asOf` (see above). Shapes:
 * shared/responses/supervision.ts (`staffSupervisionSchema`, `publicSupervisionSchema`).
 */
export function presentSupervision(s: Supervision, asOf: string, audience: 'staff'): StaffSupervision;
export function presentSupervision(s: Supervision, asOf: string, audience: 'public'): PublicSupervision;
export function presentSupervision(s: Supervision, asOf: string, audience: 'staff' | 'public'): StaffSupervision | PublicSupervision;
export function presentSupervision(s: Supervision, asOf: string, audience: 'staff' | 'public'): StaffSupervision | PublicSupervision {
  const opinions = s.opinions.filter((o) => o.row.date <= asOf);
  const answeredBy = (o: (typeof opinions)[number]) => o.repliedOn !== null && o.repliedOn <= asOf;
  const inspections = s.inspections
    .filter((i) => i.row.date <= asOf)
    .filter((i) => audience === 'staff' || i.row.withdrawn_at === null)
    .map((i) => ({
      id: i.row.id,
      date: i.row.date,
      kind: i.row.kind,
      kindLabel: INSPECTION_KIND_LABELS[i.row.kind],
      findings: i.row.findings,
      deputyCount: i.deputyIds.length,
      photos: i.photos.map((ph) => ({ ...ph, url: `/api/public/inspection-photos/${ph.id}` })),
      ...(audience === 'staff'
        ? {
            deputies: i.deputyIds.map((id) => ({ id, name: s.deputyNames.get(id) ?? id })),
            by: i.row.actor,
            corrected: i.row.updated_at !== null,
            withdrawn: i.row.withdrawn_at !== null ? { at: i.row.withdrawn_at, reason: i.row.withdrawn_reason ?? '' } : null,
          }
        : {}),
    }));
  const answered = opinions.filter(answeredBy).length;
  return {
    asOf,
    inspections,
    opinionCounts: { total: opinions.length, answered },
    ...(audience === 'staff'
      ? {
          opinions: opinions.map((o) => ({
            id: o.row.id,
            deputyId: o.row.deputy_id,
            deputyName: o.deputyName,
            date: o.row.date,
            text: o.row.text,
            status: answeredBy(o) ? ('answered' as const) : ('pending' as const),
            reply: answeredBy(o) ? { text: o.row.reply_text ?? '', unit: o.row.reply_unit, at: o.row.replied_at } : null,
            verdict: answeredBy(o) ? o.row.verdict : null,
          })),
        }
      : {}),
    rectifications: rectificationsBy(s, asOf).map((r) => presentRectification(r, asOf, audience)),
  };
}
