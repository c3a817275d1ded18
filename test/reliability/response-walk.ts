import { expect } from 'vitest';
import { z } from 'zod';
import { RESPONSES, type ResponseSpec } from '../../shared/responses/index.ts';
import { openSecretKey } from '../../shared/seal.ts';
import type { TestApp } from '../helpers/app.ts';
import { asSent, rememberSealing } from '../helpers/sealed.ts';
import { fillUrl, routeKey } from './routes.ts';

// The walk of test/reliability/responses.test.ts: calls a route with its params filled, expects a 2xx, checks the
// answer against the route's schema in shared/responses/ and counts it, so the test can tell which routes the
// session reached.

export const PNG_1PX = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
export interface CallOptions {
  params?: Record<string, string>;
  query?: string;
  body?: unknown;
  file?: { type: string; text: string };
  headers?: Record<string, string>;
}

/** Each issue as 'path: message'; a union's issues as those of each branch it tried. */
function describeIssues(issues: readonly z.core.$ZodIssue[], at: PropertyKey[] = []): string[] {
  return issues.flatMap((i) => {
    const path = [...at, ...i.path];
    if (i.code === 'invalid_union' && i.errors.length > 0) return i.errors.flatMap((branch, n) => describeIssues(branch, path).map((m) => `[branch ${n}] ${m}`));
    return [`${path.join('.')}: ${i.message}${i.code === 'unrecognized_keys' ? ` (${i.keys.join(', ')})` : ''}`];
  });
}

/**
 * The paths of the fields in `sent` that `read` (what a schema made of it) lacks: the fields a part of the schema
 * that is not strict (z.object) stripped instead of refusing. Objects and arrays are compared where both sides
 * have them; a value a schema transforms into another kind is not looked into.
 */
export function strippedFields(sent: unknown, read: unknown, at = ''): string[] {
  if (Array.isArray(sent) && Array.isArray(read)) return sent.flatMap((v, i) => strippedFields(v, read[i], `${at}[${i}]`));
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObject(sent) || !isObject(read)) return [];
  return Object.keys(sent).flatMap((k) => (k in read ? strippedFields(sent[k], read[k], at ? `${at}.${k}` : k) : [at ? `${at}.${k}` : k]));
}

/** A session's walker over `t`: `headers` are the default caller's (the admin's cookie once signed in). */
export class ResponseWalk {
  /** Route key → how many answers were checked. */
  readonly checked = new Map<string, number>();
  headers: Record<string, string> = {};
  /** The scrutineer's key pair (the console prints the secret half on the recovery sheet). */
  scrutineerKey: { publicKey: string; secretKey: string } = { publicKey: '', secretKey: '' };

  constructor(readonly t: TestApp) {}

  /** Expects `res` to answer within `key`'s schema (or its content type), and counts it. */
  check(key: string, res: { statusCode: number; body: string; headers: Record<string, unknown> }): void {
    const spec = (RESPONSES as Record<string, ResponseSpec>)[key];
    expect(spec, `${key} has no response schema in shared/responses/index.ts`).toBeDefined();
    const type = String(res.headers['content-type'] ?? '');
    const schema = spec instanceof z.ZodType ? spec : spec!.json;
    if (schema && type.startsWith('application/json')) {
      const body: unknown = JSON.parse(res.body);
      const parsed = schema.safeParse(body);
      expect(parsed.success ? [] : describeIssues(parsed.error.issues), `${key} answered outside its schema`).toEqual([]);
      // A part of a schema that is not strict (z.object) strips a field it does not name instead of refusing it:
      // what the schema reads must be the whole answer, so a field a presenter adds is caught wherever it is.
      expect(parsed.success ? strippedFields(body, parsed.data) : [], `${key} answered fields its schema does not name`).toEqual([]);
    } else {
      expect(type, `${key}: not the content type its schema names`).toMatch(spec instanceof z.ZodType ? /^application\/json/ : spec!.contentType);
    }
    this.checked.set(key, (this.checked.get(key) ?? 0) + 1);
  }

  /** Calls `template` with its params filled, expects a 2xx, checks the answer against the route's schema; the JSON body, else the text. */
  async call(method: Method, template: string, opts: CallOptions = {}): Promise<any> {
    const url = fillUrl(template, (p) => opts.params?.[p] ?? '') + (opts.query ?? '');
    // Test tablets seal their papers as the real tablet does (test/helpers/sealed.ts).
    if (template === '/api/deputy/ballots/:id/papers') opts = { ...opts, body: asSent(opts.params!.id!, opts.body as Record<string, unknown>) };
    const headers = { ...(opts.headers ?? this.headers), ...(opts.file ? { 'content-type': opts.file.type } : {}) };
    const payload = opts.file ? { payload: opts.file.text } : opts.body !== undefined ? { payload: opts.body as object } : method === 'GET' ? {} : { payload: {} };
    const res = await this.t.app.inject({ method, url, headers, ...payload });
    expect(res.statusCode, `${method} ${url} → ${res.body.slice(0, 300)}`).toBeGreaterThanOrEqual(200);
    expect(res.statusCode, `${method} ${url} → ${res.body.slice(0, 300)}`).toBeLessThan(300);
    this.check(routeKey({ method, url: template }), res);
    const json = res.headers['content-type']?.toString().startsWith('application/json');
    if (json) {
      const ballot = (JSON.parse(res.body) as { ballot?: { id?: string; sealing?: { publicKey: string; plaintextLength: number } | null } }).ballot;
      if (ballot?.id) rememberSealing(ballot.id, ballot.sealing);
    }
    return json ? JSON.parse(res.body) : res.body;
  }

  /** Signs `username` in; the cookie header. */
  async signIn(username: string, password: string): Promise<Record<string, string>> {
    const res = await this.t.app.inject({ method: 'POST', url: '/api/login', payload: { username, password } });
    this.check('POST /api/login', res);
    return { cookie: String(res.headers['set-cookie']).split(';')[0]! };
  }

  /** A secret ballot over `body`'s candidates, opened, voted by `papers` (one marks object per tablet), closed. */
  async votedBallot(meetingId: string, tokens: string[], body: Record<string, unknown>, papers: Record<string, string>[]): Promise<string> {
    const created = await this.call('POST', '/api/meetings/:meetingId/ballots', { params: { meetingId }, body: { title: '票决', ...body } });
    const id: string = created.ballot.id;
    await this.call('POST', '/api/ballots/:id/open', { params: { id } });
    for (const [i, marks] of papers.entries()) {
      await this.call('POST', '/api/deputy/ballots/:id/papers', { params: { id }, body: { key: `paper-${i}-${id}`.padEnd(20, 'x'), marks }, headers: { authorization: `Bearer ${tokens[i]}` } });
    }
    await this.close(id);
    return id;
  }

  /** Closes a ballot; a sealed one is then opened with the scrutineer's recovery sheet (DESIGN §5). */
  async close(id: string): Promise<any> {
    const closed = await this.call('POST', '/api/ballots/:id/close', { params: { id } });
    if (!closed.ballot.openingPending) return closed;
    expect(closed.ballot.status).toBe('closed');
    const sealed = await this.call('GET', '/api/ballots/:id/sealed-key', { params: { id } });
    return this.call('POST', '/api/ballots/:id/unseal', { params: { id }, body: { secretKey: openSecretKey(sealed.sealedSecretKey, this.scrutineerKey) } });
  }
}
