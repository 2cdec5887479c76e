/**
 * What a route says about itself for the OpenAPI document (`GET /api/openapi.json`): its auth, the
 * schemas it validates its inputs with (the same zod/mini schemas the route parses with, never a
 * copy), its responses and its error codes. Each route file `routes/<area>.ts` has its
 * descriptions in `routes/<area>.openapi.ts`, listed in `openapi/registry.ts`; a test fails for a
 * registered route without one. Loaded lazily (never on a cold start): see `routes/openapi.ts`.
 */
import type * as z from "zod/mini";

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/**
 * How a route authenticates (product.md §4): `session` the `Authorization: Bearer` session token;
 * `feed` the `token` query of the *arr lists (`FEED_TOKEN`, public when unset); `webhook` the
 * `token` query of the media-server webhooks and library sync (`WEBHOOK_TOKEN`); `arr` the
 * `X-Api-Key` header or `apikey` query of the emulated Radarr/Sonarr APIs.
 */
export type Auth = "none" | "session" | "feed" | "webhook" | "arr";

export interface HeaderDoc {
  description: string;
  required?: boolean;
  schema: { type: "string" | "integer"; minimum?: number };
}

export interface ResponseDoc {
  description: string;
  /** The body's schema (JSON unless `contentType` says otherwise); none for an empty body (204, 304). */
  schema?: z.ZodMiniType;
  contentType?: string;
  headers?: Record<string, HeaderDoc>;
}

/** Error responses of one status: the error model `{detail, code, errors?}` with these codes, or its own body. */
export interface ErrorDoc {
  status: number;
  codes: string[];
  description: string;
  /** A body beyond the error model (e.g. 409 `already_requested` carries the existing request). */
  schema?: z.ZodMiniType;
  /** The response carries `Retry-After` (seconds): always, or when the cause says (an upstream's own). */
  retryAfter?: "always" | "sometimes";
}

export interface BodyContent {
  schema: z.ZodMiniType;
  /** Per-part content types of a multipart body. */
  encoding?: Record<string, { contentType: string }>;
}

export interface RouteDoc {
  method: Method;
  /** The path exactly as registered on the router (`:name` parameters). */
  path: string;
  summary: string;
  description?: string;
  /** Groups routes in the document (`tags`). */
  tag: string;
  auth: Auth;
  /** Path parameters (every one required). */
  params?: z.ZodMiniObject;
  query?: z.ZodMiniObject;
  /** Descriptions of path or query parameters, by name (what the schema cannot say). */
  paramNotes?: Record<string, string>;
  /** Request body by content type; `maxBytes` is the route's cap (413 above it). */
  body?: { content: Record<string, BodyContent>; maxBytes: number; description?: string };
  /** Success (and 304) responses by status. */
  responses: Record<number, ResponseDoc>;
  /** Errors this route itself raises; those of its auth, body, query and store are added by the document. */
  errors?: ErrorDoc[];
  /** Reads or writes the store (so may answer 503 `store_unavailable`). Default true. */
  store?: boolean;
  /** Errors in the `/list/*` shape (Radarr's `errors[]`) instead of field errors. */
  listErrors?: boolean;
}

/** A JSON request body of at most `maxBytes`. */
export const jsonBody = (schema: z.ZodMiniType, maxBytes: number, description?: string): RouteDoc["body"] => ({
  content: { "application/json": { schema } },
  maxBytes,
  ...(description ? { description } : {}),
});

export const RETRY_AFTER: HeaderDoc = { description: "Seconds to wait before trying again", schema: { type: "integer", minimum: 1 } };
export const ETAG: HeaderDoc = { description: "Entity tag of the body; send it back in If-None-Match", schema: { type: "string" } };
export const CACHE_CONTROL: HeaderDoc = { description: "Caching rules for this body", schema: { type: "string" } };

/** 304 Not Modified for a conditional GET whose `If-None-Match` matches the current ETag. */
export const NOT_MODIFIED: ResponseDoc = {
  description: "Not modified: the `If-None-Match` ETag is current (no body)",
  headers: { etag: ETAG, "cache-control": CACHE_CONTROL },
};

/** The per-name API rate limit (`API_RATE_LIMIT_PER_MINUTE`). */
export const API_RATE_LIMITED: ErrorDoc = {
  status: 429,
  codes: ["rate_limited"],
  description: "Too many calls from this name in the last minute",
  retryAfter: "always",
};

/** The catalogue (TMDB) failed or did not answer in time. */
export const UPSTREAM_ERRORS: ErrorDoc[] = [
  { status: 502, codes: ["upstream_error"], description: "The catalogue service failed", retryAfter: "sometimes" },
  { status: 504, codes: ["upstream_timeout"], description: "The catalogue did not answer in time", retryAfter: "sometimes" },
];
