import type { PublicProject } from '../../shared/responses/projects.ts';

export interface YearSummary {
  projects: number;
  completed: number;
  lagging: number;
  /** Sum of the budgets that are stated; null when none is. */
  budgetWan: number | null;
  /** Sum of the spending to date that is reported; null when none is. */
  spentWan: number | null;
  asOf: string | null;
}

const sumStated = (xs: (number | null)[]) => {
  const stated = xs.filter((x): x is number => x !== null);
  return stated.length ? Math.round(stated.reduce((a, b) => a + b, 0) * 10_000) / 10_000 : null;
};

export function summarize(projects: readonly PublicProject[]): YearSummary {
  return {
    projects: projects.length,
    completed: projects.filter((p) => p.status === 'completed').length,
    lagging: projects.filter((p) => p.status === 'lagging').length,
    budgetWan: sumStated(projects.map((p) => p.budgetWan)),
    spentWan: sumStated(projects.map((p) => p.money.spentToDateWan)),
    asOf: projects[0]?.asOf ?? null,
  };
}
