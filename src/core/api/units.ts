/** The contract of units (单位): the list, a unit's page, edits, aliases, merges and alias suggestions. */
import { z } from 'zod';
import { ALIAS_REASONS, type AliasSuggestion as CoreAliasSuggestion } from '../units/aliases.ts';
import { listResult, UnitNameRefSchema, type SameType } from './common.ts';
import { UnitTaskSchema } from './tasks.ts';

export const UnitName = z.string().trim().min(2, '单位名称至少 2 个字').max(100, '单位名称过长');

export const UnitSummarySchema = z.object({
  id: z.number(),
  name: z.string(),
  isCollective: z.boolean(),
  parentId: z.number().nullable(),
  aliases: z.array(z.string()),
  leadCount: z.number(),
  responsibleCount: z.number(),
});
export type UnitSummary = z.infer<typeof UnitSummarySchema>;
export const UnitListSchema = listResult(UnitSummarySchema);
export const UnitQuerySchema = z.object({ q: z.string().trim().max(50).optional() });

export const UnitDetailSchema = z.object({
  id: z.number(),
  name: z.string(),
  isCollective: z.boolean(),
  parentId: z.number().nullable(),
  parentName: z.string().nullable(),
  /** Units directly under this one. */
  children: z.array(UnitNameRefSchema),
  aliases: z.array(z.string()),
  tasks: z.array(UnitTaskSchema),
});

export type UnitDetail = z.infer<typeof UnitDetailSchema>;

export const UnitUpdateSchema = z.object({ name: UnitName.optional(), isCollective: z.boolean().optional(), parentId: z.number().int().positive().nullable().optional() }).strict();
export type UnitUpdate = z.input<typeof UnitUpdateSchema>;
export const AliasBodySchema = z.object({ alias: UnitName }).strict();
export const AliasParams = z.object({ id: z.coerce.number().int().positive(), alias: z.string().min(1).max(100) });
export const MergeBodySchema = z.object({ intoUnitId: z.number().int().positive() }).strict();

/** A unit that looks like an alias of another (`core/units/aliases.ts`), for the coordinator to confirm. */
export const AliasSuggestionSchema = z.object({ unitId: z.number(), unitName: z.string(), targetId: z.number(), targetName: z.string(), reason: z.enum(ALIAS_REASONS) });
export type AliasSuggestion = z.infer<typeof AliasSuggestionSchema>;
export const AliasSuggestionListSchema = listResult(AliasSuggestionSchema);

// The suggestion is core's (core/units/aliases.ts); this fails to compile if the schema drifts from it.
const suggestionMatches: SameType<AliasSuggestion, CoreAliasSuggestion> = true;
void suggestionMatches;
