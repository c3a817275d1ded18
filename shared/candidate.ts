import { z } from 'zod';
import { boundedList } from './bounded-list.ts';

// A candidate project (候选项目) as the server stores it, whichever format it was imported from.
// Money is in 万元, as the secretariat's table writes it.

const name = z.string().trim().min(1, 'must not be empty').max(200, 'at most 200 characters');
const textField = (max: number) => z.string().trim().max(max, `at most ${max} characters`).default('');
const unitList = z.array(z.string().trim().min(1, 'must not be empty').max(200)).max(100).default(() => []);

/** One 推进计划 node. `period` is kept as written ('2023-02', '2023-Q1', '2023', '2023-03~2023-05', …). */
export const milestoneSchema = z.strictObject({
  period: z.string().trim().min(1, 'must not be empty').max(40, 'at most 40 characters'),
  /** The 投资约X万元 planned for this node; null when the plan names no amount. */
  amountWan: z.number().nonnegative().nullable().default(null),
  text: z.string().trim().max(2000, 'at most 2000 characters'),
  // Structured extras some JSON sources carry (the Qinshui fixture does); a CSV never fills them.
  /** A count the node aims at (200 场, 650 名). */
  target: z.number().nonnegative().optional(),
  /** Share of the year's task done by this node, 0–100. */
  percent: z.number().min(0).max(100).optional(),
  /** The parallel sub-plan (年度工作任务 "1. … 2. …") this node belongs to, by its name; absent: the whole plan. */
  track: z.string().trim().min(1).max(64).optional(),
  /**
   * Absent: a step of the plan. 'recurring': one occurrence of a duty the plan repeats (每月…, 每季度…, 一年两次),
   * one node per occurrence. 'target': a yearly target (年培训规模2000人), due at the end of its period.
   */
  kind: z.enum(['recurring', 'target']).optional(),
});
export type Milestone = z.infer<typeof milestoneSchema>;

export const contactSchema = z.strictObject({
  name: z.string().trim().min(1, 'must not be empty').max(64),
  /** As written; phone numbers in published tables are often masked (182****6981). */
  phone: z.string().trim().max(64).default(''),
});
export type Contact = z.infer<typeof contactSchema>;

export const candidateUnitsSchema = z.strictObject({
  /** 牵头单位 */
  lead: unitList,
  /** 配合单位 */
  cooperate: unitList,
  /** 实施单位 */
  implement: unitList,
});
export type CandidateUnits = z.infer<typeof candidateUnitsSchema>;

export const candidateInputSchema = z.strictObject({
  /** 序号 */
  seq: z.number().int('must be a whole number').min(1, 'must be 1 or more'),
  /** 项目名称 */
  name,
  /** 类别 (教育, 医疗, …) */
  category: z.string().trim().min(1).max(64).nullable().default(null),
  /** 需财政投入资金（初步估算）, 万元; null when the table gives none. */
  budgetWan: z.number().nonnegative('must not be negative').nullable().default(null),
  summary: textField(2000),
  /** 年度工作任务 */
  annualTask: textField(4000),
  /** 推进计划 */
  milestones: z.array(milestoneSchema).max(100).default(() => []),
  units: candidateUnitsSchema.default(() => ({ lead: [], cooperate: [], implement: [] })),
  /** 县级分管领导 */
  countyLeader: textField(200),
  /** 责任领导 */
  responsibleLeader: textField(200),
  /** 分管领导 */
  leaderInCharge: textField(200),
  /** 责任人及联系电话 */
  contacts: z.array(contactSchema).max(50).default(() => []),
  /** 备注 */
  remarks: textField(2000),
});
export type CandidateInput = z.infer<typeof candidateInputSchema>;

export const MAX_CANDIDATES = 500;

export const candidateListSchema = boundedList(candidateInputSchema, MAX_CANDIDATES, 'candidates');

/**
 * The document form, as in the fixture: `{ candidates: [...] }` beside descriptive keys that are accepted and
 * ignored. Any other key is refused, so a misspelt `candidate` does not import nothing silently.
 */
export const candidateDocumentSchema = z.strictObject({
  candidates: candidateListSchema,
  source: z.string().optional(),
  meeting: z.record(z.string(), z.unknown()).optional(),
  facts: z.record(z.string(), z.unknown()).optional(),
  townships: z.array(z.string()).optional(),
});

/** A JSON import: an array of candidates, or the document form. Either way the output is the list. */
export const candidateImportSchema = z
  .union([candidateListSchema, candidateDocumentSchema])
  .transform((v) => (Array.isArray(v) ? v : v.candidates));

/**
 * An edit of a candidate from the 候选项目 screen (issue 13): the fields the screen shows, each optional, at least
 * one. Allowed only while no opened ballot lists the candidate (candidate_in_use after that).
 */
export const candidateEditSchema = z
  .strictObject({
    name: name.optional(),
    category: z.string().trim().min(1).max(64).nullable().optional(),
    budgetWan: z.number().nonnegative('must not be negative').nullable().optional(),
    summary: z.string().trim().max(2000, 'at most 2000 characters').optional(),
    annualTask: z.string().trim().max(4000, 'at most 4000 characters').optional(),
    units: candidateUnitsSchema.optional(),
    remarks: z.string().trim().max(2000, 'at most 2000 characters').optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'nothing to change');
export type CandidateEdit = z.infer<typeof candidateEditSchema>;
