// Plausibility flags on a progress report and on a tracked project (DESIGN §11, issue 16: "plausibility flags
// (spending over budget, output short of target, a cooperating unit reporting the whole project)"). Computed,
// never stored; they do not block anything — they ask the secretariat for a second look. Pure, so the server,
// the screens and the tests judge them alike. Amounts in 万元.

export const FLAG_CODES = ['over_budget', 'output_short', 'cooperator_complete', 'cooperator_large_spend'] as const;
export type FlagCode = (typeof FLAG_CODES)[number];
export interface PlausibilityFlag {
  code: FlagCode;
  /** The figures behind it, for the screens' wording. */
  params: Record<string, number | string>;
  /** The flag in Chinese, for the audit-minded reader and the text report. */
  text: string;
}

/** A cooperating (协办) unit's spend at or above this share of the budget is "large". */
export const COOPERATOR_LARGE_SHARE = 0.5;

export interface FlagProject {
  budgetWan: number | null;
  units: { lead: readonly string[]; cooperate: readonly string[]; implement: readonly string[] };
  milestones: readonly { position: number; target: number | null }[];
}
export interface FlagReport {
  spentWan: number | null;
  milestonesReached: readonly number[];
  outputs: Readonly<Record<string, number>>;
  kind: 'progress' | 'final';
  /** The filing account's unit; null when the secretariat filed it. */
  unitName: string | null;
}

const targetOf = (p: FlagProject) => {
  const t = p.milestones.filter((m) => m.target !== null);
  return t.length ? t.reduce((s, m) => s + m.target!, 0) : null;
};
const largestOutput = (reports: readonly FlagReport[]) => {
  const sums = new Map<string, number>();
  for (const r of reports) for (const [k, v] of Object.entries(r.outputs)) sums.set(k, (sums.get(k) ?? 0) + v);
  return Math.max(0, ...sums.values());
};
const overBudget = (spent: number, budget: number): PlausibilityFlag => ({
  code: 'over_budget',
  params: { spentWan: spent, budgetWan: budget },
  text: `投资 ${spent} 万元，超出预算 ${budget} 万元`,
});
const short = (achieved: number, target: number): PlausibilityFlag => ({
  code: 'output_short',
  params: { achieved, target },
  text: `完成 ${achieved}，未达目标 ${target}`,
});
/** A unit that only cooperates (协办): named under cooperate and not as lead or implementing unit. */
const onlyCooperates = (p: FlagProject, unit: string | null) =>
  unit !== null && p.units.cooperate.includes(unit) && !p.units.lead.includes(unit) && !p.units.implement.includes(unit);

/**
 * The flags of `report` given the project's other counted reports `before` (dated on or before it): spending over
 * the budget; the project complete with it (every milestone reached, or a final report) while the output target is
 * short; a 协办 unit declaring the whole project complete, or reporting spending of half the budget or more.
 */
export function reportFlags(p: FlagProject, report: FlagReport, before: readonly FlagReport[]): PlausibilityFlag[] {
  const flags: PlausibilityFlag[] = [];
  if (report.spentWan !== null && p.budgetWan !== null && report.spentWan > p.budgetWan) flags.push(overBudget(report.spentWan, p.budgetWan));
  const reached = new Set([...before, report].flatMap((r) => r.milestonesReached));
  const completes = report.kind === 'final' || (p.milestones.length > 0 && p.milestones.every((m) => reached.has(m.position)));
  const target = targetOf(p);
  if (completes && target !== null) {
    const achieved = largestOutput([...before, report]);
    if (achieved < target) flags.push(short(achieved, target));
  }
  if (onlyCooperates(p, report.unitName)) {
    if (completes) flags.push({ code: 'cooperator_complete', params: { unit: report.unitName! }, text: `协办单位${report.unitName}填报项目全部完成` });
    if (report.spentWan !== null && p.budgetWan !== null && p.budgetWan > 0 && report.spentWan >= p.budgetWan * COOPERATOR_LARGE_SHARE) {
      flags.push({
        code: 'cooperator_large_spend',
        params: { unit: report.unitName!, spentWan: report.spentWan, budgetWan: p.budgetWan },
        text: `协办单位${report.unitName}填报投资 ${report.spentWan} 万元（预算 ${p.budgetWan} 万元）`,
      });
    }
  }
  return flags;
}

/**
 * The project's flags from its counted reports (date order) and whether it is complete: spending to date over
 * budget; complete with the output target short (4018 of 4368); and each 协办 flag any report raised.
 */
export function projectFlags(p: FlagProject, reports: readonly FlagReport[], complete: boolean): PlausibilityFlag[] {
  const flags: PlausibilityFlag[] = [];
  const spent = reports.findLast((r) => r.spentWan !== null)?.spentWan ?? null;
  if (spent !== null && p.budgetWan !== null && spent > p.budgetWan) flags.push(overBudget(spent, p.budgetWan));
  const target = targetOf(p);
  if (complete && target !== null) {
    const achieved = largestOutput(reports);
    if (achieved < target) flags.push(short(achieved, target));
  }
  reports.forEach((r, i) => {
    for (const f of reportFlags(p, r, reports.slice(0, i))) if (f.code.startsWith('cooperator_') && !flags.some((x) => x.text === f.text)) flags.push(f);
  });
  return flags;
}
