/**
 * Login (product.md §3): `GET /api/auth/params` issues a signed, single-use challenge;
 * `POST /api/auth/verify` checks, in order: IP rate limit → body schema → challenge signature and
 * expiry → consume (single use) → origin → proof (counted on failure) → name.
 */
import * as z from "zod/mini";
import {
  checkChallenge,
  deriveLoginKey,
  issueChallenge,
  loginProof,
  PBKDF2_ITERATIONS,
  CHALLENGE_TTL_SECONDS,
} from "../../domain/auth/challenge.js";
import { safeEqual } from "../../domain/auth/constant-time.js";
import { normaliseName } from "../../domain/auth/name.js";
import { signToken } from "../../domain/auth/token.js";
import { readJson } from "../body.js";
import { ipRateKey } from "../client-ip.js";
import type { AppDeps } from "../deps.js";
import { HttpError, validationFailed } from "../errors.js";
import { json } from "../respond.js";
import type { AppRequest, AppRouter } from "../router.js";
import { tokenKey } from "../session.js";
import { parseWith } from "../validate.js";

const VerifyBody = z.object({
  origin: z.string(),
  challenge: z.string(),
  hash: z.string(),
  name: z.string(),
});

export function registerAuthRoutes(router: AppRouter, deps: AppDeps): void {
  const { config, store, clock } = deps;
  const windowMs = config.rateLimitWindowSeconds * 1000;
  // PBKDF2 with 100k iterations costs ~50 ms: derive once per (password, origin) and reuse.
  const derived = new Map<string, string>();
  const expectedKey = (origin: string): string => {
    let key = derived.get(origin);
    if (!key) {
      key = deriveLoginKey(config.presharedPassword, origin);
      if (derived.size > 16) derived.clear();
      derived.set(origin, key);
    }
    return key;
  };

  router
    .get("/api/auth/params", () => {
      const { challenge } = issueChallenge(config.appSecretKey, clock.now() / 1000);
      return json({ iterations: PBKDF2_ITERATIONS, challenge, expires_in: CHALLENGE_TTL_SECONDS }, 200, { "cache-control": "no-store" });
    })
    .post("/api/auth/verify", async (request: AppRequest) => {
      const now = clock.now();
      const limitKey = `login:${ipRateKey(request.ctx.clientIp)}`;
      const window = await store.getRateLimit(limitKey, now);
      if (window && window.count >= config.rateLimitMaxAttempts) throw tooMany(window.reset_at, now);

      const body = parseWith(VerifyBody, await readJson(request));

      const challenge = checkChallenge(config.appSecretKey, body.challenge, now / 1000);
      if (!challenge.ok) throw new HttpError(401, "challenge_invalid", "The login challenge is invalid or expired; request a new one");
      // Consumed here, whatever happens next: a captured proof can never be replayed.
      if (!(await store.consumeChallenge(challenge.nonce, challenge.expiresAt * 1000, now))) {
        throw new HttpError(401, "challenge_used", "The login challenge was already used; request a new one");
      }
      if (!safeEqual(body.origin, request.ctx.origin))
        throw new HttpError(401, "origin_mismatch", "Login origin does not match this server");

      const expected = loginProof(expectedKey(request.ctx.origin), body.challenge);
      if (!safeEqual(body.hash.toLowerCase(), expected)) {
        const hit = await store.hitRateLimit(limitKey, windowMs, now);
        deps.logger.warn("login failed", { request_id: request.ctx.requestId, ip: request.ctx.clientIp, failures: hit.count });
        throw new HttpError(401, "invalid_credentials", "Invalid credentials");
      }

      const name = normaliseName(body.name);
      if (!name.ok) throw validationFailed([{ path: ["name"], message: name.message }], name.message);

      if (window) await store.clearRateLimit(limitKey);
      deps.logger.info("login", { request_id: request.ctx.requestId, name: name.name });
      return json({ valid: true, token: signToken(tokenKey(deps), name.name, Math.floor(now / 1000)), name: name.name });
    });
}

function tooMany(resetAt: number, now: number): HttpError {
  const retryAfter = Math.max(1, Math.ceil((resetAt - now) / 1000));
  return new HttpError(429, "rate_limited", "Too many failed login attempts; try again later", {
    headers: { "retry-after": String(retryAfter) },
  });
}
