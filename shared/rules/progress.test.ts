import { describe, expect, it } from 'vitest';
import { assessProgress, chinaDate, parsePeriod, plannedSchedule, type PlanNode } from './progress.ts';

describe('parsePeriod', () => {
  it('reads months, quarters, years and ranges', () => {
    expect(parsePeriod('2023-02')).toEqual({ start: '2023-02-01', end: '2023-02-28' });
    expect(parsePeriod('2024-02')).toEqual({ start: '2024-02-01', end: '2024-02-29' });
    expect(parsePeriod('2023-Q1')).toEqual({ start: '2023-01-01', end: '2023-03-31' });
    expect(parsePeriod('2023-Q4')).toEqual({ start: '2023-10-01', end: '2023-12-31' });
    expect(parsePeriod('2023')).toEqual({ start: '2023-01-01', end: '2023-12-31' });
    expect(parsePeriod('2023-03~2023-05')).toEqual({ start: '2023-03-01', end: '2023-05-31' });
    expect(parsePeriod('2023-Q2 ～ 2023-Q3')).toEqual({ start: '2023-04-01', end: '2023-09-30' });
    expect(parsePeriod('2023-H2')).toEqual({ start: '2023-07-01', end: '2023-12-31' });
    expect(parsePeriod('2023-monthly')).toEqual({ start: '2023-01-01', end: '2023-12-31' });
    expect(parsePeriod('2023-06-15')).toEqual({ start: '2023-06-15', end: '2023-06-15' });
  });

  it('returns null for what it cannot read', () => {
    for (const p of ['2023-13', '2023-Q5', '全年', '2023-05~2023-03', '2023-02-30', '2023~2024~2025', '']) {
      expect(parsePeriod(p), p).toBeNull();
    }
  });
});

describe('chinaDate', () => {
  it('is the date in UTC+8', () => {
    expect(chinaDate(Date.parse('2023-03-31T16:30:00Z'))).toBe('2023-04-01');
    expect(chinaDate(Date.parse('2023-03-31T15:59:59Z'))).toBe('2023-03-31');
  });
});

const plan = (...nodes: [string, number | null][]): PlanNode[] =>
  nodes.map(([period, amountWan], position) => ({ position, period, amountWan }));

describe('assessProgress', () => {
  const monthly = plan(['2023-02', 50], ['2023-03', 50], ['2023-04', 100]);

  it('未开工: no report and the first node not due', () => {
    const a = assessProgress(monthly, [], '2023-02-20');
    expect(a.status).toBe('not_started');
    expect(a.plannedToDateWan).toBe(0);
    expect(a.spentToDateWan).toBeNull();
  });

  it('推进中 once a report is in and nothing has slipped', () => {
    const a = assessProgress(monthly, [{ date: '2023-02-27', spentWan: 50, milestonesReached: [0] }], '2023-03-10');
    expect(a.status).toBe('in_progress');
    expect(a.milestones.map((m) => [m.due, m.reached])).toEqual([[true, true], [false, false], [false, false]]);
    expect(a.reachedCount).toBe(1);
  });

  it('滞后 when a node whose period has ended is not reached (the day after it ends)', () => {
    const reports = [{ date: '2023-02-27', spentWan: 100, milestonesReached: [0] }];
    expect(assessProgress(monthly, reports, '2023-03-31').status).toBe('in_progress');
    const late = assessProgress(monthly, reports, '2023-04-01');
    expect(late.status).toBe('lagging');
    expect(late.lag).toEqual({ overdue: [1], spending: null });
  });

  it('滞后 with no report at all once the first node is past', () => {
    expect(assessProgress(monthly, [], '2023-03-01').lag.overdue).toEqual([0]);
  });

  it('滞后 when spending trails the plan-to-date by more than the margin', () => {
    const nodes = plan(['2023-Q1', 120], ['2023-Q2', 500]);
    const reached = (spentWan: number) => [{ date: '2023-07-02', spentWan, milestonesReached: [0, 1] }];
    // Plan to date on 2023-07-05: 620. 20 % below is 496.
    expect(assessProgress(nodes, reached(496), '2023-07-05', 0.2).status).toBe('completed');
    const more = plan(['2023-Q1', 120], ['2023-Q2', 500], ['2023-Q3', 1000]);
    expect(assessProgress(more, reached(496), '2023-07-05', 0.2).status).toBe('in_progress');
    const lagging = assessProgress(more, reached(495), '2023-07-05', 0.2);
    expect(lagging.status).toBe('lagging');
    expect(lagging.lag).toEqual({ overdue: [], spending: { plannedWan: 620, spentWan: 495 } });
    expect(assessProgress(more, reached(495), '2023-07-05', 0.25).status).toBe('in_progress');
  });

  it('a range period is due when its last month ends; a whole-year node at the end of the year', () => {
    const nodes = plan(['2023-03~2023-05', null], ['2023', null]);
    expect(assessProgress(nodes, [], '2023-05-31').status).toBe('not_started');
    expect(assessProgress(nodes, [], '2023-06-01').lag.overdue).toEqual([0]);
    const first = [{ date: '2023-05-20', spentWan: 0, milestonesReached: [0] }];
    expect(assessProgress(nodes, first, '2023-12-31').status).toBe('in_progress');
    expect(assessProgress(nodes, first, '2024-01-01').lag.overdue).toEqual([1]);
  });

  it('已完成 when every node is reached, or when marked complete', () => {
    const all = [
      { date: '2023-02-27', spentWan: 50, milestonesReached: [0] },
      { date: '2023-04-30', spentWan: 200, milestonesReached: [1, 2] },
    ];
    expect(assessProgress(monthly, all, '2023-05-01').status).toBe('completed');
    expect(assessProgress(monthly, [], '2023-12-31', 0.2, true).status).toBe('completed');
    expect(assessProgress([], [], '2023-12-31').status).toBe('not_started');
  });

  it('uses the latest cumulative spending, ignores reports dated after today, and reads no period it cannot', () => {
    const reports = [
      { date: '2023-03-20', spentWan: 80, milestonesReached: [] },
      { date: '2023-02-27', spentWan: 40, milestonesReached: [0] },
      { date: '2023-03-25', spentWan: null, milestonesReached: [] },
      { date: '2023-09-01', spentWan: 999, milestonesReached: [1, 2] },
    ];
    const a = assessProgress([...monthly, { position: 3, period: '全年', amountWan: 500 }], reports, '2023-03-26');
    expect(a.spentToDateWan).toBe(80);
    expect(a.lastReportDate).toBe('2023-03-25');
    expect(a.milestones[0]!.reachedOn).toBe('2023-02-27');
    expect(a.milestones[3]!.range).toBeNull();
    expect(a.status).toBe('in_progress');
  });
});

describe('plannedSchedule', () => {
  it('accumulates the priced nodes in date order', () => {
    expect(plannedSchedule(plan(['2023-Q2', 500], ['2023-Q1', 120], ['2023', null], ['2023-Q3', 1000]))).toEqual([
      { period: '2023-Q1', until: '2023-03-31', amountWan: 120, cumulativeWan: 120 },
      { period: '2023-Q2', until: '2023-06-30', amountWan: 500, cumulativeWan: 620 },
      { period: '2023-Q3', until: '2023-09-30', amountWan: 1000, cumulativeWan: 1620 },
    ]);
  });
});
