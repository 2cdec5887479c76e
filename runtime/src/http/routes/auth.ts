/**
 * Login (product.md §3): `GET /api/auth/params` issues a signed, single-use challenge;
 * `POST /api/auth/verify` checks the IP rate limit, then the body schema, then the proof
 * (`app/auth/login.ts` holds the order of the remaining checks).
 */
import { createLogin, type LoginResult } from "../../app/auth/login.js";
import { VerifyBody, type AuthParams, type VerifyResponse } from "../../contract/api/auth.js";
import { readJson } from "../body.js";
import { HttpError, validationFailed } from "../errors.js";
import { json } from "../../lib/json-response.js";
import type { AppRequest, RouteModule } from "../router.js";
import { parseWith } from "../validate.js";

export const registerAuthRoutes: RouteModule = (router, deps, state) => {
  const login = createLogin({ ...deps, sessionKey: state.sessionKey });

  router
    .get("/api/auth/params", () => json(login.params() satisfies AuthParams, 200, { "cache-control": "no-store" }))
    .post("/api/auth/verify", async (request: AppRequest) => {
      const admitted = await login.admit(request.ctx.clientIp);
      if (!admitted.ok) {
        throw new HttpError(429, "rate_limited", "Too many failed login attempts; try again later", {
          headers: { "retry-after": String(admitted.retryAfterSeconds) },
        });
      }
      const body = parseWith(VerifyBody, await readJson(request));
      const result = await login.verify(admitted.attempt, body, request.ctx);
      if (!result.ok) throw loginFailure(result);
      return json({ valid: true, token: result.token, name: result.name } satisfies VerifyResponse);
    });
};

/** 401 `<reason>` with these details; a bad name is a 422 on `name`. */
const UNAUTHORIZED = {
  challenge_invalid: "The login challenge is invalid or expired; request a new one",
  challenge_used: "The login challenge was already used; request a new one",
  origin_mismatch: "Login origin does not match this server",
  invalid_credentials: "Invalid credentials",
} as const;

function loginFailure(result: Exclude<LoginResult, { ok: true }>): HttpError {
  if (result.reason === "invalid_name") return validationFailed([{ path: ["name"], message: result.message }], result.message);
  return new HttpError(401, result.reason, UNAUTHORIZED[result.reason]);
}
