import { z } from 'zod';

// Bodies and queries of the secretariat's review of unit reports, carry-over (续建) and the milestone calendar
// (DESIGN §11, issue 16). Objects are strict, as everywhere in the API.

const id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'not a valid id');
const reason = z.string().trim().min(1, 'must not be empty').max(500, 'at most 500 characters');

/**
 * The secretariat's project settings. `reviewUnitReports` (default on): a report filed by a responsible unit's
 * account (责任单位) waits for the secretariat's approval before it is public (DESIGN §11 "reviewed by the
 * secretariat before they are public"); reports the secretariat types in are approved as filed.
 */
export const projectSettingsSchema = z.strictObject({ reviewUnitReports: z.boolean() });
export type ProjectSettings = z.infer<typeof projectSettingsSchema>;
export const DEFAULT_PROJECT_SETTINGS: ProjectSettings = { reviewUnitReports: true };

/** 退回: why the report goes back to its unit (required). 通过 takes an optional note. */
export const returnReportBodySchema = z.strictObject({ reason });
export const approveReportBodySchema = z.strictObject({ note: z.string().trim().max(500, 'at most 500 characters').optional() });

/** 结转续建: the reason (why it is unfinished) and the date decided (default today). */
export const carryOverBodySchema = z.strictObject({
  reason,
  date: z.iso.date('a date as YYYY-MM-DD').optional(),
});
export type CarryOverBody = z.infer<typeof carryOverBodySchema>;

/** The milestone calendar: the month containing `asOf` (default today) and `months` after it (default 1: next month). */
export const calendarQuerySchema = z.strictObject({
  asOf: z.iso.date('a date as YYYY-MM-DD').optional(),
  months: z
    .string()
    .regex(/^\d{1,2}$/, 'a number of months, 0 to 11')
    .transform(Number)
    .pipe(z.number().int().min(0).max(11, 'at most 11'))
    .default(1),
});

export const reviewParamsSchema = z.strictObject({ id, reportId: id });
