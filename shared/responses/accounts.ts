import { z } from 'zod';
import { ROLES } from '../api.ts';
import { countSchema, msSchema } from './common.ts';

// Answers of server/auth/routes.ts and server/auth/account-routes.ts.

/** A signed-in staff account, as /api/login and /api/me give it (never the password hash). */
export const accountSchema = z.strictObject({
  id: z.string(),
  username: z.string(),
  role: z.enum(ROLES),
  /** The 责任单位 a 'unit' account reports for; null for every other role. */
  unitName: z.string().nullable(),
  /** A one-time password: the server refuses everything but the password change until it is changed. */
  mustChangePassword: z.boolean(),
});
export type Account = z.infer<typeof accountSchema>;

/** POST /api/login, GET /api/me, POST /api/accounts (201). */
export const accountReplySchema = z.strictObject({ account: accountSchema });
export type AccountReply = z.infer<typeof accountReplySchema>;

/** An account in the admin's list: also when it was made, disabled (null when active), its live sessions. */
export const listedAccountSchema = accountSchema.extend({ createdAt: msSchema, disabledAt: msSchema.nullable(), sessions: countSchema });
export type ListedAccount = z.infer<typeof listedAccountSchema>;

/** GET /api/accounts: every account, oldest first. */
export const accountListSchema = z.strictObject({ accounts: z.array(listedAccountSchema) });

/** GET /api/units: the 责任单位 the candidate tables name, each with the names it nearly duplicates (shared/units.ts). */
export const unitListSchema = z.strictObject({ units: z.array(z.strictObject({ name: z.string(), similar: z.array(z.string()) })) });
export type UnitList = z.infer<typeof unitListSchema>;

/** POST /api/accounts/:accountId/password-reset: the new one-time password, shown once. */
export const passwordResetSchema = z.strictObject({ password: z.string() });

/** POST /api/accounts/:accountId/end-sessions: how many sessions ended. */
export const sessionsEndedSchema = z.strictObject({ ended: countSchema });
