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
  'date_before_opened',
  'spent_below',
  'spent_above',
  'milestone_twice',
  'photo_type',
  'photo_too_large',
  'no_projects',
  'cell_count',
  /** Issue 15: a data row hidden in the .xlsx (a withdrawn deputy or project kept out of sight): no params. */
  'row_hidden',
  'column_hidden',
  /**
   * A roster row naming a person already named (issue 15). Params: name, delegation, matchedBy
   * ('name_delegation' | 'card_number'), against ('file' | 'roster'), card (the 代表证号 as written, for
   * card_number), otherRow (against 'file'), otherName and otherDelegation (the person matched). The text is
   * chosen by matchedBy and against: see issueTextKey.
   */
  'duplicate_choice',
  'duplicate_skipped',
  'duplicate_kept',
  /** A candidate table's 序号 or 项目名称 given twice: params seq or name, and row (the first). */
  'seq_twice',
  'name_twice',
  /** A 序号 cell that is not a whole number from 1: params written. */
  'not_seq',
  /** A 合计 row whose amount differs from the rows' sum: params declared, sum (万元). */
  'total_mismatch',
  /** An amount cell that cannot be read: params written. */
  'amount_unreadable',
  /** A seat already held by a deputy on the saved roster: params seat. */
  'seat_taken',
  /** Issue 15: a roster name cell holding several names ("王伟 李小红"): params written, parts (joined by 、). */
  'name_several',
  'unit_conflict',
  'unit_implausible',
  /** Issue 16: a completion after the plan's last milestone needs 逾期原因. */
  'completion_late',
  'deputy_not_on_roster',
  /** Issue 16: a completion with milestones open or a target unmet needs its explanation. */
  'completion_open',
  /** Issue 16: an as-of date after today. */
  'as_of_future',
  /** Issue 16: a project is carried over (结转续建) from its year's last month on. */
  'carry_too_early',
] as const;
export type IssueCode = (typeof ISSUE_CODES)[number];

/** The codes whose text depends on what matched and against what (DUPLICATE_MATCHES × DUPLICATE_AGAINST). */
export const DUPLICATE_CODES = ['duplicate_choice', 'duplicate_skipped', 'duplicate_kept'] as const;
export type DuplicateCode = (typeof DUPLICATE_CODES)[number];
/** How two roster rows were found to be one person: same name in the same delegation, or the same 代表证号. */
export const DUPLICATE_MATCHES = ['name_delegation', 'card_number'] as const;
export type DuplicateMatch = (typeof DUPLICATE_MATCHES)[number];
/** Where the other row is: earlier in the same file, or on the saved roster. */
export const DUPLICATE_AGAINST = ['file', 'roster'] as const;
export type DuplicateAgainst = (typeof DUPLICATE_AGAINST)[number];

/** The catalogue key of an issue's text (client/i18n/{zh,en}/server.ts, without the section). */
export type IssueTextKey = `issue.${Exclude<IssueCode, DuplicateCode>}` | `issue.${DuplicateCode}.${DuplicateMatch}.${DuplicateAgainst}`;

const isDuplicateCode = (c: IssueCode): c is DuplicateCode => (DUPLICATE_CODES as readonly string[]).includes(c);

/**
 * The catalogue key that writes `code` with `params` as one whole sentence in each locale: `issue.<code>`, and for
 * a duplicate `issue.<code>.<matchedBy>.<against>` (so no sentence is glued from fragments). A duplicate whose
 * params lack a known matchedBy/against reads as a name match within the file.
 */
export function issueTextKey(code: IssueCode, params: IssueParams = {}): IssueTextKey {
  if (!isDuplicateCode(code)) return `issue.${code}`;
  const by = (DUPLICATE_MATCHES as readonly unknown[]).includes(params['matchedBy']) ? (params['matchedBy'] as DuplicateMatch) : 'name_delegation';
  const against = (DUPLICATE_AGAINST as readonly unknown[]).includes(params['against']) ? (params['against'] as DuplicateAgainst) : 'file';
  return `issue.${code}.${by}.${against}`;
}

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
