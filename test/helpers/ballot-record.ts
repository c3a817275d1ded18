import type { BallotRules } from '../../shared/record.ts';

// Fixtures for the tests of the counting rules and of the public ballot record (DESIGN §9): the rules a test
// varies, a record built from its parts, and the tally of the two-candidate example those tests share.

/**
 * A selection ballot's rules (赞成/反对/弃权): no cap, no places, no threshold, a blank mark counted as 弃权, ties
 * to a run-off, secret. The plain base the rule tests vary; `over` replaces any field.
 */
export function selectionRules(over: Partial<BallotRules> = {}): BallotRules {
  return {
    options: ['for', 'against', 'abstain'],
    maxApprovals: null,
    seats: null,
    threshold: 'none',
    blank: 'abstain',
    ties: 'runoff',
    secret: true,
    ...over,
  };
}

/** An evaluation ballot's rules (满意/基本满意/不满意, DESIGN §4): selectionRules with the evaluation options, rated against the valid papers. */
export function evaluationRules(over: Partial<BallotRules> = {}): BallotRules {
  return selectionRules({ options: ['satisfied', 'basically_satisfied', 'dissatisfied'], threshold: 'valid-majority', ...over });
}

/** What names a ballot in its record, beside its rules. */
export interface RecordBallotName {
  id: string;
  title: string;
}

/**
 * A version 1 ballot record ("piaojue/ballot-record@1") from its parts, as plain JSON for a schema or the recount
 * to read: the ballot's rules are selectionRules (over `rules`) under its id and title. `tally` is left out when
 * undefined (a record may carry none). The types are loose on purpose: tests also feed it what the schema refuses.
 */
export function ballotRecordV1(parts: {
  ballot: RecordBallotName;
  rules?: Partial<BallotRules>;
  attendance: Record<string, unknown>;
  candidates: Record<string, unknown>[];
  papers: Record<string, unknown>[];
  tally?: unknown;
}): Record<string, unknown> & { ballot: Record<string, unknown>; papers: Record<string, unknown>[] } {
  const { ballot, rules, attendance, candidates, papers, tally } = parts;
  return {
    format: 'piaojue/ballot-record@1',
    ballot: { ...ballot, ...selectionRules(rules) },
    attendance,
    candidates,
    papers,
    ...(tally === undefined ? {} : { tally }),
  };
}

/**
 * The tally of the two-candidate example (c1 and c2, one place, a majority threshold): c1 gets 2 赞成 and is
 * selected first; c2 gets 1 反对 and 1 弃权 and fails. `papers` is how many were returned, valid and invalid.
 */
export function twoCandidateTally(papers: { returned: number; valid: number; invalid: number }) {
  return {
    papers,
    notVoted: 0,
    candidates: [
      { id: 'c1', counts: { for: 2, against: 0, abstain: 0 }, passed: true, rank: 1, selected: true },
      { id: 'c2', counts: { for: 0, against: 1, abstain: 1 }, passed: false, rank: null, selected: false },
    ],
    selected: ['c1'],
    tie: null,
    shortfall: 0,
  };
}

/**
 * The two-candidate example as a version 1 record: one place, a majority of the present (3 of 4 seated), three
 * papers — c1 赞成 with c2 反对, c1 赞成 alone (c2 then 弃权), and one with both 赞成, over the cap of 1 and so
 * invalid. Its tally is twoCandidateTally({ returned: 3, valid: 2, invalid: 1 }); `tally` is recorded with it when given.
 */
export function twoCandidateRecord(tally?: unknown) {
  return ballotRecordV1({
    ballot: { id: 'b1', title: '2023 年民生实事项目票决' },
    rules: { maxApprovals: 1, seats: 1, threshold: 'present-majority' },
    attendance: { seated: 4, present: 3 },
    candidates: [
      { id: 'c1', name: '口袋公园建设项目' },
      { id: 'c2', name: '中医巡回医疗服务项目' },
    ],
    // Not sorted by id: sorting is how we write records, not something a reader needs.
    papers: [
      { id: 'p-2', marks: { c1: 'for', c2: 'against' } },
      { id: 'p-1', marks: { c1: 'for' } },
      { id: 'p-3', marks: { c1: 'for', c2: 'for' } },
    ],
    tally,
  });
}
