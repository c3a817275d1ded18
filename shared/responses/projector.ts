import { z } from 'zod';
import { DISPLAY_SHOWS } from '../ws.ts';
import { msSchema } from './common.ts';

// Answers of server/projector/routes.ts: display tokens for the hall's projectors.

/** POST /api/meetings/:meetingId/display-tokens (201): the projector's token, shown once. */
export const displayTokenSchema = z.strictObject({
  id: z.string(),
  token: z.string(),
  label: z.string(),
  /** When the token stops working (days after the meeting's start). */
  expiresAt: msSchema,
});
export type DisplayToken = z.infer<typeof displayTokenSchema>;

/** GET /api/meetings/:meetingId/display-tokens: the screens made for a meeting, never their tokens. */
export const displayListSchema = z.strictObject({
  displays: z.array(z.strictObject({ id: z.string(), label: z.string(), createdAt: msSchema, revokedAt: msSchema.nullable(), expiresAt: msSchema.nullable() })),
});
export type DisplayList = z.infer<typeof displayListSchema>;

/** GET and POST /api/meetings/:meetingId/projector/show: what the hall screen shows between ballots. */
export const projectorShowSchema = z.strictObject({ show: z.enum(DISPLAY_SHOWS) });
export type ProjectorShow = z.infer<typeof projectorShowSchema>;
