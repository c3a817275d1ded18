import type { FastifyInstance } from 'fastify';
import { accountEditBodySchema, accountParamsSchema, changePasswordBodySchema, emptyBodySchema } from '../../shared/api.ts';
import { unitsWithNearDuplicates } from '../../shared/units.ts';
import { appendAudit } from '../audit/store.ts';
import { errors } from '../errors.ts';
import { sha256 } from '../ids.ts';
import { actorOf, SESSION_COOKIE } from '../plugins/auth.ts';
import { parse } from '../validate.ts';
import { generatePassword, hashPassword, verifyPassword } from './passwords.ts';

/**
 * Accounts from the console (issue 13): the admin lists, disables, resets and signs out accounts; every staff user
 * changes their own password (which clears a one-time password's must-change flag). Every change is audited.
 */
export default async function accountRoutes(app: FastifyInstance) {
  const admin = { preHandler: app.requireStaff('admin') };

  app.get('/api/accounts', admin, async () => {
    const rows = await app.db
      .selectFrom('account')
      .leftJoin('session', (j) => j.onRef('session.account_id', '=', 'account.id').on('session.expires_at', '>', app.now()))
      .select((eb) => [
        'account.id',
        'account.username',
        'account.role',
        'account.unit_name as unitName',
        'account.created_at as createdAt',
        'account.disabled_at as disabledAt',
        'account.must_change_password as mustChange',
        eb.fn.count<number>('session.token_hash').as('sessions'),
      ])
      .groupBy('account.id')
      .orderBy('account.created_at')
      .execute();
    return { accounts: rows.map(({ mustChange, ...r }) => ({ ...r, sessions: Number(r.sessions), mustChangePassword: mustChange === 1 })) };
  });

  /** The 责任单位 the candidate tables name (all meetings), each with the names it nearly duplicates. */
  app.get('/api/units', admin, async () => {
    const rows = await app.db.selectFrom('candidate').select(['units_lead', 'units_cooperate', 'units_implement']).execute();
    const names = rows.flatMap((r) => [r.units_lead, r.units_cooperate, r.units_implement].flatMap((j) => JSON.parse(j) as string[]));
    return { units: unitsWithNearDuplicates(names) };
  });

  const target = async (req: { params: unknown }) => {
    const { accountId } = parse(accountParamsSchema, req.params);
    const account = await app.db.selectFrom('account').select(['id', 'username']).where('id', '=', accountId).executeTakeFirst();
    if (!account) throw errors.notFound('account');
    return account;
  };

  app.patch('/api/accounts/:accountId', admin, async (req) => {
    const account = await target(req);
    const { disabled } = parse(accountEditBodySchema, req.body);
    if (disabled && account.id === req.staff!.id) throw errors.conflict('you cannot disable your own account');
    await app.db.transaction().execute(async (trx) => {
      await trx.updateTable('account').set({ disabled_at: disabled ? app.now() : null }).where('id', '=', account.id).execute();
      if (disabled) await trx.deleteFrom('session').where('account_id', '=', account.id).execute();
      await appendAudit(trx, { actor: actorOf(req), action: disabled ? 'account.disabled' : 'account.enabled', detail: { username: account.username } }, app.now());
    });
    return { ok: true };
  });

  /** A new one-time password, shown once in the answer; the holder must change it; their sessions end. */
  app.post('/api/accounts/:accountId/password-reset', admin, async (req) => {
    const account = await target(req);
    parse(emptyBodySchema, req.body ?? {});
    const password = generatePassword();
    const hash = await hashPassword(password);
    await app.db.transaction().execute(async (trx) => {
      await trx.updateTable('account').set({ password_hash: hash, must_change_password: 1 }).where('id', '=', account.id).execute();
      await trx.deleteFrom('session').where('account_id', '=', account.id).execute();
      await appendAudit(trx, { actor: actorOf(req), action: 'account.password_reset', detail: { username: account.username } }, app.now());
    });
    return { password };
  });

  app.post('/api/accounts/:accountId/end-sessions', admin, async (req) => {
    parse(emptyBodySchema, req.body ?? {});
    const account = await target(req);
    const ended = await app.db.transaction().execute(async (trx) => {
      const res = await trx.deleteFrom('session').where('account_id', '=', account.id).executeTakeFirst();
      await appendAudit(trx, { actor: actorOf(req), action: 'account.sessions_ended', detail: { username: account.username, sessions: Number(res.numDeletedRows) } }, app.now());
      return Number(res.numDeletedRows);
    });
    return { ended };
  });

  /** Own password: the current one must be right; other sessions of the account end, this one stays. */
  app.post('/api/password', { preHandler: app.requireStaff('admin', 'operator', 'scrutineer', 'unit') }, async (req) => {
    const body = parse(changePasswordBodySchema, req.body);
    const me = req.staff!;
    const row = await app.db.selectFrom('account').select('password_hash').where('id', '=', me.id).executeTakeFirstOrThrow();
    if (!(await verifyPassword(body.currentPassword, row.password_hash))) throw errors.badInput('currentPassword', 'the current password is wrong');
    if (body.newPassword === body.currentPassword) throw errors.badInput('newPassword', 'choose a password different from the current one');
    const hash = await hashPassword(body.newPassword);
    const keep = sha256(req.cookies[SESSION_COOKIE] ?? '');
    await app.db.transaction().execute(async (trx) => {
      await trx.updateTable('account').set({ password_hash: hash, must_change_password: 0 }).where('id', '=', me.id).execute();
      await trx.deleteFrom('session').where('account_id', '=', me.id).where('token_hash', '!=', keep).execute();
      await appendAudit(trx, { actor: actorOf(req), action: 'account.password_changed', detail: { username: me.username } }, app.now());
    });
    return { ok: true };
  });
}
