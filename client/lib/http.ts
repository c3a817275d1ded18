import { errorBodySchema } from '../../shared/errors.ts';

export type HttpResult<T> = { ok: true; status: number; body: T } | { ok: false; status: number; code: string; message: string };

/**
 * POSTs JSON and reads the answer. A refusal comes back as the server's stable error code (shared/errors.ts);
 * no answer at all as code 'network'.
 */
export async function postJson<T>(path: string, body: unknown, opts: { token?: string; fetch?: typeof fetch } = {}): Promise<HttpResult<T>> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  let res: Response;
  try {
    res = await (opts.fetch ?? globalThis.fetch)(path, { method: 'POST', headers, body: JSON.stringify(body) });
  } catch (err) {
    return { ok: false, status: 0, code: 'network', message: err instanceof Error ? err.message : String(err) };
  }
  let json: unknown = null;
  try {
    json = await res.json();
  } catch {
    // an empty or non-JSON body: judged by the status alone
  }
  if (res.ok) return { ok: true, status: res.status, body: json as T };
  const error = errorBodySchema.safeParse(json);
  return error.success
    ? { ok: false, status: res.status, code: error.data.error.code, message: error.data.error.message }
    : { ok: false, status: res.status, code: 'internal', message: `HTTP ${res.status}` };
}
