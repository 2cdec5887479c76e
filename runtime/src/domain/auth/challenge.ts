/**
 * Login challenges (product.md §3.1): random, carrying their expiry, signed with APP_SECRET_KEY.
 * Format: `c1.<expires unix seconds>.<nonce base64url>.<hmac base64url>` (opaque ASCII to clients).
 * Single use is enforced by the store (`consumeChallenge(nonce)`), not here.
 */
import { createHash, createHmac, pbkdf2Sync, randomBytes } from "node:crypto";
import { safeEqual } from "./constant-time.js";

export const PBKDF2_ITERATIONS = 100_000;
export const CHALLENGE_TTL_SECONDS = 300;

const challengeKey = (appSecretKey: string): Buffer => createHmac("sha256", appSecretKey).update("stellarr-challenge-v1").digest();

export function issueChallenge(appSecretKey: string, nowSeconds: number): { challenge: string; expiresAt: number } {
  const expiresAt = Math.floor(nowSeconds) + CHALLENGE_TTL_SECONDS;
  const payload = `c1.${expiresAt}.${randomBytes(18).toString("base64url")}`;
  const sig = createHmac("sha256", challengeKey(appSecretKey)).update(payload).digest("base64url");
  return { challenge: `${payload}.${sig}`, expiresAt };
}

export type ChallengeCheck = { ok: true; nonce: string; expiresAt: number } | { ok: false };

export function checkChallenge(appSecretKey: string, challenge: string, nowSeconds: number): ChallengeCheck {
  const m = /^c1\.(\d{1,12})\.([A-Za-z0-9_-]{24})\.([A-Za-z0-9_-]{43})$/.exec(challenge);
  if (!m) return { ok: false };
  const [, exp, nonce, sig] = m as unknown as [string, string, string, string];
  const expected = createHmac("sha256", challengeKey(appSecretKey)).update(`c1.${exp}.${nonce}`).digest("base64url");
  if (!safeEqual(sig, expected)) return { ok: false };
  const expiresAt = Number(exp);
  if (expiresAt <= nowSeconds || expiresAt > nowSeconds + CHALLENGE_TTL_SECONDS + 5) return { ok: false };
  return { ok: true, nonce, expiresAt };
}

/** hex(PBKDF2-HMAC-SHA256(password, salt = origin, iterations, 32 bytes)) — what the browser derives. */
export function deriveLoginKey(password: string, origin: string, iterations = PBKDF2_ITERATIONS): string {
  return pbkdf2Sync(Buffer.from(password, "utf8"), Buffer.from(origin, "utf8"), iterations, 32, "sha256").toString("hex");
}

/** hex(SHA-256(key + ":" + challenge)) — the proof the browser sends. */
export function loginProof(derivedKeyHex: string, challenge: string): string {
  return createHash("sha256").update(`${derivedKeyHex}:${challenge}`, "utf8").digest("hex");
}
