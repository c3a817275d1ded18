import { z } from 'zod';
import { issueDetail, issueDetailShape, type IssueDetail } from './issues.ts';

// Stable error codes. Clients translate them; the English message is for logs and API users.
export const ERROR_CODES = [
  'malformed_json',
  'invalid_input',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'import_problems',
  'no_quorum',
  'ballot_not_open',
  'ballot_not_closed',
  'ballot_state',
  'not_checked_in',
  'already_voted',
  'paper_conflict',
  'sealed_paper_required',
  'bad_envelope',
  'wrong_key',
  'opening_pending',
  'not_on_roster',
  /** The roster (在册, import) cannot change while a ballot of the meeting is open: its electorate is fixed. */
  'roster_locked',
  /** The account must change its one-time password before doing anything else. */
  'password_change_required',
  /** The account is disabled. */
  'account_disabled',
  'pairing_code_invalid',
  /** The deputy already has a paired tablet: a new code needs `replace: true` (the new tablet revokes the old). */
  'already_paired',
  /**
   * A re-pairing or manual check-in after the opening confirmed by a scrutineer account an admin created or reset
   * after the opening: the admin knows its password, so another scrutineer must confirm (DESIGN §7).
   */
  'approver_untrusted',
  /** A candidate that a ballot lists can no longer be edited (the ballot's record names it as it was). */
  'candidate_in_use',
  'rate_limited',
  'payload_too_large',
  /** A socket frame over WS_MAX_MESSAGE_BYTES (shared/ws.ts); the socket is closed (1009) after the error. */
  'message_too_large',
  /** A socket text frame that is not valid UTF-8; the socket is closed (1007) after the error. */
  'malformed_frame',
  'unsupported_media_type',
  /** Paper ballots (DESIGN §10): issuing to a deputy who has voted on a tablet. */
  'paper_deputy_voted',
  /** The deputy holds a paper ballot of this ballot already. */
  'paper_already_issued',
  /** A tablet paper from a deputy who was issued a paper ballot (or of a ballot run on paper): 请使用纸质选票. */
  'paper_ballot_issued',
  /** No printed ballot has this serial. */
  'paper_serial_unknown',
  /** The serial was voided by a reprint. */
  'paper_serial_void',
  /** This clerk has entered this paper already. */
  'paper_entered_already',
  /** Two clerks have entered this paper already: a third entry is refused. */
  'paper_entry_complete',
  /** A scrutineer decides only a paper whose two entries differ, once. */
  'paper_not_disputed',
  /** Papers entered once, or disputed and undecided: the paper count cannot join the tally yet. */
  'paper_count_incomplete',
  /** More paper ballots returned than issued: the count and the announcement are blocked. */
  'paper_over_issued',
  /** Paper ballots were issued and their count has not joined the tally: no announcement yet. */
  'paper_count_pending',
  /** The paper count has joined the tally: no more entries or decisions. */
  'paper_counted',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** One problem of an import: where (row 1 = the header; the column as the table names it), what, and its code. */
export const importProblemSchema = z.strictObject({
  row: z.number().int(),
  column: z.string(),
  message: z.string(),
  ...issueDetailShape,
  /**
   * A problem the user resolves by a choice rather than by editing the file: 'unit' — send the import again with
   * `?unit=元|万元|亿元` (the unit of bare amounts); 'duplicate' — send it again with `?duplicates=skip` (the row
   * is the same person: leave it out) or `?duplicates=keep` (two people: keep both, noted in the audit log).
   */
  choice: z.enum(['unit', 'duplicate']).optional(),
});
export type ImportProblem = z.infer<typeof importProblemSchema>;

/** One field's problem: the dotted path, the English message, and its stable code (shared/issues.ts). */
export const fieldIssueSchema = z.object({ path: z.string(), message: z.string(), ...issueDetailShape });
export type FieldIssue = z.infer<typeof fieldIssueSchema>;

export const errorBodySchema = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    issues: z.array(fieldIssueSchema).optional(),
    problems: z.array(importProblemSchema).optional(),
    /** With import_problems: the file as read (shared/import/grid.ts PreviewGrid), so the preview can mark cells. */
    table: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

/** zod issues as path, message and stable code (shared/issues.ts) — what a 400 carries. */
export function formatIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => withDetail(
    { path: issue.path.length ? issue.path.map(String).join('.') : '(body)', message: issue.message },
    issueDetail(issue),
  ));
}

/** `base` with the detail's code and params added when there are any (no undefined keys in the JSON). */
export function withDetail<T extends object>(base: T, detail: IssueDetail): T & IssueDetail {
  return {
    ...base,
    ...(detail.code ? { code: detail.code } : {}),
    ...(detail.params && Object.keys(detail.params).length ? { params: detail.params } : {}),
  };
}
