// imports: moves to core/api/imports.ts with issue 10's draft work. The plan contract itself lives in
// src/core/api/plans.ts; only the import feature still reads the shared pieces through this file.
export { DeadlineSchema, ErrorSchema, IdParams, IsoDate, PlanLevelSchema, SpanSchema } from '../../core/api/common.ts';
