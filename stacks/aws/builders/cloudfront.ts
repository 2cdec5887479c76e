/**
 * CloudFront behaviour table, cache/origin-request policy settings, the SPA routing function and
 * the security headers (product.md §10). Pure data, tested without mocks; `aws/site.ts` turns it
 * into resources.
 */
import { CONTENT_SECURITY_POLICY } from "../../../runtime/src/http/security-headers.js";

export type OriginId = "site" | "trending" | "api";
export type CachePolicyKey = "static" | "trending" | "api" | "feeds" | "disabled";
export type OriginRequestPolicyKey = "api" | "passthrough";

export const ORIGIN_VERIFY_HEADER = "X-Origin-Verify";

/**
 * Timeouts of the API, from the inside out. The runtime gives every outbound call a per-invocation deadline —
 * the Lambda context's remaining time minus a margin — and answers with its own JSON error (with Retry-After)
 * before it passes; the function's timeout (`stellarr:apiTimeoutSeconds`) is therefore always above that
 * deadline. CloudFront must wait for whatever the function returns, including Lambda's own error when the
 * timeout does strike, so its origin response timeout is the function timeout plus this margin (the Function
 * URL's overhead and a cold start's init, which the function timeout does not count). Were it shorter, viewers
 * would get CloudFront's bare 504 instead of our answer.
 */
export const ORIGIN_READ_MARGIN_SECONDS = 5;
/** CloudFront's origin response timeout limit without a service quota increase. */
export const MAX_ORIGIN_READ_TIMEOUT_SECONDS = 60;
/** So the API's timeout is capped: its origin response timeout must fit CloudFront's limit. */
export const MAX_API_TIMEOUT_SECONDS = MAX_ORIGIN_READ_TIMEOUT_SECONDS - ORIGIN_READ_MARGIN_SECONDS;

/** CloudFront's origin response timeout for the API origin, derived from the API function's timeout. */
export function apiOriginReadTimeout(functionTimeoutSeconds: number): number {
  const seconds = functionTimeoutSeconds + ORIGIN_READ_MARGIN_SECONDS;
  if (!Number.isInteger(functionTimeoutSeconds) || functionTimeoutSeconds < 1 || seconds > MAX_ORIGIN_READ_TIMEOUT_SECONDS) {
    throw new Error(`API function timeout ${functionTimeoutSeconds} s must be a whole number from 1 to ${MAX_API_TIMEOUT_SECONDS}`);
  }
  return seconds;
}

/** AWS managed "CachingDisabled" cache policy. */
export const MANAGED_CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad";

const ALL_METHODS = ["GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE"];
const READ_METHODS = ["GET", "HEAD", "OPTIONS"];
const CACHED = ["GET", "HEAD"];

export interface BehaviourSpec {
  pathPattern: string;
  origin: OriginId;
  cachePolicy: CachePolicyKey;
  originRequestPolicy?: OriginRequestPolicyKey;
  allowedMethods: string[];
  cachedMethods: string[];
  /** `https-only` where tokens or credentials travel: a redirect would come after the leak. */
  viewerProtocolPolicy: "https-only" | "redirect-to-https";
  spaRouting?: boolean;
}

/** Ordered behaviours (first match wins), then the default. */
export const BEHAVIOURS: BehaviourSpec[] = [
  {
    pathPattern: "/trending-*.json",
    origin: "trending",
    cachePolicy: "trending",
    allowedMethods: READ_METHODS,
    cachedMethods: CACHED,
    viewerProtocolPolicy: "redirect-to-https",
  },
  {
    pathPattern: "/api/*",
    origin: "api",
    cachePolicy: "api",
    originRequestPolicy: "api",
    allowedMethods: ALL_METHODS,
    cachedMethods: CACHED,
    viewerProtocolPolicy: "https-only",
  },
  {
    pathPattern: "/list/*",
    origin: "api",
    cachePolicy: "feeds",
    originRequestPolicy: "passthrough",
    allowedMethods: READ_METHODS,
    cachedMethods: CACHED,
    viewerProtocolPolicy: "https-only",
  },
  {
    pathPattern: "/webhook/*",
    origin: "api",
    cachePolicy: "disabled",
    originRequestPolicy: "passthrough",
    allowedMethods: ALL_METHODS,
    cachedMethods: CACHED,
    viewerProtocolPolicy: "https-only",
  },
  {
    pathPattern: "/sync/*",
    origin: "api",
    cachePolicy: "disabled",
    originRequestPolicy: "passthrough",
    allowedMethods: ALL_METHODS,
    cachedMethods: CACHED,
    viewerProtocolPolicy: "https-only",
  },
  {
    pathPattern: "/config.json",
    origin: "site",
    cachePolicy: "static",
    allowedMethods: READ_METHODS,
    cachedMethods: CACHED,
    viewerProtocolPolicy: "redirect-to-https",
  },
];
export const DEFAULT_BEHAVIOUR: Omit<BehaviourSpec, "pathPattern"> = {
  origin: "site",
  cachePolicy: "static",
  allowedMethods: READ_METHODS,
  cachedMethods: CACHED,
  viewerProtocolPolicy: "redirect-to-https",
  spaRouting: true,
};

export interface CachePolicySpec {
  comment: string;
  minTtl: number;
  defaultTtl: number;
  maxTtl: number;
  /** Headers in the cache key (and so forwarded). */
  headers: string[];
  queryStrings: "all" | "none";
}

/**
 * Our cache policies. `api` keeps TTLs at 0 but max 1 s, because CloudFront forwards
 * `Authorization` only when it is part of the cache key, and a policy with max TTL 0 may have no
 * key headers. With Authorization in the key nothing is ever shared between users, and the runtime
 * sends `Cache-Control: no-store` on API responses anyway.
 */
export const CACHE_POLICIES: Record<Exclude<CachePolicyKey, "disabled">, CachePolicySpec> = {
  static: {
    comment: "SPA files: honour the object's Cache-Control",
    minTtl: 0,
    defaultTtl: 86_400,
    maxTtl: 31_536_000,
    headers: [],
    queryStrings: "none",
  },
  trending: { comment: "trending-*.json: 1 hour", minTtl: 0, defaultTtl: 3600, maxTtl: 3600, headers: [], queryStrings: "none" },
  api: {
    comment: "API: not cached; Authorization forwarded via the key",
    minTtl: 0,
    defaultTtl: 0,
    maxTtl: 1,
    headers: ["Authorization"],
    queryStrings: "all",
  },
  feeds: {
    comment: "Import-list feeds: 5 minutes, keyed by the full query string (token, status)",
    minTtl: 0,
    defaultTtl: 300,
    maxTtl: 300,
    headers: [],
    queryStrings: "all",
  },
};

/** Headers forwarded to the API origin besides the cache key's. Never `Host`: the Function URL needs its own. */
export const ORIGIN_REQUEST_POLICIES: Record<OriginRequestPolicyKey, { comment: string; headers: string[]; queryStrings: "all" | "none" }> =
  {
    api: {
      comment: "API: conditional requests, language, content type, the viewer address",
      headers: ["If-None-Match", "Accept-Language", "Content-Type", "CloudFront-Viewer-Address"],
      queryStrings: "all",
    },
    passthrough: {
      comment: "Feeds, webhooks, sync: token query string, content type, the viewer address",
      headers: ["Content-Type", "CloudFront-Viewer-Address"],
      queryStrings: "all",
    },
  };

/**
 * CloudFront Function (viewer request) on the default behaviour: extension-less paths are SPA
 * routes and get `/index.html`; files and the runtime's own prefixes are left alone, so API errors
 * are never rewritten (the original's distribution-wide 404→index.html did that).
 * cloudfront-js-2.0: keep to plain ES5 syntax.
 */
export const SPA_ROUTING_FUNCTION = `function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (/^\\/(api|list|webhook|sync)(\\/|$)/.test(uri)) {
    return request;
  }
  var last = uri.substring(uri.lastIndexOf("/") + 1);
  if (last.indexOf(".") !== -1) {
    return request;
  }
  request.uri = "/index.html";
  return request;
}
`;

/** The same CSP the runtime sends on HTML: one definition, in the runtime. */
export { CONTENT_SECURITY_POLICY };

export const SECURITY_HEADERS = {
  contentSecurityPolicy: { contentSecurityPolicy: CONTENT_SECURITY_POLICY, override: false },
  contentTypeOptions: { override: true },
  frameOptions: { frameOption: "DENY", override: true },
  referrerPolicy: { referrerPolicy: "strict-origin-when-cross-origin", override: true },
  strictTransportSecurity: { accessControlMaxAgeSec: 31_536_000, includeSubdomains: true, preload: false, override: true },
};
