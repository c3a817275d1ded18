import { plannedEnd } from '../../shared/rules/completion.ts';
import { parsePeriod } from '../../shared/rules/progress.ts';
import type { Trx } from '../db/database.ts';
import { projectDb } from '../projects/schema.ts';
import { projectFromCandidate } from '../projects/from-candidate.ts';
import { insertProject, insertReport } from '../projects/store.ts';

// The demo's year in progress (issue 16: "the demo shows a plausible year: some progress reports, a few 滞后 with
// reasons, not everything overdue"). The demo runs on the real clock, so its session is moved to a year around
// today (demoYear) and six of its candidates are already tracked, with reports dated relative to today:
// two completed 按期, two on schedule, one 滞后 (a milestone missed, with the unit's note), and one with a unit
// report waiting in the review queue that spends more than the budget (a plausibility flag).

/** The fixture's year: every date in qinshui-2023-candidates.json is of 2023. */
export const FIXTURE_YEAR = 2023;

/**
 * The year the demo plays in, given `today` ('YYYY-MM-DD', the county's calendar): this year from April on (the
 * first quarter's milestones have ended, so a project can be 滞后 and another ahead), else last year (whose plan has
 * ended: the demo then shows the year being wound up).
 */
export function demoYear(today: string): number {
  const year = Number(today.slice(0, 4));
  return today.slice(5, 7) >= '04' ? year : year - 1;
}

/** `text` with every 2023 (the fixture's year) replaced by `year`: periods like '2023-Q1', '2023-03~2023-05'. */
export const shiftYear = (text: string, year: number) => text.replaceAll(String(FIXTURE_YEAR), String(year));

type Plan = 'done' | 'on_schedule' | 'late' | 'flagged';
/** Which candidate (by seq in the fixture) plays which part. */
export const DEMO_PLANS: readonly { seq: number; plan: Plan }[] = [
  { seq: 6, plan: 'done' }, // 义务教育学校课后服务项目 (quarterly)
  { seq: 14, plan: 'done' }, // 有线电视收视费减免项目 (one yearly node)
  { seq: 1, plan: 'on_schedule' }, // 口袋公园建设项目 (monthly, with amounts)
  { seq: 7, plan: 'on_schedule' }, // 老旧小区改造项目 (5500 万元)
  { seq: 13, plan: 'late' }, // 全民健身体育设施改造提升全覆盖项目
  { seq: 4, plan: 'flagged' }, // 县城中心城区慢行系统改造项目 (2800 万元)
];

const DAY = 86_400_000;
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
const earlier = (a: string, b: string) => (a < b ? a : b);

/**
 * Tracks the DEMO_PLANS candidates of the demo meeting `meetingId` (already shifted to demoYear) as projects of
 * `year`, linked to their candidates (so promoting the demo's vote later does not track them twice), with progress
 * reports dated on or before `today` as their part says. Returns the project ids by part. Throws nothing of its
 * own (database errors propagate; the caller's transaction then leaves nothing behind).
 */
export async function seedDemoYear(trx: Trx, meetingId: string, year: number, today: string, now: number): Promise<Record<Plan, string[]>> {
  const db = projectDb(trx);
  const out: Record<Plan, string[]> = { done: [], on_schedule: [], late: [], flagged: [] };
  const candidates = (await trx.selectFrom('candidate').selectAll().where('meeting_id', '=', meetingId).execute()) ;
  for (const { seq, plan } of DEMO_PLANS) {
    const c = candidates.find((x) => x.seq === seq);
    if (!c) continue;
    const nodes = (await trx.selectFrom('milestone').selectAll().where('candidate_id', '=', c.id).orderBy('position').execute()) ;
    const projectId = await insertProject(db, projectFromCandidate(c, nodes, year), now);
    // Chosen by the deputies at the demo's session (the story the demo tells): linked to the meeting and candidate,
    // with no ballot record — the demo's vote is the user's to run, and no counts are made up.
    await db.updateTable('tracked_project').set({ source: 'ballot', selected_via: 'vote', meeting_id: meetingId, candidate_id: c.id }).where('id', '=', projectId).execute();
    out[plan].push(projectId);

    // Nodes whose period has ended by today, with the day each ended.
    const ends = nodes.map((m) => parsePeriod(m.period)?.end ?? null);
    const ended = nodes.map((_, i) => i).filter((i) => ends[i] !== null && ends[i]! < today);
    const lead = (JSON.parse(c.units_lead) as string[])[0] ?? '责任单位';
    const report = (date: string, reached: number[], spentWan: number | null, note: string, pending = false) =>
      insertReport(db, {
        project_id: projectId,
        kind: 'progress',
        date,
        spent_wan: spentWan,
        milestonesReached: reached,
        outputs: {},
        note,
        account_id: null,
        actor: lead,
        created_at: now,
        ...(pending ? { reviewStatus: 'pending' as const } : {}),
      });
    // Spending to date: the planned amounts of the nodes reached; a plan without amounts spends its budget evenly.
    const priced = nodes.some((m) => m.amount_wan !== null);
    const spentBy = (positions: number[]) => {
      if (c.budget_wan === null) return null;
      if (!priced) return Math.round((c.budget_wan * positions.length) / Math.max(1, nodes.length));
      return positions.reduce((s, i) => s + (nodes[i]!.amount_wan ?? 0), 0);
    };

    // A late project misses its latest ended node; the others reach each node at its period's end.
    const reachedNodes = plan === 'late' ? ended.slice(0, -1) : ended;
    for (const [k, i] of reachedNodes.entries()) {
      const upTo = reachedNodes.slice(0, k + 1);
      await report(earlier(ends[i]!, addDays(today, -1)), [i], spentBy(upTo), nodes[i]!.text);
    }
    if (plan === 'late') {
      const missed = ended.at(-1);
      if (missed !== undefined) {
        await report(addDays(today, -3), [], spentBy(reachedNodes), `前期任务已完成；“${nodes[missed]!.text}”因招标流标一次未按期完成，已重新挂网，预计下月完成。`);
      }
    }
    if (plan === 'done') {
      const rest = nodes.map((_, i) => i).filter((i) => !reachedNodes.includes(i));
      const on = earlier(addDays(today, -10), plannedEnd(nodes, year));
      if (rest.length) await report(on, rest, c.budget_wan, '全部任务已完成');
      await db.updateTable('tracked_project').set({ completed_at: now, completed_on: on, completion_note: '全部任务已完成，按期完成' }).where('id', '=', projectId).execute();
    }
    if (plan === 'flagged') {
      // A unit's report waiting for review: more spent than the whole budget, which the review queue flags.
      await report(addDays(today, -2), [], (c.budget_wan ?? 100) + 150, '工程款已全部拨付（含设计变更增加部分）', true);
    }
  }
  return out;
}
