/** The contract of a task's implementation plan (落实方案) and ledger (台账), and of the ledger spreadsheet. */
import { z } from 'zod';
import { LEDGER_DECISIONS, LEDGER_PLAN_STATUSES } from '../ledger/rules.ts';
import { IsoDate } from './common.ts';

export const LedgerEntryCreateSchema = z
  .object({
    unitId: z.number().int().positive(),
    milestoneId: z.number().int().positive().nullable().default(null),
    action: z.string().trim().min(1, '具体举措不能为空').max(1000, '具体举措不超过 1000 字'),
    owner: z.string().trim().max(50).nullable().default(null),
    startDate: IsoDate.nullable().default(null),
    dueDate: IsoDate.nullable().default(null),
    deliverable: z.string().trim().max(500).nullable().default(null),
  })
  .strict()
  .refine((e) => !e.startDate || !e.dueDate || e.startDate <= e.dueDate, { message: '开始日期不能晚于完成日期', path: ['dueDate'] });
export const LedgerEntryPatchSchema = z
  .object({
    milestoneId: z.number().int().positive().nullable(),
    action: z.string().trim().min(1, '具体举措不能为空').max(1000),
    owner: z.string().trim().max(50).nullable(),
    startDate: IsoDate.nullable(),
    dueDate: IsoDate.nullable(),
    deliverable: z.string().trim().max(500).nullable(),
  })
  .partial()
  .strict();

/** The plan's state; null while nothing was ever submitted. */
export const LedgerPlanSchema = z.object({ status: z.enum(LEDGER_PLAN_STATUSES), submittedAt: z.string().nullable(), reviewedAt: z.string().nullable(), reviewComment: z.string().nullable() });
export type LedgerPlan = z.infer<typeof LedgerPlanSchema>;

/** One action (具体举措) of a unit's ledger on a task. */
export const LedgerEntrySchema = z.object({ id: z.number(), unitId: z.number(), unitName: z.string(), milestoneId: z.number().nullable(), action: z.string(), owner: z.string().nullable(), startDate: z.string().nullable(), dueDate: z.string().nullable(), deliverable: z.string().nullable() });
export type LedgerEntry = z.infer<typeof LedgerEntrySchema>;
/** The fields of an entry its unit writes. */
export type LedgerEntryInput = Omit<LedgerEntry, 'id' | 'unitId' | 'unitName'>;

export const LedgerSchema = z.object({ plan: LedgerPlanSchema.nullable(), entries: z.array(LedgerEntrySchema) });
export type Ledger = z.infer<typeof LedgerSchema>;

export const LedgerReviewSchema = z.object({ decision: z.enum(LEDGER_DECISIONS), comment: z.string().trim().max(2000).nullable().default(null) }).strict();
export type LedgerReview = z.output<typeof LedgerReviewSchema>;

/** `?unit=`: the unit whose ledger the spreadsheet holds; the signed-in user's own when absent. */
export const LedgerSheetQuerySchema = z.object({ unit: z.coerce.number().int().positive().optional() });
export const LedgerImportResultSchema = z.object({ applied: z.number() });
