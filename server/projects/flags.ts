import { projectFlags as flagsOfProject, reportFlags as flagsOfReport, type FlagProject, type PlausibilityFlag } from '../../shared/rules/plausibility.ts';
import { assess } from './presenters.ts';
import type { ProgressReport, Project } from './store.ts';

// Plausibility flags (shared/rules/plausibility.ts) for a stored project and report: shown in the review queue
// and on the project page; they never block.

const shape = (p: Project): FlagProject => ({ budgetWan: p.row.budget_wan, units: p.units, milestones: p.milestones });

/** The flags of one report against the project's counted reports dated on or before it (itself excluded). */
export function reportFlags(p: Project, report: ProgressReport): PlausibilityFlag[] {
  const before = p.reports.filter((r) => r.id !== report.id && (r.date < report.date || (r.date === report.date && r.createdAt < report.createdAt)));
  return flagsOfReport(shape(p), report, before);
}

/** The project's flags on `today` from the reports counted then (pass approvedOnly(p) for the public's view). */
export function projectFlags(p: Project, today: string, margin = 0.2): PlausibilityFlag[] {
  const known = p.reports.filter((r) => r.date <= today);
  return flagsOfProject(shape(p), known, assess(p, today, margin).status === 'completed');
}
