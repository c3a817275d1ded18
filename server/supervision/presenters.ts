import { INSPECTION_KIND_LABELS } from '../../shared/supervision.ts';
import type { Rectification, Supervision } from './store.ts';

// Supervision as the console and the public page show it. The public sees inspections (date, kind, findings,
// photos and how many deputies took part — not their names: the county's choice here is privacy by default),
// how many opinions were answered, and the 整改 tasks; never who typed what.

/** 整改 status on `today`: 待定期限 (no deadline yet), 整改中, 逾期 (open after its deadline), 已销号. */
export function rectificationStatus(r: Rectification['row'], today: string): 'no_deadline' | 'open' | 'overdue' | 'closed' {
  if (r.closed_at !== null) return 'closed';
  if (r.deadline === null) return 'no_deadline';
  return r.deadline < today ? 'overdue' : 'open';
}

export function presentRectification(r: Rectification, today: string, audience: 'staff' | 'public') {
  return {
    id: r.row.id,
    ballotId: r.row.ballot_id,
    deadline: r.row.deadline,
    status: rectificationStatus(r.row, today),
    overdue: rectificationStatus(r.row, today) === 'overdue',
    closedOn: r.row.closed_on,
    closingNote: r.row.closing_note,
    reports: r.reports.map((x) => ({ id: x.id, date: x.date, text: x.text, unit: x.unit, ...(audience === 'staff' ? { by: x.actor } : {}) })),
  };
}

/**
 * A project's supervision on `today`. Staff: every inspection (withdrawn ones marked, with the reason), deputies by
 * name, every opinion with its answer and verdict. Public: active inspections without names, an opinion count.
 */
export function presentSupervision(s: Supervision, today: string, audience: 'staff' | 'public') {
  const inspections = s.inspections
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
  const answered = s.opinions.filter((o) => o.row.replied_at !== null).length;
  return {
    inspections,
    opinionCounts: { total: s.opinions.length, answered },
    ...(audience === 'staff'
      ? {
          opinions: s.opinions.map((o) => ({
            id: o.row.id,
            deputyId: o.row.deputy_id,
            deputyName: o.deputyName,
            date: o.row.date,
            text: o.row.text,
            status: o.row.replied_at === null ? ('pending' as const) : ('answered' as const),
            reply: o.row.replied_at === null ? null : { text: o.row.reply_text ?? '', unit: o.row.reply_unit, at: o.row.replied_at },
            verdict: o.row.verdict,
          })),
        }
      : {}),
    rectifications: s.rectifications.map((r) => presentRectification(r, today, audience)),
  };
}
