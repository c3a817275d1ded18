import { z } from 'zod';

// Stable codes for what is wrong with one field or one import cell, so that the screens translate a refusal by
// its code and parameters (client/i18n/*/server.ts), never by reading the English message. The English message
// stays for logs and API users. An issue without a code is shown as its message.

export const ISSUE_CODES = [
  'required',
  'min_chars',
  'max_chars',
  'min_number',
  'max_number',
  'negative',
  'not_a_number',
  'date',
  'year',
  'min_seconds',
  'max_extension',
  'min_candidates',
  'unknown_candidate',
  'listed_twice',
  'seats_over_candidates',
  'not_tied',
  'tie_count',
  'csv_empty',
  'missing_column',
  'seat_twice',
  'date_future',
  'date_before_year',
  'spent_below',
  'spent_above',
  'milestone_twice',
  'photo_type',
  'photo_too_large',
  'no_projects',
  'cell_count',
  'duplicate_choice',
  'duplicate_skipped',
  'duplicate_kept',
  'unit_conflict',
  'unit_implausible',
  /** Issue 16: a completion after the plan's last milestone needs 逾期原因. */
  'completion_late',
  /** Issue 16: a completion with milestones open or a target unmet needs its explanation. */
  'completion_open',
  /** Issue 16: an as-of date after today. */
  'as_of_future',
] as const;
export type IssueCode = (typeof ISSUE_CODES)[number];

/** Values an issue's text is filled with: {name} → value. */
export const issueParamsSchema = z.record(z.string(), z.union([z.string(), z.number()]));
export type IssueParams = z.infer<typeof issueParamsSchema>;

/** The code and parameters one issue or import problem may carry (both optional: old or rare issues have none). */
export const issueDetailShape = {
  code: z.enum(ISSUE_CODES).optional(),
  params: issueParamsSchema.optional(),
};
export interface IssueDetail {
  code?: IssueCode;
  params?: IssueParams;
}

/**
 * Options for a zod `.refine()` whose failure carries a stable code: `schema.refine(ok, coded('year', 'a year such
 * as 2023'))`. Used where the generic reading of a check (`issueDetail`) would lose its meaning (a unit, a rule).
 */
export function coded(code: IssueCode, message: string, params: IssueParams = {}): { message: string; params: { issue: IssueCode } & IssueParams } {
  return { message, params: { ...params, issue: code } };
}

const isIssueCode = (x: unknown): x is IssueCode => typeof x === 'string' && (ISSUE_CODES as readonly string[]).includes(x);

/**
 * The stable code of one zod issue: a refinement's own code (see `coded`), else read from the check that failed
 * (too short, too long, too small, not a number, not a date). Returns {} when nothing fits; the message then speaks.
 */
export function issueDetail(issue: z.core.$ZodIssue): IssueDetail {
  switch (issue.code) {
    case 'custom': {
      const { issue: code, ...params } = (issue.params ?? {}) as Record<string, unknown>;
      if (!isIssueCode(code)) return {};
      const clean = Object.fromEntries(Object.entries(params).filter(([, v]) => typeof v === 'string' || typeof v === 'number')) as IssueParams;
      return { code, params: clean };
    }
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') return min <= 1 ? { code: 'required' } : { code: 'min_chars', params: { min } };
      if (issue.origin === 'number') return min === 0 && issue.inclusive ? { code: 'negative' } : { code: 'min_number', params: { min } };
      return {};
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return { code: 'max_chars', params: { max } };
      if (issue.origin === 'number') return { code: 'max_number', params: { max } };
      return {};
    }
    case 'invalid_type':
      return issue.expected === 'number' ? { code: 'not_a_number' } : {};
    case 'invalid_format':
      return issue.format === 'date' ? { code: 'date' } : {};
    default:
      return {};
  }
}
