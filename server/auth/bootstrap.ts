import type { Db } from '../db/database.ts';
import { appendAudit } from '../audit/store.ts';
import { generatePassword } from './passwords.ts';
import { createAccount } from './store.ts';

/**
 * On the very first start there is no account: create "admin" with the password from PIAOJUE_ADMIN_PASSWORD,
 * or a generated one that is printed once (and never stored in clear).
 */
export async function ensureAdmin(
  db: Db,
  password: string | undefined,
  now: number,
  print: (line: string) => void,
): Promise<void> {
  const chosen = password ?? generatePassword();
  // Checked inside the transaction: two server processes starting at once on PostgreSQL make one admin.
  const made = await db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('account').select('id').limit(1).executeTakeFirst();
    if (existing) return false;
    // A generated password is one-time: it must be changed at first sign-in. One the operator chose
    // (PIAOJUE_ADMIN_PASSWORD) is theirs already.
    await createAccount(trx, { username: 'admin', password: chosen, role: 'admin', mustChangePassword: password === undefined }, now);
    await appendAudit(trx, { actor: 'system', action: 'account.created', detail: { username: 'admin', role: 'admin' } }, now);
    return true;
  });
  if (!made) return;
  if (password === undefined) {
    print(`初始管理员账号 admin，一次性密码 / first admin account "admin", one-time password: ${chosen}`);
    print('请登录后立即创建个人账号 / sign in and create personal accounts; this password is not shown again.');
  } else {
    print('admin account created with the password from PIAOJUE_ADMIN_PASSWORD');
  }
}
