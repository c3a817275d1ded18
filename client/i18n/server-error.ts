import { ERROR_CODES, type ErrorCode, type ImportProblem } from '../../shared/errors.ts';
import { issueTextKey, type IssueDetail } from '../../shared/issues.ts';
import { translate, type Locale } from './catalogue.ts';

// The server's refusals in the screen's language, by their stable codes (shared/errors.ts, shared/issues.ts).
// The server's English message is shown only where no code says more (a conflict names its cause in it).

/** One field issue or import problem: its code's text, else the server's message as sent. */
export function issueText(locale: Locale, issue: { message: string } & IssueDetail): string {
  return issue.code ? translate(locale, `server.${issueTextKey(issue.code, issue.params)}`, issue.params) : issue.message;
}

/**
 * An error as the screens hold it: the code ('network' when the server was not reached, 'bad_response' when its
 * answer is outside the route's schema), message, details.
 */
export interface ServerError {
  code: ErrorCode | 'network' | (string & {});
  message: string;
  status?: number;
  issues?: readonly ({ path: string; message: string } & IssueDetail)[];
  problems?: readonly ImportProblem[];
}

/**
 * One line for a refused request: the first coded field issue when there is one (a 400 names its field),
 * else the text of the error's code, else (an unknown code) the server's message.
 */
export function errorText(locale: Locale, error: ServerError): string {
  const first = error.issues?.[0];
  if (first?.code) return issueText(locale, first);
  if (error.code === 'internal' && error.status !== undefined && error.status !== 500) {
    return translate(locale, 'server.error.http', { status: error.status });
  }
  // 'network' (no answer) and 'bad_response' (an answer outside its route's schema) are the screens' own codes.
  const known = error.code === 'network' || error.code === 'bad_response' || (ERROR_CODES as readonly string[]).includes(error.code);
  return known ? translate(locale, `server.error.${error.code as ErrorCode | 'network' | 'bad_response'}`, { message: error.message }) : error.message;
}
