import { z } from 'zod';
import { MAX_PHOTOS_PER_REPORT, clientKeySchema, photoUploadSchema } from './projects.ts';

// Bodies of the supervision API (DESIGN §11, 人大督): inspections, deputies' opinions and the units' replies,
// 整改 of a project rated 不满意. Objects are strict, as everywhere in the API.

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `at most ${max} characters`);
const id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'not a valid id');
const date = z.iso.date('a date as YYYY-MM-DD');
const reason = text(500);

/** 视察 (an inspection visit) or 督查 (a supervisory check). */
export const INSPECTION_KINDS = ['inspection', 'supervision'] as const;
export type InspectionKind = (typeof INSPECTION_KINDS)[number];
export const INSPECTION_KIND_LABELS: Record<InspectionKind, string> = { inspection: '视察', supervision: '督查' };

export const inspectionParamsSchema = z.strictObject({ id, inspectionId: id });
export const opinionParamsSchema = z.strictObject({ id, opinionId: id });
export const rectificationParamsSchema = z.strictObject({ id, rectificationId: id });

/** An inspection as the secretariat records it: deputies from the project's meeting roster (at least one). */
export const inspectionBodySchema = z.strictObject({
  date,
  kind: z.enum(INSPECTION_KINDS),
  deputyIds: z
    .array(id)
    .min(1, 'at least one deputy')
    .max(500)
    .refine((a) => new Set(a).size === a.length, 'a deputy is listed twice'),
  findings: text(4000),
  photos: z.array(photoUploadSchema).max(MAX_PHOTOS_PER_REPORT, `at most ${MAX_PHOTOS_PER_REPORT} photos`).default(() => []),
  /** The form's idempotency key: a resend with it records nothing and answers with the first inspection. */
  clientKey: clientKeySchema.optional(),
});
export type InspectionBody = z.infer<typeof inspectionBodySchema>;

/** 更正视察记录: the new date, kind, deputies and findings (photos stay), and why. */
export const editInspectionBodySchema = z.strictObject({
  reason,
  inspection: inspectionBodySchema.omit({ photos: true, clientKey: true }),
});
export type EditInspectionBody = z.infer<typeof editInspectionBodySchema>;

/** 意见建议: a deputy's opinion on a project, typed in by the secretariat; `clientKey` as an inspection's. */
export const opinionBodySchema = z.strictObject({ deputyId: id, date, text: text(4000), clientKey: clientKeySchema.optional() });
export type OpinionBody = z.infer<typeof opinionBodySchema>;

/** 办理答复: the responsible unit's answer. */
export const opinionReplyBodySchema = z.strictObject({ text: text(4000) });

/** The deputy's view of the reply (满意/不满意), as the secretariat records it. */
export const OPINION_VERDICTS = ['satisfied', 'dissatisfied'] as const;
export const opinionVerdictBodySchema = z.strictObject({ verdict: z.enum(OPINION_VERDICTS) });

/** 整改期限, set (or moved, with a reason) by the secretariat. */
export const rectificationDeadlineBodySchema = z.strictObject({ deadline: date, reason: reason.optional() });
/** A follow-up report (整改进展) by a responsible unit; `clientKey` unique per 整改 task, as an inspection's. */
export const rectificationReportBodySchema = z.strictObject({ date, text: text(4000), clientKey: clientKeySchema.optional() });
export type RectificationReportBody = z.infer<typeof rectificationReportBodySchema>;
/** 整改销号: closure by the secretariat, with a note. */
export const rectificationCloseBodySchema = z.strictObject({ date, note: text(2000) });
