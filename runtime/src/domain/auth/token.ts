/**
 * Session tokens (product.md §3.4): `ts.base64url(name).base64url(HMAC-SHA256(K, "ts.base64url(name)"))`
 * where K is derived from APP_SECRET_KEY and the current password, so a password change signs everyone out.
 */
import { createHmac } from "node:crypto";
import { safeEqual } from "./constant-time.js";

export const TOKEN_LIFETIME_SECONDS = 30 * 24 * 60 * 60;
export const MAX_FUTURE_SKEW_SECONDS = 300;
/** Tokens longer than this are refused before any work (a 10 KB header is a 401, not a CPU sink). */
const MAX_TOKEN_LENGTH = 512;

export function sessionKey(appSecretKey: string, password: string): Buffer {
  return createHmac("sha256", appSecretKey).update("stellarr-session-v1\0").update(password, "utf8").digest();
}

export function signToken(key: Buffer, name: string, nowSeconds: number): string {
  const payload = `${Math.floor(nowSeconds)}.${Buffer.from(name, "utf8").toString("base64url")}`;
  return `${payload}.${createHmac("sha256", key).update(payload).digest("base64url")}`;
}

export type TokenCheck = { ok: true; name: string; issuedAt: number } | { ok: false; code: "invalid_token" | "token_expired" };

export function verifyToken(key: Buffer, token: string, nowSeconds: number): TokenCheck {
  if (token.length > MAX_TOKEN_LENGTH || !/^[0-9]{1,12}\.[A-Za-z0-9_-]{1,400}\.[A-Za-z0-9_-]{43}$/.test(token)) {
    return { ok: false, code: "invalid_token" };
  }
  const [ts, encodedName, sig] = token.split(".") as [string, string, string];
  const payload = `${ts}.${encodedName}`;
  const expected = createHmac("sha256", key).update(payload).digest("base64url");
  if (!safeEqual(sig, expected)) return { ok: false, code: "invalid_token" };
  const issuedAt = Number(ts);
  if (issuedAt > nowSeconds + MAX_FUTURE_SKEW_SECONDS) return { ok: false, code: "invalid_token" };
  if (nowSeconds - issuedAt > TOKEN_LIFETIME_SECONDS) return { ok: false, code: "token_expired" };
  const name = Buffer.from(encodedName, "base64url").toString("utf8");
  return { ok: true, name, issuedAt };
}
