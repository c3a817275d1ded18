import { z } from 'zod';
import { candidateInputSchema, candidateUnitsSchema, contactSchema, milestoneSchema } from '../candidate.ts';
import { previewGridSchema } from '../import/grid.ts';
import { countSchema } from './common.ts';

// Answers of server/candidates/routes.ts. Money in 万元.

/** A 推进计划 node as stored; target, percent, track and kind only when the source named them. */
export const storedMilestoneSchema = z.strictObject({
  period: z.string(),
  amountWan: z.number().nullable(),
  text: z.string(),
  target: z.number().optional(),
  percent: z.number().optional(),
  /** The parallel sub-plan the node belongs to; absent: the whole plan. */
  track: z.string().optional(),
  /** Absent: a step; else a recurring duty's occurrence or a yearly target (shared/candidate.ts). */
  kind: milestoneSchema.shape.kind,
});

/** What a candidate project states, and a tracked project made from it keeps (shared/responses/projects.ts). */
export const projectDescriptionFields = {
  id: z.string(),
  seq: z.number().int(),
  name: z.string(),
  category: z.string().nullable(),
  budgetWan: z.number().nullable(),
  summary: z.string(),
  annualTask: z.string(),
  units: candidateUnitsSchema,
  countyLeader: z.string(),
  responsibleLeader: z.string(),
  leaderInCharge: z.string(),
  remarks: z.string(),
};

/** A candidate project (候选项目) of a meeting, everything the secretariat imported. */
export const candidateSchema = z.strictObject({
  ...projectDescriptionFields,
  contacts: z.array(contactSchema),
  milestones: z.array(storedMilestoneSchema),
});
export type Candidate = z.infer<typeof candidateSchema>;

/**
 * GET /api/meetings/:meetingId/candidates, in 序号 order, and the ids an opened ballot lists (`inUse`: no longer
 * editable, candidate_in_use).
 */
export const candidateListReplySchema = z.strictObject({ candidates: z.array(candidateSchema), inUse: z.array(z.string()) });

/**
 * POST …/candidates/import: with ?dryRun=true (200) the parsed table, each entry's row in the file and, for a
 * file, the grid as read; else the meeting's candidates now (201).
 */
export const candidateImportReplySchema = z.union([
  z.strictObject({ dryRun: z.literal(true), candidates: z.array(candidateInputSchema), rows: z.array(countSchema), table: previewGridSchema.optional() }),
  z.strictObject({ imported: countSchema, candidates: z.array(candidateSchema) }),
]);
export type CandidateImportReply = z.infer<typeof candidateImportReplySchema>;

/** PATCH /api/candidates/:id: how many fields changed, and the candidate as it is now. */
export const candidateEditedSchema = z.strictObject({ changed: countSchema, candidate: candidateSchema });
