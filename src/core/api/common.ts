/**
 * The HTTP vocabulary every feature's contract shares: path parameters, dates, source spans, the
 * error body and list results. The server validates and documents with these schemas; the web takes
 * their types (type-only imports), so the two ends cannot drift.
 */
import { z } from 'zod';
import { isIsoDate } from '../calendar/index.ts';
import { PLAN_LEVELS } from '../plans/types.ts';
import { WORK_STATUSES } from '../status/status.ts';
import { UNIT_ROLES } from '../tasks/tasks.ts';

export { UNIT_ROLE_LABELS, UNIT_ROLES } from '../tasks/tasks.ts';
export type { UnitRole } from '../tasks/tasks.ts';

export const IdParams = z.object({ id: z.coerce.number().int().positive() });

// A real calendar day, not only its shape: `2021-02-30` stored as a plan date made the dashboards throw (500).
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD').refine(isIsoDate, '不是有效日期');

/** A character range [start, end) into a plan's source text. */
export const SpanSchema = z.tuple([z.number().int().min(0), z.number().int().min(0)]);
export type Span = z.infer<typeof SpanSchema>;

/** A due date as the document wrote it ("6月底前") and the day it means; null for open-ended phrases. */
export const DeadlineSchema = z.object({ text: z.string().min(1).max(200), date: IsoDate.nullable() });
export type Deadline = z.infer<typeof DeadlineSchema>;

/** A unit named on a task; `asWritten` is the name as the document wrote it, when it is an alias. */
export const UnitRefSchema = z.object({ id: z.number(), name: z.string(), asWritten: z.string() });
export type UnitRef = z.infer<typeof UnitRefSchema>;

export const PlanLevelSchema = z.enum(PLAN_LEVELS);

/** The error body every API failure carries: `{ error: { code, message, details? } }`, message in Chinese. */
export const ErrorSchema = z.object({ error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }) });
export type ErrorBody = z.infer<typeof ErrorSchema>;

/** The error responses of a route, `{ 400: ErrorSchema, 404: ErrorSchema, … }`, for its `response` map. */
export function errorResponses<const C extends readonly number[]>(...codes: C): { [K in C[number]]: typeof ErrorSchema } {
  return Object.fromEntries(codes.map((code) => [code, ErrorSchema])) as { [K in C[number]]: typeof ErrorSchema };
}

/** Media types of the files the API serves. */
export const MIME = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  gzip: 'application/gzip',
  any: 'application/octet-stream',
} as const;

/**
 * A file download's 200 answer, for the OpenAPI document: the media type(s) and a binary body. The
 * routes send a Buffer or a stream, which Fastify passes through without serialising (so the body's
 * type is left open: `any`, documented as a binary string).
 */
export function fileResponse(description: string, ...mimes: (typeof MIME)[keyof typeof MIME][]) {
  return { description, content: Object.fromEntries(mimes.map((m) => [m, { schema: z.any().meta({ type: 'string', format: 'binary' }) }])) };
}

/** A page of a list: `{ data, total }`, so tables plug in directly (STYLE §10). */
export function listResult<T extends z.ZodType>(item: T) {
  return z.object({ data: z.array(item), total: z.number() });
}
export interface ListResult<T> {
  data: T[];
  total: number;
}

export const UnitRoleSchema = z.enum(UNIT_ROLES);

export const WorkStatusSchema = z.enum(WORK_STATUSES);

/** A unit by id and name (the signed-in user's unit, a child unit). */
export const UnitNameRefSchema = z.object({ id: z.number(), name: z.string() });

/** `{ ok: true }`: the answer of a write that returns nothing else. */
export const OkSchema = z.object({ ok: z.literal(true) });

/** Tasks by status; `completionRate` is (done + doneLate) / total, 0 when there is no task, rounded to 4 decimals. */
export const StatusCountsSchema = z.object({
  total: z.number(), notStarted: z.number(), inProgress: z.number(), dueSoon: z.number(), overdue: z.number(), done: z.number(), doneLate: z.number(), completionRate: z.number(),
});
export type StatusCounts = z.infer<typeof StatusCountsSchema>;

/** One row of a refused spreadsheet import (`error.details` of the 400): accounts, ledgers. */
export interface SheetRowError {
  row: number;
  column: string;
  message: string;
}

/**
 * `true` only when A and B are the same type: a schema that restates a type core already defines (a
 * snapshot stored as JSON) is checked against it at compile time, so the two cannot drift apart.
 */
export type SameType<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/** `GET /api/health`: the load balancer's probe. */
export const HealthSchema = z.object({ status: z.literal('ok') });
