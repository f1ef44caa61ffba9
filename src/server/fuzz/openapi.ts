/**
 * The fuzz suite's view of the API: every route of the app's registry, with the parameters and
 * body schema the OpenAPI document gives it. Routes hidden from the document (file downloads,
 * exports, the document itself) are still fuzzed, with their path parameters read from the route.
 */

/** The part of JSON Schema the generator reads; anything else is ignored. */
export interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  nullable?: boolean;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  format?: string;
  default?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
}

export interface ParamSpec {
  name: string;
  required: boolean;
  schema: JsonSchema;
}

export interface Operation {
  method: string;
  /** The route as Fastify knows it: `/api/tasks/:id/units/:unitId`. */
  route: string;
  /** Its policy action, from the route registry. */
  action: string;
  pathParams: ParamSpec[];
  query: ParamSpec[];
  /** The JSON body schema, or null when the route declares no JSON body (uploads, commands). */
  body: JsonSchema | null;
  /** False for routes the document hides; they are fuzzed from the route alone. */
  inDocument: boolean;
}

interface OpenApiParameter {
  in: string;
  name: string;
  required?: boolean;
  schema?: JsonSchema;
}

interface OpenApiOperation {
  parameters?: OpenApiParameter[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}

/** The OpenAPI 3 document as served by @fastify/swagger at /api/docs/json. */
export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
}

/** `/api/tasks/:id/units/:unitId` → `/api/tasks/{id}/units/{unitId}`, as the document names paths. */
export const documentPathOf = (route: string): string => route.replace(/:(\w+)/g, '{$1}');

/** The names of a route's path parameters, in order. */
export const pathParamNames = (route: string): string[] => [...route.matchAll(/:(\w+)/g)].map((m) => m[1]!);

/**
 * One operation per registry entry (method + route), described by the document where it lists the
 * route. Throws when the document names an operation the registry does not know, so the two cannot
 * silently drift apart.
 */
export function operationsOf(
  doc: OpenApiDocument,
  registry: readonly { method: string; url: string; action: string }[],
  knownBodies: Record<string, JsonSchema> = {},
): Operation[] {
  const known = new Set(registry.map((r) => `${r.method} ${documentPathOf(r.url)}`));
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const method of Object.keys(ops)) {
      if (!known.has(`${method.toUpperCase()} ${path}`)) throw new Error(`OpenAPI lists ${method.toUpperCase()} ${path}, which no registered route serves`);
    }
  }
  return registry.map((r) => {
    const op = doc.paths[documentPathOf(r.url)]?.[r.method.toLowerCase()];
    const params = op?.parameters ?? [];
    const declared = new Map(params.filter((p) => p.in === 'path').map((p) => [p.name, p]));
    const pathParams = pathParamNames(r.url).map((name) => ({ name, required: true, schema: declared.get(name)?.schema ?? {} }));
    const query = params.filter((p) => p.in === 'query').map((p) => ({ name: p.name, required: p.required === true, schema: p.schema ?? {} }));
    const json = op?.requestBody?.content?.['application/json'];
    const documented = json?.schema && Object.keys(json.schema).length ? json.schema : undefined;
    const body = documented ?? knownBodies[`${r.method} ${r.url}`] ?? (json ? {} : null);
    return { method: r.method, route: r.url, action: r.action, pathParams, query, body, inDocument: op !== undefined };
  });
}
