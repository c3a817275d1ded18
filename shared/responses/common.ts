import { z } from 'zod';

// Pieces every response schema uses. Response objects are strict, like the request bodies: a presenter that
// grows a field without its schema fails test/reliability/responses.test.ts instead of reaching a screen
// unannounced.

/** ms since the epoch, the server's clock. */
export const msSchema = z.number().int();
/** A count (people, papers, projects). */
export const countSchema = z.number().int().min(0);
/** 'YYYY-MM-DD', compared as text (shared/rules/progress.ts). */
export const dateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** The answer of an action that has nothing else to say (logout, revoke, edit). */
export const okReplySchema = z.strictObject({ ok: z.literal(true) });
export type OkReply = z.infer<typeof okReplySchema>;

/** GET /healthz. */
export const healthSchema = okReplySchema;
