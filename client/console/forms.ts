import { fieldErrors, type ApiError } from './api.ts';

/** The server's refusal as field → message in the console's language (what is not a field goes under ''). */
export function serverErrors(error: ApiError, fields: readonly string[], localize: (message: string) => string): Record<string, string> {
  return Object.fromEntries(Object.entries(fieldErrors(error, fields)).map(([k, v]) => [k, localize(v)]));
}

/** A whole number from a text box: undefined when empty, NaN when not a whole number. */
export function intOrEmpty(text: string): number | undefined {
  const s = text.trim();
  if (s === '') return undefined;
  return /^-?\d+$/.test(s) ? Number(s) : Number.NaN;
}
