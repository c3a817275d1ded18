import { asSent, rememberSealing, sealingOf, sealReady } from './sealed.ts';

/** A tiny JSON client for a real server: fetch, with a staff cookie or a device token. */
export interface Reply<T = any> {
  status: number;
  body: T;
}

export class Http {
  cookie: string | undefined;
  /** `fetcher`: the global fetch, or one with its own TLS trust and source address (test/helpers/nginx.ts). */
  constructor(
    readonly baseUrl: string,
    private readonly fetcher: typeof fetch = (input, init) => fetch(input, init),
  ) {}

  async login(username: string, password: string): Promise<void> {
    const res = await this.fetcher(`${this.baseUrl}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
    this.cookie = res.headers.getSetCookie()[0]!.split(';')[0];
  }

  async request<T = any>(method: string, path: string, body?: unknown, token?: string): Promise<Reply<T>> {
    // A tablet's paper for a secret ballot goes sealed, as the real tablet sends it (test/helpers/sealed.ts).
    const paperFor = /^\/api\/deputy\/ballots\/([^/?]+)\/papers$/.exec(path)?.[1];
    if (paperFor && token && typeof body === 'object' && body !== null && !Array.isArray(body)) {
      await sealReady();
      if (!sealingOf(paperFor)) {
        const me = await this.request('GET', '/api/deputy/me', undefined, token);
        if (me.body?.openBallot?.ballot?.id === paperFor) rememberSealing(paperFor, me.body.openBallot.ballot.sealing);
      }
      body = asSent(paperFor, body as Record<string, unknown>);
    }
    // A state-changing request is always JSON, {} when there is nothing to say (the server's CSRF guard).
    if (body === undefined && method !== 'GET') body = {};
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.cookie && !token) headers.cookie = this.cookie;
    if (token) headers.authorization = `Bearer ${token}`;
    const res = await this.fetcher(`${this.baseUrl}${path}`, {
      method,
      headers,
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
  }

  get<T = any>(path: string, token?: string) {
    return this.request<T>('GET', path, undefined, token);
  }
  post<T = any>(path: string, body: unknown = {}, token?: string) {
    return this.request<T>('POST', path, body, token);
  }
}
