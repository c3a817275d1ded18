import type { FastifyInstance } from 'fastify';
import { createAccountBodySchema, emptyBodySchema, loginBodySchema } from '../../shared/api.ts';
import { appendAudit } from '../audit/store.ts';
import { AppError, errors } from '../errors.ts';
import { sha256 } from '../ids.ts';
import { actorOf, SESSION_COOKIE } from '../plugins/auth.ts';
import { parse } from '../validate.ts';
import { Backoff, waitText, type BackoffPolicy } from './backoff.ts';
import { generatePassword, hashPassword, verifyPassword } from './passwords.ts';
import { createAccount, createSession, SESSION_TTL_MS } from './store.ts';

/** Sign-in back-off per address: a laptop with five typos waits 1 s, then 2 s, 4 s … at most 15 minutes. */
export const LOGIN_BY_ADDRESS: BackoffPolicy = { free: 5, baseMs: 1000, maxMs: 15 * 60_000, forgetMs: 3600_000 };
/**
 * Per account, from every address together: ten failures free, then waits doubling to at most one minute — so
 * a guesser spread over many addresses gets about sixty tries an hour, and `admin` is never locked out.
 */
export const LOGIN_BY_ACCOUNT: BackoffPolicy = { free: 10, baseMs: 1000, maxMs: 60_000, forgetMs: 3600_000 };

export default async function authRoutes(app: FastifyInstance, opts: { secureCookies: boolean }) {
  const byUser = new Backoff(LOGIN_BY_ACCOUNT, app.now);
  const byIp = new Backoff(LOGIN_BY_ADDRESS, app.now);
  // An unknown username is checked against this, so it costs the same scrypt work as a wrong password: the
  // answer's timing does not tell which usernames exist.
  const decoy = await hashPassword(generatePassword(24));

  app.post('/api/login', async (req, reply) => {
    const body = parse(loginBodySchema, req.body);
    const wait = Math.max(byUser.waitMs(body.username), byIp.waitMs(req.ip));
    if (wait > 0) throw errors.rateLimited(waitText(wait));
    // Counted as a failure before the (slow) check and forgiven on success: guesses sent all at once are
    // counted as they arrive, so a burst gets exactly as many tries as one at a time.
    byUser.fail(body.username);
    byIp.fail(req.ip);
    const account = await app.db.selectFrom('account').selectAll().where('username', '=', body.username).executeTakeFirst();
    const ok = await verifyPassword(body.password, account?.password_hash ?? decoy);
    if (!account || !ok) throw errors.unauthenticated('wrong username or password');
    if (account.disabled_at !== null) throw new AppError(403, 'account_disabled', 'this account is disabled');
    byUser.clear(body.username);
    byIp.forgive(req.ip);
    const token = await createSession(app.db, account.id, app.now());
    reply.setCookie(SESSION_COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'strict',
      secure: opts.secureCookies,
      maxAge: SESSION_TTL_MS / 1000,
    });
    return { account: { id: account.id, username: account.username, role: account.role, unitName: account.unit_name, mustChangePassword: account.must_change_password === 1 } };
  });

  app.post('/api/logout', async (req, reply) => {
    parse(emptyBodySchema, req.body ?? {});
    const token = req.cookies[SESSION_COOKIE];
    if (token) {
      await app.db.deleteFrom('session').where('token_hash', '=', sha256(token)).execute();
    }
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  app.get('/api/me', { preHandler: app.requireStaff('admin', 'operator', 'scrutineer', 'unit') }, async (req) => ({
    account: req.staff,
  }));

  app.post('/api/accounts', { preHandler: app.requireStaff('admin') }, async (req, reply) => {
    const body = parse(createAccountBodySchema, req.body);
    const taken = await app.db.selectFrom('account').select('id').where('username', '=', body.username).executeTakeFirst();
    if (taken) throw errors.conflict(`username "${body.username}" is taken`);
    const account = await app.db.transaction().execute(async (trx) => {
      const created = await createAccount(trx, body, app.now());
      await appendAudit(trx, { actor: actorOf(req), action: 'account.created', detail: { username: body.username, role: body.role, unitName: body.unitName ?? null, mustChangePassword: body.mustChangePassword ?? false } }, app.now());
      return created;
    });
    reply.code(201);
    return { account };
  });

}
