import type { Locale } from '../i18n/catalogue.ts';
import { errorText, issueText } from '../i18n/server-error.ts';
import type { ApiError } from './api.ts';

/**
 * The server's refusal as field → message in the console's language, each issue said by its stable code
 * (shared/issues.ts); an issue on no shown field goes under '' with its path, and a refusal without field issues
 * is said by its error code.
 */
export function serverErrors(error: ApiError, fields: readonly string[], locale: Locale): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = fields.find((f) => issue.path === f || issue.path.startsWith(`${f}.`));
    const key = field ?? '';
    if (!(key in out)) out[key] = field ? issueText(locale, issue) : `${issue.path}: ${issueText(locale, issue)}`;
  }
  if (Object.keys(out).length === 0) out[''] = errorText(locale, error);
  return out;
}

/** A whole number from a text box: undefined when empty, NaN when not a whole number. */
export function intOrEmpty(text: string): number | undefined {
  const s = text.trim();
  if (s === '') return undefined;
  return /^-?\d+$/.test(s) ? Number(s) : Number.NaN;
}

/** A copy of `set` with `id` flipped: removed when it was in, added when it was not (a checkbox list's toggle). */
export function toggled<T>(set: ReadonlySet<T>, id: T): Set<T> {
  const next = new Set(set);
  if (next.has(id)) next.delete(id);
  else next.add(id);
  return next;
}
