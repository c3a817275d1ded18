import type { Calendar, CalendarEntry } from '../../shared/responses/projects.ts';
import { parsePeriod } from '../../shared/rules/progress.ts';
import { assess, isCarriedOver } from './presenters.ts';
import type { Project } from './store.ts';

// The milestone calendar (DESIGN §11 "a calendar of milestones due this month"): each milestone whose period ends
// in the month of the view date or in the months after it, per responsible unit, with its state on that date.

const monthOf = (date: string) => date.slice(0, 7);
function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const i = y * 12 + (m - 1) + n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

export type { CalendarEntry };

/**
 * Months `[month of asOf, … + months]` ('YYYY-MM'), each with its units (lead units, else 未列明), each with the
 * milestones due that month in due-date order. Projects complete or carried over by `asOf` are left out (their
 * nodes are no longer the units' business). `margin` is the lag margin (assess).
 */
export function milestoneCalendar(projects: Project[], asOf: string, months: number, margin: number): Calendar {
  const first = monthOf(asOf);
  const wanted = Array.from({ length: months + 1 }, (_, i) => addMonths(first, i));
  const byMonth = new Map(wanted.map((m) => [m, new Map<string, CalendarEntry[]>()]));
  for (const p of projects) {
    const a = assess(p, asOf, margin);
    if (a.status === 'completed' || isCarriedOver(p, asOf)) continue;
    for (const m of p.milestones) {
      const range = parsePeriod(m.period);
      const units = byMonth.get(range ? monthOf(range.end) : '');
      if (!range || !units) continue;
      const s = a.milestones.find((x) => x.position === m.position)!;
      const entry: CalendarEntry = {
        projectId: p.row.id,
        year: p.row.year,
        seq: p.row.seq,
        name: p.row.name,
        position: m.position,
        period: m.period,
        text: m.text,
        due: range.end,
        reached: s.reached,
        reachedOn: s.reachedOn,
        overdue: s.overdue,
      };
      for (const unit of p.units.lead.length ? p.units.lead : ['未列明']) units.set(unit, [...(units.get(unit) ?? []), entry]);
    }
  }
  return {
    asOf,
    months: wanted.map((month) => ({
      month,
      units: [...byMonth.get(month)!.entries()]
        .sort((a, b) => a[0].localeCompare(b[0], 'zh-CN'))
        .map(([unit, milestones]) => ({ unit, milestones: milestones.sort((x, y) => x.due.localeCompare(y.due) || x.seq - y.seq) })),
    })),
  };
}
