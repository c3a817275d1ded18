import { expect } from 'vitest';
import { createAccount } from '../../server/auth/store.ts';
import { login, makeApp, type TestApp } from './app.ts';
import { checkInTablets, listenLoopback, meetingWithTablets, type Setup } from './factories.ts';
import { Http } from './http.ts';

// The start of the paper-ballot tests (纸质选票, DESIGN §10): an app listening on loopback with a meeting whose
// tablets are all checked in, the operator's HTTP client, staff accounts made on demand (two clerks, a
// scrutineer), and a refusal check that the database did not change.

export interface PaperHall {
  t: TestApp;
  s: Setup;
  /** http://127.0.0.1:<port>. */
  base: string;
  /** The meeting's operator (the admin), signed in. */
  op: Http;
  /** A fresh staff account of that role, signed in over HTTP. */
  staff: (role: 'operator' | 'scrutineer', name: string) => Promise<Http>;
  /** Expects a refusal with that status and code, and the database byte-for-byte as before; the answer. */
  refused: (call: () => Promise<{ status: number; body: any }>, status: number, code: string) => Promise<{ status: number; body: any }>;
}

/** A listening app with `deputies` paired tablets all checked in (the caller closes `t`). */
export async function paperHall(deputies: number): Promise<PaperHall> {
  const t = await makeApp();
  const s = await meetingWithTablets(t, deputies);
  await checkInTablets(t, s.tokens);
  const base = await listenLoopback(t);
  const op = new Http(base);
  op.cookie = s.cookie.split(';')[0];
  return {
    t,
    s,
    base,
    op,
    async staff(role, name) {
      await createAccount(t.opened.db, { username: name, password: `${name}-password`, role }, Date.now());
      const h = new Http(base);
      h.cookie = await login(t.app, name, `${name}-password`);
      return h;
    },
    async refused(call, status, code) {
      const before = t.checksum();
      const res = await call();
      expect(res.status, JSON.stringify(res.body)).toBe(status);
      expect(res.body.error.code).toBe(code);
      expect(t.checksum()).toBe(before);
      return res;
    },
  };
}
