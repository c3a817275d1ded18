import type { StaffRole } from '../../shared/api.ts';
import type { Account } from '../../shared/responses/accounts.ts';
import type { Executor } from '../db/database.ts';
import { newId, newSecret, sha256 } from '../ids.ts';
import { hashPassword } from './passwords.ts';

export const SESSION_TTL_MS = 12 * 3600 * 1000;

/**
 * Creates a staff account. `mustChangePassword`: the password is a one-time one (generated, or handed over by
 * the admin) and every route but POST /api/password refuses the account until it is changed. Answers the
 * account as POST /api/accounts gives it (shared/responses/accounts.ts).
 */
export async function createAccount(
  db: Executor,
  input: { username: string; password: string; role: StaffRole; unitName?: string | undefined; mustChangePassword?: boolean | undefined },
  now: number,
): Promise<Account> {
  const id = newId('a');
  const unitName = input.unitName ?? null;
  await db
    .insertInto('account')
    .values({
      id,
      username: input.username,
      role: input.role,
      unit_name: unitName,
      password_hash: await hashPassword(input.password),
      created_at: now,
      must_change_password: input.mustChangePassword ? 1 : 0,
    })
    .execute();
  return { id, username: input.username, role: input.role, unitName, mustChangePassword: input.mustChangePassword ?? false };
}

export async function createSession(db: Executor, accountId: string, now: number): Promise<string> {
  const token = newSecret();
  await db.deleteFrom('session').where('expires_at', '<', now).execute();
  await db
    .insertInto('session')
    .values({ token_hash: sha256(token), account_id: accountId, created_at: now, expires_at: now + SESSION_TTL_MS })
    .execute();
  return token;
}

export async function findSession(db: Executor, token: string, now: number) {
  return db
    .selectFrom('session')
    .innerJoin('account', 'account.id', 'session.account_id')
    .select(['account.id', 'account.username', 'account.role', 'account.unit_name as unitName', 'account.must_change_password as mustChange'])
    .where('session.token_hash', '=', sha256(token))
    .where('session.expires_at', '>', now)
    .where('account.disabled_at', 'is', null)
    .executeTakeFirst();
}

export async function findDevice(db: Executor, token: string) {
  return db
    .selectFrom('device')
    .innerJoin('deputy', 'deputy.id', 'device.deputy_id')
    .select(['device.id as deviceId', 'deputy.id as deputyId', 'deputy.meeting_id as meetingId'])
    .where('device.token_hash', '=', sha256(token))
    .where('device.revoked_at', 'is', null)
    .where('deputy.seated', '=', 1)
    .executeTakeFirst();
}
