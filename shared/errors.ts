import { z } from 'zod';

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
  'not_on_roster',
  'pairing_code_invalid',
  'rate_limited',
  'payload_too_large',
  /** A socket frame over WS_MAX_MESSAGE_BYTES (shared/ws.ts); the socket is closed (1009) after the error. */
  'message_too_large',
  /** A socket text frame that is not valid UTF-8; the socket is closed (1007) after the error. */
  'malformed_frame',
  'unsupported_media_type',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const importProblemSchema = z.object({
  row: z.number().int(),
  column: z.string(),
  message: z.string(),
});
export type ImportProblem = z.infer<typeof importProblemSchema>;

export const errorBodySchema = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    problems: z.array(importProblemSchema).optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

/** zod issues as "path: message" — the one readable line a 400 carries. */
export function formatIssues(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((issue) => ({
    path: issue.path.length ? issue.path.map(String).join('.') : '(body)',
    message: issue.message,
  }));
}
