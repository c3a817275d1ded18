import { errorBodySchema, type FieldIssue, type ImportProblem } from '../../shared/errors.ts';

// The console's HTTP client: same-origin JSON with the session cookie. A refusal comes back as the server's
// error body (stable code, message, and the field issues or import problems), so forms can put each message
// next to its field; no answer at all is code 'network'.

export interface ApiError {
  status: number;
  code: string;
  message: string;
  issues: FieldIssue[];
  problems: ImportProblem[];
}

export type ApiResult<T> = { ok: true; status: number; body: T } | { ok: false; error: ApiError };

/**
 * One request. Every POST and PATCH goes out as application/json, with `{}` when there is nothing to say: the
 * server refuses any other type on a state-changing route (its CSRF guard, server/net/request-guards.ts).
 */
export async function api<T>(method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown): Promise<ApiResult<T>> {
  let res: Response;
  const sends = method !== 'GET';
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: sends ? { 'content-type': 'application/json' } : {},
      ...(sends ? { body: JSON.stringify(body ?? {}) } : {}),
    });
  } catch (err) {
    return { ok: false, error: { status: 0, code: 'network', message: err instanceof Error ? err.message : String(err), issues: [], problems: [] } };
  }
  let json: unknown = null;
  try {
    json = await res.json();
  } catch {
    // an empty or non-JSON body: judged by the status alone
  }
  if (res.ok) return { ok: true, status: res.status, body: json as T };
  const parsed = errorBodySchema.safeParse(json);
  if (!parsed.success) return { ok: false, error: { status: res.status, code: 'internal', message: `HTTP ${res.status}`, issues: [], problems: [] } };
  const e = parsed.data.error;
  return { ok: false, error: { status: res.status, code: e.code, message: e.message, issues: e.issues ?? [], problems: e.problems ?? [] } };
}

export const get = <T>(path: string) => api<T>('GET', path);
export const post = <T>(path: string, body: unknown = {}) => api<T>('POST', path, body);

/** Saves a text as a download named `filename` (the record JSON, the results CSV). */
export function download(filename: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
