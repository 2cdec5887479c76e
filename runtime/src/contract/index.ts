/**
 * `@stellarr/runtime/contract`: what the other workspaces legitimately share with the runtime —
 * the API's wire types and request schemas, the DynamoDB table design, security headers and CSP,
 * the web manifest and static-file rules, the secret variable list, the version, shared validation
 * rules, trending file names and the feed/webhook URL builders.
 *
 * Everything reachable from here is plain TypeScript with no Node or server dependency (zod/mini
 * only), so the UI type-checks against it (`import type` only: nothing of it lands in the bundle).
 *
 * Each API area's answers (`api/<area>.responses.ts`) are exported before the area (`api/<area>.ts`):
 * the area re-exports the answers' types (`export type`), and of one name exported by two
 * `export *`, TypeScript keeps the first — the schema value, so importers can still use it as one.
 */
export * from "./api/arr.responses.js";
export * from "./api/arr.js";
export * from "./api/auth.responses.js";
export * from "./api/auth.js";
export * from "./api/channels.responses.js";
export * from "./api/channels.js";
export * from "./api/errors.responses.js";
export * from "./api/errors.js";
export * from "./api/feeds.responses.js";
export * from "./api/feeds.js";
export * from "./api/push.responses.js";
export * from "./api/push.js";
export * from "./api/requests.responses.js";
export * from "./api/requests.js";
export * from "./api/search.responses.js";
export * from "./api/search.js";
export * from "./api/sync.responses.js";
export * from "./api/sync.js";
export * from "./api/system.responses.js";
export * from "./api/system.js";
export * from "./api/webhook.responses.js";
export * from "./api/webhook.js";
export * from "./manifest.js";
export * from "./secret-variables.js";
export * from "./security-headers.js";
export * from "./static-rules.js";
export * from "./table.js";
export * from "./trending.js";
export * from "./urls.js";
export * from "./validation.js";
export * from "./version.js";
