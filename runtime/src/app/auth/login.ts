/**
 * Login (product.md §3): a signed, single-use challenge, then a proof of the shared password.
 * The checks run in this order: IP rate limit (`admit`, before the body is even read) → challenge
 * signature and expiry → consume (single use) → origin → proof (counted on failure) → name.
 *
 * Built once per app (`createLogin`): it keeps the PBKDF2-derived key per origin (≈50 ms to derive).
 */
import {
  checkChallenge,
  CHALLENGE_TTL_SECONDS,
  deriveLoginKey,
  issueChallenge,
  loginProof,
  PBKDF2_ITERATIONS,
} from "../../domain/auth/challenge.js";
import { safeEqual } from "../../domain/auth/constant-time.js";
import { ipRateKey } from "../../domain/auth/rate-key.js";
import { signToken } from "../../domain/auth/token.js";
import { normaliseName } from "../../contract/validation.js";
import type { Clock } from "../../ports/clock.js";
import type { Logger } from "../../ports/logger.js";
import type { ChallengeStore } from "../../ports/store/challenges.js";
import type { RateLimitStore, RateLimitWindow } from "../../ports/store/rate-limits.js";

export interface LoginDeps {
  store: ChallengeStore & RateLimitStore;
  clock: Clock;
  logger: Logger;
  config: {
    appSecretKey: string;
    presharedPassword: string;
    /** Failed attempts per IP within the window before logins from it are refused. */
    rateLimitMaxAttempts: number;
    rateLimitWindowSeconds: number;
  };
  /** The session-token signing key (secret + password). */
  sessionKey: Buffer;
}

/** A login attempt the rate limit let through; `verify` finishes it with the same clock reading. */
export interface LoginAttempt {
  now: number;
  limitKey: string;
  window: RateLimitWindow | null;
}

/** The proof as the browser sends it (shape already checked). */
export interface LoginProof {
  origin: string;
  challenge: string;
  hash: string;
  name: string;
}

export type LoginResult =
  | { ok: true; token: string; name: string }
  | { ok: false; reason: "challenge_invalid" | "challenge_used" | "origin_mismatch" | "invalid_credentials" }
  | { ok: false; reason: "invalid_name"; message: string };

export interface Login {
  /** What the browser needs to start: the PBKDF2 iterations and a fresh challenge. */
  params(): { iterations: number; challenge: string; expires_in: number };
  /** The IP rate limit: an attempt, or the seconds until the window resets. */
  admit(clientIp: string): Promise<{ ok: true; attempt: LoginAttempt } | { ok: false; retryAfterSeconds: number }>;
  /** `origin` is the server's own public origin; the proof's must match it. */
  verify(attempt: LoginAttempt, proof: LoginProof, request: { origin: string; clientIp: string; requestId: string }): Promise<LoginResult>;
}

export function createLogin(deps: LoginDeps): Login {
  const { store, clock, logger, config } = deps;
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

  return {
    params() {
      const { challenge } = issueChallenge(config.appSecretKey, clock.now() / 1000);
      return { iterations: PBKDF2_ITERATIONS, challenge, expires_in: CHALLENGE_TTL_SECONDS };
    },

    async admit(clientIp) {
      const now = clock.now();
      const limitKey = `login:${ipRateKey(clientIp)}`;
      const window = await store.getRateLimit(limitKey, now);
      if (window && window.count >= config.rateLimitMaxAttempts) {
        return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((window.reset_at - now) / 1000)) };
      }
      return { ok: true, attempt: { now, limitKey, window } };
    },

    async verify({ now, limitKey, window }, proof, request) {
      const challenge = checkChallenge(config.appSecretKey, proof.challenge, now / 1000);
      if (!challenge.ok) return { ok: false, reason: "challenge_invalid" };
      // Consumed here, whatever happens next: a captured proof can never be replayed.
      if (!(await store.consumeChallenge(challenge.nonce, challenge.expiresAt * 1000, now))) {
        return { ok: false, reason: "challenge_used" };
      }
      if (!safeEqual(proof.origin, request.origin)) return { ok: false, reason: "origin_mismatch" };

      const expected = loginProof(expectedKey(request.origin), proof.challenge);
      if (!safeEqual(proof.hash.toLowerCase(), expected)) {
        const hit = await store.hitRateLimit(limitKey, config.rateLimitWindowSeconds * 1000, now);
        logger.warn("login failed", { request_id: request.requestId, ip: request.clientIp, failures: hit.count });
        return { ok: false, reason: "invalid_credentials" };
      }

      const name = normaliseName(proof.name);
      if (!name.ok) return { ok: false, reason: "invalid_name", message: name.message };

      if (window) await store.clearRateLimit(limitKey);
      logger.info("login", { request_id: request.requestId, name: name.name });
      return { ok: true, token: signToken(deps.sessionKey, name.name, Math.floor(now / 1000)), name: name.name };
    },
  };
}
