import type { z } from 'zod';
import { formatIssues, withDetail, type ErrorCode, type FieldIssue, type ImportProblem } from '../shared/errors.ts';
import type { IssueDetail } from '../shared/issues.ts';

export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
    readonly extra: { issues?: FieldIssue[]; problems?: ImportProblem[]; table?: unknown } = {},
  ) {
    super(message);
  }
}

// Factories, so that every place raising the same condition says it the same way.
export const errors = {
  invalid(zodError: z.ZodError): AppError {
    const issues = formatIssues(zodError);
    const first = issues[0];
    const message = first ? `${first.path}: ${first.message}` : 'invalid input';
    return new AppError(400, 'invalid_input', message, { issues });
  },
  /** A 400 naming one field; `detail` is the stable code the screens translate (shared/issues.ts). */
  badInput(path: string, message: string, detail: IssueDetail = {}): AppError {
    return new AppError(400, 'invalid_input', `${path}: ${message}`, { issues: [withDetail({ path, message }, detail)] });
  },
  importProblems(problems: ImportProblem[], table?: unknown): AppError {
    const first = problems[0];
    const where = first ? `row ${first.row}, ${first.column}: ${first.message}` : '';
    return new AppError(400, 'import_problems', `the import has ${problems.length} problem(s); ${where}`, {
      problems,
      ...(table !== undefined ? { table } : {}),
    });
  },
  unauthenticated: (message = 'sign in first') => new AppError(401, 'unauthenticated', message),
  forbidden: (message = 'your role does not allow this') => new AppError(403, 'forbidden', message),
  notFound: (what: string) => new AppError(404, 'not_found', `${what} not found`),
  conflict: (message: string) => new AppError(409, 'conflict', message),
  state: (code: ErrorCode, message: string) => new AppError(409, code, message),
  rateLimited: (message = 'too many attempts; wait and try again') => new AppError(429, 'rate_limited', message),
};
