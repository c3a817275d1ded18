import { z } from 'zod';
import { INSPECTION_KINDS, OPINION_VERDICTS } from '../supervision.ts';
import { countSchema, dateSchema, msSchema } from './common.ts';

// Answers of server/supervision/routes.ts: deputies' supervision of a tracked project (DESIGN §11) as
// server/supervision/presenters.ts shapes it — for staff, and for the public (no deputy names, no opinions'
// text, never who typed what).

/** 整改 status on the day: 待定期限 (no deadline yet), 整改中, 逾期 (open after its deadline), 已销号. */
export const RECTIFICATION_STATUSES = ['no_deadline', 'open', 'overdue', 'closed'] as const;
export type RectificationStatus = (typeof RECTIFICATION_STATUSES)[number];

const inspectionPhotoSchema = z.strictObject({ id: z.string(), filename: z.string(), contentType: z.string(), bytes: countSchema, url: z.string() });

/** An inspection (视察/督查) as the public sees it: how many deputies took part, never who. */
export const publicInspectionSchema = z.strictObject({
  id: z.string(),
  date: dateSchema,
  kind: z.enum(INSPECTION_KINDS),
  kindLabel: z.string(),
  findings: z.string(),
  deputyCount: countSchema,
  photos: z.array(inspectionPhotoSchema),
});
/** …and as staff see it: the deputies by name, who recorded it, whether corrected, withdrawn with the reason. */
export const staffInspectionSchema = publicInspectionSchema.extend({
  deputies: z.array(z.strictObject({ id: z.string(), name: z.string() })),
  by: z.string(),
  corrected: z.boolean(),
  withdrawn: z.strictObject({ at: msSchema, reason: z.string() }).nullable(),
});
export type StaffInspection = z.infer<typeof staffInspectionSchema>;

/** A deputy's opinion (staff only) with its unit's reply and the deputy's verdict on it. */
export const opinionSchema = z.strictObject({
  id: z.string(),
  deputyId: z.string(),
  deputyName: z.string(),
  date: dateSchema,
  text: z.string(),
  status: z.enum(['pending', 'answered']),
  reply: z.strictObject({ text: z.string(), unit: z.string().nullable(), at: msSchema.nullable() }).nullable(),
  verdict: z.enum(OPINION_VERDICTS).nullable(),
});
export type Opinion = z.infer<typeof opinionSchema>;

const rectificationFields = {
  id: z.string(),
  /** The 满意度测评 that opened it (rated 不满意). */
  ballotId: z.string(),
  /** The day it was opened (the announcement of the 不满意 rating). */
  openedOn: dateSchema,
  deadline: dateSchema.nullable(),
  status: z.enum(RECTIFICATION_STATUSES),
  overdue: z.boolean(),
  closedOn: dateSchema.nullable(),
  closingNote: z.string().nullable(),
};
const rectificationReportSchema = z.strictObject({ id: z.string(), date: dateSchema, text: z.string(), unit: z.string().nullable() });
/** A 整改 task as the public sees it (the completion report's 整改 line too). */
export const publicRectificationSchema = z.strictObject({ ...rectificationFields, reports: z.array(rectificationReportSchema) });
/** …and as staff see it: also who filed each follow-up report. */
export const staffRectificationSchema = z.strictObject({ ...rectificationFields, reports: z.array(rectificationReportSchema.extend({ by: z.string() })) });
export type PublicRectification = z.infer<typeof publicRectificationSchema>;
export type StaffRectification = z.infer<typeof staffRectificationSchema>;

const opinionCountsSchema = z.strictObject({ total: countSchema, answered: countSchema });

/** A project's supervision for staff: every inspection (withdrawn ones marked), every opinion, the 整改 tasks. */
export const staffSupervisionSchema = z.strictObject({
  /** The day it is shown as of (统计至; today unless asked). */
  asOf: dateSchema,
  inspections: z.array(staffInspectionSchema),
  opinionCounts: opinionCountsSchema,
  opinions: z.array(opinionSchema),
  rectifications: z.array(staffRectificationSchema),
});
export type StaffSupervision = z.infer<typeof staffSupervisionSchema>;
/** …and for the public: active inspections without names, an opinion count. */
export const publicSupervisionSchema = z.strictObject({
  asOf: dateSchema,
  inspections: z.array(publicInspectionSchema),
  opinionCounts: opinionCountsSchema,
  rectifications: z.array(publicRectificationSchema),
});
export type PublicSupervision = z.infer<typeof publicSupervisionSchema>;

/** GET /api/projects/:id/supervision: the staff view and the deputies who may be named (the project's roster). */
export const supervisionReplySchema = z.strictObject({
  supervision: staffSupervisionSchema,
  roster: z.array(z.strictObject({ id: z.string(), name: z.string() })),
});
/**
 * Every supervision action (edit, withdraw, reply, verdict, deadline, close): the project's supervision after it;
 * the ones that create something (an inspection, an opinion, a 整改 follow-up: 201) also name it, and say
 * `replayed: true` (200, the item first created) when the form's clientKey was filed before.
 */
export const supervisionChangedSchema = z.strictObject({
  supervision: staffSupervisionSchema,
  inspectionId: z.string().optional(),
  opinionId: z.string().optional(),
  reportId: z.string().optional(),
  replayed: z.boolean().optional(),
});
export type SupervisionAnswer = z.infer<typeof supervisionChangedSchema>;
/** GET /api/public/projects/:id/supervision. */
export const publicSupervisionReplySchema = z.strictObject({ supervision: publicSupervisionSchema });
