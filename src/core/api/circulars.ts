/** The contract of circulars (通报): drafts written from a closed round's snapshot, their text blocks and issue. */
import { z } from 'zod';
import { CIRCULAR_BLOCK_KEYS, CIRCULAR_BLOCK_LABELS, type CircularBlocks } from '../circulars/types.ts';
import { RoundSnapshotSchema } from './rounds.ts';

/** A circular (通报) is a draft until issued; once issued its files are archived. */
export const CIRCULAR_STATUSES = ['draft', 'issued'] as const;
export type CircularStatus = (typeof CIRCULAR_STATUSES)[number];

/** Each prose block of a circular; a block is plain text, paragraphs separated by newlines. */
export const BLOCK_MAX = 5000;

const blockField = (key: keyof CircularBlocks) =>
  z
    .string({ error: `“${CIRCULAR_BLOCK_LABELS[key]}”应为文字` })
    .max(key === 'addressee' ? 500 : BLOCK_MAX, `“${CIRCULAR_BLOCK_LABELS[key]}”不超过 ${key === 'addressee' ? 500 : BLOCK_MAX} 字`)
    .transform((s) => s.replace(/\r\n?/g, '\n'));

export const CircularBlocksSchema = z.object(Object.fromEntries(CIRCULAR_BLOCK_KEYS.map((k) => [k, z.string()])) as Record<keyof CircularBlocks, z.ZodString>);

/**
 * 发文字号 as the standard writes it: the year in 六角括号 〔〕. Users type [2021], 【2021】 or
 * （2021）; those are mended rather than refused.
 */
export function normalizeDocNumber(s: string): string {
  return s.replace(/[[【(（〔]\s*(\d{4})\s*[\]】)）〕]/g, '〔$1〕');
}

export const CircularPatchSchema = z
  .object({
    title: z.string().trim().min(1, '标题不能为空').max(200, '标题不超过 200 字'),
    docNumber: z.string().trim().max(50, '文号不超过 50 字').transform((s) => (s ? normalizeDocNumber(s) : null)).nullable(),
    issuer: z.string().trim().min(1, '发文机关不能为空').max(100, '发文机关不超过 100 字'),
    blocks: z.object(Object.fromEntries(CIRCULAR_BLOCK_KEYS.map((k) => [k, blockField(k)])) as Record<keyof CircularBlocks, ReturnType<typeof blockField>>).partial().strict(),
  })
  .partial()
  .strict();
export type CircularPatch = z.infer<typeof CircularPatchSchema>;
/** A draft's change as a client sends it. */
export type CircularUpdate = z.input<typeof CircularPatchSchema>;

export const CircularSummarySchema = z.object({
  id: z.number(),
  roundId: z.number(),
  roundTitle: z.string(),
  title: z.string(),
  docNumber: z.string().nullable(),
  issuer: z.string(),
  status: z.enum(CIRCULAR_STATUSES),
  issuedAt: z.string().nullable(),
  updatedAt: z.string(),
});
export type CircularSummary = z.infer<typeof CircularSummarySchema>;

export const CircularSchema = CircularSummarySchema.extend({ blocks: CircularBlocksSchema, snapshot: RoundSnapshotSchema });
export type Circular = z.infer<typeof CircularSchema>;

export const CircularListSchema = z.object({ data: z.array(CircularSummarySchema) });
