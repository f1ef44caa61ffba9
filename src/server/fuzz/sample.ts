import type { JsonSchema } from './openapi.ts';

/**
 * Known values of the fuzz world by field name: ids (`unitId`, `planIds` …), a real indicator code,
 * null where the valid choice is none (`parentPlanId`); undefined when the schema decides.
 */
export type IdLookup = (field: string) => number | string | null | undefined;

/** The text of a plain string field in a sample body. */
export const SAMPLE_TEXT = '推进测试fuzz';

const DATE = /\\d\{4\}-\\d\{2\}-\\d\{2\}/;
const MONTH = /\\d\{4\}-\(0\[1-9\]/;

/** The first non-null alternative of a union, else the schema itself. */
function pick(s: JsonSchema): JsonSchema {
  const alts = s.anyOf ?? s.oneOf;
  if (alts?.length) return alts.find((a) => a.type !== 'null') ?? alts[0]!;
  if (s.allOf?.length) return Object.assign({}, ...s.allOf) as JsonSchema;
  return s;
}

/** The JSON type a schema asks for (the first non-null one). */
export function typeOf(schema: JsonSchema): string | undefined {
  const s = pick(schema);
  if (Array.isArray(s.type)) return s.type.find((t) => t !== 'null');
  if (s.type) return s.type;
  if (s.properties) return 'object';
  if (s.items) return 'array';
  if (s.enum?.length) return typeof s.enum[0];
  return undefined;
}

function sampleString(s: JsonSchema, field: string): string {
  if (s.pattern && DATE.test(s.pattern)) return '2021-06-30';
  if (s.pattern && MONTH.test(s.pattern)) return '2021-06';
  if (s.format === 'email' || /mail/i.test(field)) return 'fuzz@example.com';
  if (s.format === 'uri' || /webhook|url/i.test(field)) return 'https://example.com/hook';
  if (s.pattern?.includes('A-Za-z0-9')) return 'fuzz_user';
  if (s.pattern?.includes('\\d')) return '12345';
  const min = s.minLength ?? 0;
  const base = SAMPLE_TEXT;
  const text = base.length >= min ? base : base.padEnd(min, '字');
  return s.maxLength !== undefined ? text.slice(0, Math.max(min, Math.min(text.length, s.maxLength))) : text;
}

function sampleNumber(s: JsonSchema, field: string, integer: boolean): number {
  if (/year/i.test(field) && (s.minimum ?? 0) <= 2026 && (s.maximum ?? 9999) >= 2026) return 2026;
  const lo = s.minimum ?? 1;
  const value = s.maximum !== undefined ? Math.min(Math.max(lo, 1), s.maximum) : Math.max(lo, 1);
  return integer ? Math.ceil(value) : value;
}

/**
 * A value that satisfies `schema` as far as the generator can tell: the base every mutation
 * changes one thing of, so most requests get past the parts they do not aim at. Ids come from
 * the world by field name, so a write reaches a real object.
 */
export function sampleOf(schema: JsonSchema, field: string, ids: IdLookup, depth = 0): unknown {
  const s = pick(schema);
  if (s.default !== undefined && s.default !== null) return s.default;
  const known = typeOf(s) === 'array' || typeOf(s) === 'object' ? undefined : ids(field);
  if (known !== undefined) return known;
  if (s.enum?.length) return s.enum[0];
  switch (typeOf(s)) {
    case 'string':
      return sampleString(s, field);
    case 'integer':
      return sampleNumber(s, field, true);
    case 'number':
      return sampleNumber(s, field, false);
    case 'boolean':
      return false;
    case 'array': {
      if (depth > 6 || !s.items) return [];
      const n = Math.max(s.minItems ?? 0, 1);
      const item = field.endsWith('s') ? field.slice(0, -1) : field;
      return Array.from({ length: Math.min(n, s.maxItems ?? n) }, () => sampleOf(s.items!, item, ids, depth + 1));
    }
    case 'object': {
      const out: Record<string, unknown> = {};
      if (depth > 6) return out;
      for (const [k, v] of Object.entries(s.properties ?? {})) out[k] = sampleOf(v, k, ids, depth + 1);
      return out;
    }
    default:
      return s.nullable ? null : 'fuzz';
  }
}

/**
 * A schema read off a known-good body, for a route whose document schema is empty (`z.unknown()`
 * checked in its service): its shape, for the field mutations, and the value itself as the sample.
 */
export function schemaOfKnownBody(value: unknown): JsonSchema {
  return { ...schemaOfValue(value), default: value };
}

function schemaOfValue(value: unknown): JsonSchema {
  if (Array.isArray(value)) return { type: 'array', ...(value.length ? { items: schemaOfValue(value[0]) } : {}) };
  if (value === null) return { nullable: true };
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    return { type: 'object', properties: Object.fromEntries(entries.map(([k, v]) => [k, schemaOfValue(v)])), required: entries.map(([k]) => k) };
  }
  if (typeof value === 'number') return { type: Number.isInteger(value) ? 'integer' : 'number', minimum: value, maximum: value };
  if (typeof value === 'boolean') return { type: 'boolean' };
  return { type: 'string', enum: [value] };
}
