import type { z } from 'zod';
import { errorBodySchema, type FieldIssue, type ImportProblem } from '../../shared/errors.ts';

// The console's HTTP client: same-origin JSON with the session cookie. A refusal comes back as the server's
// error body (stable code, message, and the field issues or import problems), so forms can put each message
// next to its field; no answer at all is code 'network'. An answer is read through its route's schema
// (shared/responses/): the types come from there, and an answer outside it is code 'bad_response'.

export interface ApiError {
  status: number;
  code: string;
  message: string;
  issues: FieldIssue[];
  problems: ImportProblem[];
  /** With import_problems: the file as the server read it (shared/import/grid.ts PreviewGrid). */
  table?: unknown;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type ApiResult<T> = { ok: true; status: number; body: T } | { ok: false; error: ApiError };

/** A file sent as it is: its bytes as the body, its media type as content-type. */
export interface RawBody {
  raw: ArrayBuffer;
  type: string;
}
const isRaw = (b: unknown): b is RawBody => typeof b === 'object' && b !== null && (b as RawBody).raw instanceof ArrayBuffer;

/**
 * One request. Every POST, PUT, PATCH and DELETE goes out as application/json, with `{}` when there is nothing to say
 * (the server's CSRF guard, server/net/request-guards.ts) — except a file sent as it is (RawBody) to an import.
 * The answer is read with `schema` (the route's in shared/responses/); without a schema the answer's body is
 * not read into a type (actions whose answer the screen does not use).
 */
export async function api<S extends z.ZodType>(method: Method, path: string, body: unknown, schema: S): Promise<ApiResult<z.output<S>>>;
export async function api(method: Method, path: string, body?: unknown): Promise<ApiResult<unknown>>;
export async function api(method: Method, path: string, body?: unknown, schema?: z.ZodType): Promise<ApiResult<unknown>> {
  let res: Response;
  const sends = method !== 'GET';
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: sends ? { 'content-type': isRaw(body) ? body.type : 'application/json' } : {},
      ...(sends ? { body: isRaw(body) ? body.raw : JSON.stringify(body ?? {}) } : {}),
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
  if (res.ok) {
    if (!schema) return { ok: true, status: res.status, body: json };
    const read = schema.safeParse(json);
    if (read.success) return { ok: true, status: res.status, body: read.data };
    const issues = read.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    return { ok: false, error: { status: res.status, code: 'bad_response', message: `${method} ${path}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues: [], problems: [] } };
  }
  const parsed = errorBodySchema.safeParse(json);
  if (!parsed.success) return { ok: false, error: { status: res.status, code: 'internal', message: `HTTP ${res.status}`, issues: [], problems: [] } };
  const e = parsed.data.error;
  return { ok: false, error: { status: res.status, code: e.code, message: e.message, issues: e.issues ?? [], problems: e.problems ?? [], ...(e.table !== undefined ? { table: e.table } : {}) } };
}

/** GETs `path`, read with the route's schema. */
export const get = <S extends z.ZodType>(path: string, schema: S) => api('GET', path, undefined, schema);

/** POSTs `body`; with the route's schema the answer is read into its type. */
export function post<S extends z.ZodType>(path: string, body: unknown, schema: S): Promise<ApiResult<z.output<S>>>;
export function post(path: string, body?: unknown): Promise<ApiResult<unknown>>;
export function post(path: string, body: unknown = {}, schema?: z.ZodType): Promise<ApiResult<unknown>> {
  return schema ? api('POST', path, body, schema) : api('POST', path, body);
}

/** DELETEs `path`; with the route's schema the answer is read into its type. */
export function del<S extends z.ZodType>(path: string, schema: S): Promise<ApiResult<z.output<S>>>;
export function del(path: string): Promise<ApiResult<unknown>>;
export function del(path: string, schema?: z.ZodType): Promise<ApiResult<unknown>> {
  return schema ? api('DELETE', path, {}, schema) : api('DELETE', path);
}

/** PUTs `body`; with the route's schema the answer is read into its type. */
export function put<S extends z.ZodType>(path: string, body: unknown, schema: S): Promise<ApiResult<z.output<S>>>;
export function put(path: string, body?: unknown): Promise<ApiResult<unknown>>;
export function put(path: string, body: unknown = {}, schema?: z.ZodType): Promise<ApiResult<unknown>> {
  return schema ? api('PUT', path, body, schema) : api('PUT', path, body);
}

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

/** The file name a Content-Disposition header gives (filename* in UTF-8 first, then filename); null when none. */
export function dispositionName(header: string | null): string | null {
  if (!header) return null;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      // a malformed escape: fall back to the plain name
    }
  }
  return /filename="([^"]+)"/i.exec(header)?.[1] ?? null;
}

/**
 * Downloads a file the server makes (.docx, .xlsx, CSV), named as the server names it, else `fallback`. A
 * refusal comes back as the server's error (its message, for the console to show), never as a saved error page.
 */
export async function downloadFrom(path: string, fallback: string): Promise<ApiResult<null>> {
  let res: Response;
  try {
    res = await fetch(path, { credentials: 'same-origin' });
  } catch (err) {
    return { ok: false, error: { status: 0, code: 'network', message: err instanceof Error ? err.message : String(err), issues: [], problems: [] } };
  }
  if (!res.ok) {
    const parsed = errorBodySchema.safeParse(await res.json().catch(() => null));
    const e = parsed.success ? parsed.data.error : { code: 'internal', message: `HTTP ${res.status}` };
    return { ok: false, error: { status: res.status, code: e.code, message: e.message, issues: [], problems: [] } };
  }
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = dispositionName(res.headers.get('content-disposition')) ?? fallback;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return { ok: true, status: res.status, body: null };
}
