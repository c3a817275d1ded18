import { z } from 'zod';
import { countSchema, dateSchema, msSchema } from './common.ts';
import { approvalSchema } from './trust.ts';

// Answers of server/meetings/routes.ts; attendance also rides the socket (shared/ws.ts).

export const meetingSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  date: dateSchema,
  year: z.number().int(),
  /**
   * Who can open the meeting's sealed papers (DESIGN §5): 'scrutineer' once the scrutineer key is set, 'server'
   * for a training meeting (the server escrows its ballot keys; every screen says so).
   */
  keyEscrow: z.enum(['scrutineer', 'server']).optional(),
  /** The chief scrutineer's public key (standard base64), when one is set; GET /api/meetings/:id only. */
  scrutineerPublicKey: z.string().nullable().optional(),
  /** IANA zone this meeting's times are printed in (the detail gives it; lists do not). */
  timeZone: z.string().optional(),
});
export type Meeting = z.infer<typeof meetingSchema>;

/** 应到 (seated) / 实到 (present) / 法定人数 (quorum) of a meeting, by delegation (server/attendance/store.ts). */
export const meetingAttendanceSchema = z.strictObject({
  seated: countSchema,
  present: countSchema,
  quorum: z.strictObject({ required: countSchema, met: z.boolean() }),
  byDelegation: z.array(z.strictObject({ id: z.string(), name: z.string(), seated: countSchema, present: countSchema })),
});
export type MeetingAttendance = z.infer<typeof meetingAttendanceSchema>;

/** POST /api/meetings (201). */
export const meetingCreatedSchema = z.strictObject({ meeting: meetingSchema });
/** GET /api/meetings, newest first. */
export const meetingListSchema = z.strictObject({ meetings: z.array(meetingSchema) });
/** GET /api/meetings/:meetingId. */
export const meetingDetailSchema = z.strictObject({ meeting: meetingSchema, attendance: meetingAttendanceSchema });
export type MeetingDetail = z.infer<typeof meetingDetailSchema>;

/** A check-in as stored: when, and whether the deputy was already in (then nothing changed). */
export const checkInResultSchema = z.strictObject({ at: msSchema, already: z.boolean() });
/** POST /api/meetings/:meetingId/check-ins (手动补签到): 201, or 200 when already in. */
export const manualCheckInReplySchema = z.union([
  z.strictObject({ checkIn: checkInResultSchema, attendance: meetingAttendanceSchema }),
  /** 202: after the session opened, the check-in waits for a scrutineer (DESIGN §7). */
  z.strictObject({ pending: approvalSchema, attendance: meetingAttendanceSchema }),
]);
