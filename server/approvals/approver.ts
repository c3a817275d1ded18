import type { Executor } from '../db/database.ts';
import { errors } from '../errors.ts';

/** What lets an admin know a scrutineer's password: the account made, or its password reset, by an admin. */
const HANDED_OVER = ['account.created', 'account.password_reset'] as const;

/**
 * Throws 409 `approver_untrusted` when the scrutineer `username`'s account was created, or its password reset, at
 * or after `openedAt` (ms; the meeting's first ballot opened): an admin chose that password, so confirming as this
 * account after the opening would be the first person again, not a second one (DESIGN §7, issue 12: re-pairings
 * and manual check-ins after the opening need a second person). The scrutineer's own password change is no bar;
 * another scrutineer, whose account predates the opening, can confirm.
 */
export async function requireTrustedApprover(db: Executor, username: string, openedAt: number): Promise<void> {
  const events = await db.selectFrom('audit_event').select(['action', 'detail', 'at']).where('action', 'in', HANDED_OVER).where('at', '>=', openedAt).execute();
  const handedOver = events.find((e) => {
    try {
      return (JSON.parse(e.detail) as { username?: unknown }).username === username;
    } catch {
      return false;
    }
  });
  if (handedOver) {
    const what = handedOver.action === 'account.created' ? 'was created' : 'had its password reset';
    throw errors.state('approver_untrusted', `the account ${username} ${what} after voting began: another scrutineer must confirm`);
  }
}
