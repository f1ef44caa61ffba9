import { z } from 'zod';
import { DeadlineSchema, UnitRoleSchema } from './common.ts';

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
export const UnitListSchema = z.object({ data: z.array(UnitSummarySchema), total: z.number() });
export const UnitQuerySchema = z.object({ q: z.string().trim().max(50).optional() });

export const UnitDetailSchema = z.object({
  id: z.number(),
  name: z.string(),
  isCollective: z.boolean(),
  parentId: z.number().nullable(),
  parentName: z.string().nullable(),
  children: z.array(z.object({ id: z.number(), name: z.string() })),
  aliases: z.array(z.string()),
  tasks: z.array(
    z.object({
      id: z.number(), planId: z.number(), planNumber: z.string().nullable(), number: z.string(), title: z.string(),
      role: UnitRoleSchema, deadlines: z.array(DeadlineSchema), nextDue: z.string().nullable(),
    }),
  ),
});

export const UnitUpdateSchema = z.object({ name: UnitName.optional(), isCollective: z.boolean().optional(), parentId: z.number().int().positive().nullable().optional() }).strict();
export const AliasBodySchema = z.object({ alias: UnitName }).strict();
export const AliasParams = z.object({ id: z.coerce.number().int().positive(), alias: z.string().min(1).max(100) });
export const MergeBodySchema = z.object({ intoUnitId: z.number().int().positive() }).strict();

export const AliasSuggestionListSchema = z.object({
  data: z.array(z.object({ unitId: z.number(), unitName: z.string(), targetId: z.number(), targetName: z.string(), reason: z.enum(['abbreviation', 'containment', 'suffix']) })),
  total: z.number(),
});
