/** OpenAPI descriptions of `auth.ts`. */
import { VerifyBody } from "../../contract/api/auth.js";
import { AuthParams, VerifyResponse } from "../../contract/api/auth.responses.js";
import { API_BODY_LIMIT } from "../body.js";
import { CACHE_CONTROL, jsonBody, type RouteDoc } from "../openapi/describe.js";

export const authRouteDocs: RouteDoc[] = [
  {
    method: "GET",
    path: "/api/auth/params",
    tag: "auth",
    summary: "A signed, single-use login challenge and the PBKDF2 iteration count",
    auth: "none",
    store: false,
    responses: { 200: { description: "The challenge", schema: AuthParams, headers: { "cache-control": CACHE_CONTROL } } },
  },
  {
    method: "POST",
    path: "/api/auth/verify",
    tag: "auth",
    summary: "Log in: prove the shared password against the challenge; get a session token",
    description: "The per-IP failure limit is checked before the body (product.md §3).",
    auth: "none",
    body: jsonBody(VerifyBody, API_BODY_LIMIT),
    responses: { 200: { description: "A session token for this name", schema: VerifyResponse } },
    errors: [
      {
        status: 401,
        codes: ["challenge_invalid", "challenge_used", "origin_mismatch", "invalid_credentials"],
        description: "The challenge, origin or proof is wrong",
      },
      { status: 429, codes: ["rate_limited"], description: "Too many failed logins from this address", retryAfter: "always" },
    ],
  },
];
