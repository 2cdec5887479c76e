/**
 * Builds the OpenAPI 3.1 document from the route descriptions: every schema is converted from the
 * route's own zod/mini schema (zod's JSON Schema generator, draft 2020-12: requests as the route
 * accepts them, responses as it sends them), and the errors each route can answer are added from
 * its auth, body, query and store use. Pure and deterministic: one document per build.
 */
import * as z from "zod/mini";
import { FieldError, ListErrorEntry } from "../../contract/api/errors.responses.js";
import { VERSION } from "../../contract/version.js";
import type { Auth, ErrorDoc, HeaderDoc, ResponseDoc, RouteDoc } from "./describe.js";
import { RETRY_AFTER } from "./describe.js";

type Json = Record<string, unknown>;

/** A schema that gets its own entry in `components/schemas` (and any JSON Schema its refinements need). */
export interface NamedSchema {
  schema: z.ZodMiniType;
  id: string;
  /** JSON Schema keywords for a rule zod cannot export (a refinement), merged into the generated schema. */
  extra?: Json;
}

const SECURITY_SCHEMES = {
  session: {
    type: "http",
    scheme: "bearer",
    description: "The session token from `POST /api/auth/verify` (signed, expires; product.md §3)",
  },
  feedToken: {
    type: "apiKey",
    in: "query",
    name: "token",
    description: "`FEED_TOKEN` (the *arr lists are public when it is unset)",
  },
  webhookToken: {
    type: "apiKey",
    in: "query",
    name: "token",
    description: "`WEBHOOK_TOKEN` (the webhooks and library sync answer 403 `webhook_disabled` when it is unset)",
  },
  arrApiKey: {
    type: "apiKey",
    in: "header",
    name: "X-Api-Key",
    description: "The emulated Radarr/Sonarr API key: `FEED_TOKEN` (any key passes when it is unset)",
  },
  arrApiKeyQuery: {
    type: "apiKey",
    in: "query",
    name: "apikey",
    description: "The emulated Radarr/Sonarr API key as a query parameter: `FEED_TOKEN` (any key passes when it is unset)",
  },
} as const;

const SECURITY: Record<Auth, Json[]> = {
  none: [],
  session: [{ session: [] }],
  // An empty requirement: the lists are public when FEED_TOKEN is unset.
  feed: [{ feedToken: [] }, {}],
  webhook: [{ webhookToken: [] }],
  // The instance lists are public like the feeds when FEED_TOKEN is unset.
  arr: [{ arrApiKey: [] }, { arrApiKeyQuery: [] }, {}],
};

/** The errors of each auth rule (http/session.ts, routes/feeds.ts, http/webhook-token.ts, routes/arr.ts). */
const AUTH_ERRORS: Record<Auth, ErrorDoc[]> = {
  none: [],
  session: [
    { status: 401, codes: ["unauthorized", "invalid_token", "token_expired"], description: "No, an invalid or an expired session token" },
  ],
  feed: [{ status: 401, codes: ["unauthorized", "invalid_token"], description: "FEED_TOKEN is set and the token is missing or wrong" }],
  webhook: [
    { status: 401, codes: ["unauthorized", "invalid_token"], description: "The token is missing or wrong" },
    { status: 403, codes: ["webhook_disabled"], description: "WEBHOOK_TOKEN is not set on this server" },
  ],
  arr: [{ status: 401, codes: ["unauthorized", "invalid_api_key"], description: "FEED_TOKEN is set and the API key is missing or wrong" }],
};

const BODY_ERRORS: ErrorDoc[] = [
  { status: 400, codes: ["invalid_json", "bad_request"], description: "The body is not valid JSON, or was not delivered in full" },
  { status: 413, codes: ["payload_too_large"], description: "The body is larger than the route accepts" },
  { status: 415, codes: ["unsupported_media_type"], description: "The Content-Type is not one the route accepts" },
  { status: 422, codes: ["validation_failed"], description: "The input does not match the schema (`errors` names each field)" },
];
const INPUT_ERRORS: ErrorDoc[] = [BODY_ERRORS[3]!];
const STORE_ERROR: ErrorDoc = {
  status: 503,
  codes: ["store_unavailable"],
  description: "Storage is temporarily unavailable",
  retryAfter: "always",
};
const INTERNAL_ERROR: ErrorDoc = {
  status: 500,
  codes: ["internal_error"],
  description: "An unexpected error (logged; the body says no more)",
};

const STATUS_TEXT: Record<number, string> = {
  200: "OK",
  201: "Created",
  204: "No content",
  304: "Not modified",
};

export function buildOpenApiDocument(routes: readonly RouteDoc[], named: readonly NamedSchema[]): Json {
  const registry = z.registry<{ id: string; [key: string]: unknown }>();
  for (const n of [{ schema: FieldError, id: "FieldError" }, { schema: ListErrorEntry, id: "RadarrError" }, ...named]) {
    registry.add(n.schema, { ...("extra" in n ? n.extra : {}), id: n.id });
  }
  const components: Record<string, Json> = {};
  const convert = (schema: z.ZodMiniType, io: "input" | "output"): Json =>
    hoistDefs(
      z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "throw", metadata: registry, reused: "inline" }) as Json,
      components,
    );

  const paths: Record<string, Record<string, Json>> = {};
  const tags = new Set<string>();
  for (const route of routes) {
    const path = route.path.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, "{$1}");
    tags.add(route.tag);
    (paths[path] ??= {})[route.method.toLowerCase()] = operation(route, convert);
  }

  return {
    openapi: "3.1.0",
    info: {
      title: "Stellarr API",
      version: VERSION,
      description:
        "Request movies and TV shows; feed Radarr and Sonarr; hear from Plex, Jellyfin and Emby. " +
        "Every error body is `{detail, code, errors?}` (the `/list/*` routes carry Radarr's `errors[]` instead). " +
        "Generated from the schemas the server validates with.",
    },
    tags: [...tags].map((name) => ({ name })),
    paths,
    components: { schemas: sortKeys(components), securitySchemes: SECURITY_SCHEMES },
  };
}

function operation(route: RouteDoc, convert: (s: z.ZodMiniType, io: "input" | "output") => Json): Json {
  const op: Json = {
    operationId: operationId(route),
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    tags: [route.tag],
    security: SECURITY[route.auth],
  };
  const parameters = [...parametersOf(route.params, "path", convert), ...parametersOf(route.query, "query", convert)].map((p) =>
    route.paramNotes?.[p.name as string] ? { ...p, description: route.paramNotes[p.name as string] } : p,
  );
  if (parameters.length > 0) op.parameters = parameters;
  if (route.body) {
    const content: Json = {};
    for (const [type, c] of Object.entries(route.body.content)) {
      content[type] = { schema: convert(c.schema, "input"), ...(c.encoding ? { encoding: c.encoding } : {}) };
    }
    op.requestBody = {
      required: true,
      description: route.body.description ?? `At most ${route.body.maxBytes} bytes`,
      content,
    };
  }

  const responses: Json = {};
  for (const [status, r] of Object.entries(route.responses)) responses[status] = responseObject(r, convert);
  const errors = [
    ...(route.errors ?? []),
    ...AUTH_ERRORS[route.auth],
    ...(route.body ? BODY_ERRORS : route.params || route.query ? INPUT_ERRORS : []),
    ...(route.store === false ? [] : [STORE_ERROR]),
    INTERNAL_ERROR,
  ];
  for (const [status, group] of groupByStatus(errors)) {
    responses[status] = errorResponse(status, group, route.listErrors === true && status < 500, convert);
  }
  op.responses = responses;
  return op;
}

function operationId(route: RouteDoc): string {
  const words = route.path.split(/[^A-Za-z0-9]+/).filter(Boolean);
  return route.method.toLowerCase() + words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join("");
}

function parametersOf(
  schema: z.ZodMiniObject | undefined,
  location: "path" | "query",
  convert: (s: z.ZodMiniType, io: "input") => Json,
): Json[] {
  if (!schema) return [];
  const json = convert(schema, "input");
  const properties = (json.properties ?? {}) as Record<string, Json>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: location,
      required: location === "path" || required.has(name),
      ...(typeof description === "string" ? { description } : {}),
      schema: rest,
    };
  });
}

function responseObject(r: ResponseDoc, convert: (s: z.ZodMiniType, io: "output") => Json): Json {
  return {
    description: r.description,
    ...(r.headers ? { headers: headersObject(r.headers) } : {}),
    ...(r.schema ? { content: { [r.contentType ?? "application/json"]: { schema: convert(r.schema, "output") } } } : {}),
  };
}

function headersObject(headers: Record<string, HeaderDoc>): Json {
  return Object.fromEntries(
    Object.entries(headers).map(([name, h]) => [name, { description: h.description, required: h.required ?? false, schema: h.schema }]),
  );
}

function groupByStatus(errors: ErrorDoc[]): Map<number, ErrorDoc[]> {
  const groups = new Map<number, ErrorDoc[]>();
  for (const e of errors) groups.set(e.status, [...(groups.get(e.status) ?? []), e]);
  return new Map([...groups].sort(([a], [b]) => a - b));
}

/** One status's error body: the error model with exactly these codes (or Radarr's list shape), and any bodies of their own. */
function errorResponse(status: number, group: ErrorDoc[], list: boolean, convert: (s: z.ZodMiniType, io: "output") => Json): Json {
  const codes = [...new Set(group.filter((e) => !e.schema).flatMap((e) => e.codes))];
  const bodies: z.ZodMiniType[] = group.flatMap((e) => (e.schema ? [e.schema] : []));
  if (codes.length > 0) {
    const code = z.enum(codes as [string, ...string[]]);
    bodies.unshift(
      list
        ? z.object({ detail: z.string(), code, errors: z.array(ListErrorEntry) })
        : z.object({ detail: z.string(), code, errors: z.optional(z.array(FieldError)) }),
    );
  }
  const schema = bodies.length === 1 ? bodies[0]! : z.union(bodies as [z.ZodMiniType, z.ZodMiniType, ...z.ZodMiniType[]]);
  const retryAfter = group.find((e) => e.retryAfter)?.retryAfter;
  return {
    description: [...new Set(group.map((e) => e.description))].join("; ") || STATUS_TEXT[status] || "Error",
    ...(retryAfter ? { headers: headersObject({ "retry-after": { ...RETRY_AFTER, required: retryAfter === "always" } }) } : {}),
    content: { "application/json": { schema: convert(schema, "output") } },
  };
}

/**
 * zod writes shared schemas to `$defs` with `#/$defs/<id>` references, which inside an OpenAPI
 * document would resolve against the document root: move them to `components/schemas` and point
 * the references there. A name already taken by a different schema (the same schema seen as input
 * and as output) gets a numbered one.
 */
export function hoistDefs(schema: Json, components: Record<string, Json>): Json {
  const { $defs, $schema: _dialect, ...root } = schema;
  const defs = ($defs ?? {}) as Record<string, Json>;
  const names = new Map<string, string>();
  for (const name of Object.keys(defs)) names.set(name, name);
  const rewrite = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rewrite);
    if (value === null || typeof value !== "object") return value;
    const out: Json = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === "$ref") {
        const m = typeof v === "string" ? /^#\/\$defs\/(.+)$/.exec(v) : null;
        if (!m || !names.has(m[1]!)) throw new Error(`unexpected $ref ${String(v)} in a generated schema`);
        out[k] = `#/components/schemas/${names.get(m[1]!)}`;
      } else out[k] = rewrite(v);
    }
    return out;
  };
  // Settle the names first (a def's own refs are rewritten with the final names).
  for (const name of Object.keys(defs)) {
    let target = name;
    for (let n = 2; components[target] !== undefined && !sameJson(components[target], rewrite(defs[name])); n++) {
      target = `${name}${n}`;
      names.set(name, target);
    }
  }
  for (const [name, def] of Object.entries(defs)) components[names.get(name)!] ??= rewrite(def) as Json;
  return rewrite(root) as Json;
}

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

const sortKeys = <T>(o: Record<string, T>): Record<string, T> =>
  Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
