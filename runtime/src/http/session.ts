/**
 * The one session check every protected route uses: `Authorization: Bearer <token>` whose
 * signature AND expiry are verified (there is no "name only" path anywhere).
 */
import { sessionKey, verifyToken } from "../domain/auth/token.js";
import type { AppDeps } from "./deps.js";
import { HttpError } from "./errors.js";

export interface Session {
  name: string;
}

const keyCache = new WeakMap<object, Buffer>();

/** The signing key for the current secret + password (cached per config object). */
export function tokenKey(deps: Pick<AppDeps, "config">): Buffer {
  let key = keyCache.get(deps.config);
  if (!key) {
    key = sessionKey(deps.config.appSecretKey, deps.config.presharedPassword);
    keyCache.set(deps.config, key);
  }
  return key;
}

export function requireSession(request: Request, deps: Pick<AppDeps, "config" | "clock">): Session {
  const header = request.headers.get("authorization");
  if (!header) throw new HttpError(401, "unauthorized", "Authorization header required");
  const match = /^Bearer ([\x21-\x7e]+)$/i.exec(header.trim());
  if (!match) throw new HttpError(401, "invalid_token", "Invalid authorization header");
  const check = verifyToken(tokenKey(deps), match[1]!, Math.floor(deps.clock.now() / 1000));
  if (!check.ok) {
    throw new HttpError(401, check.code, check.code === "token_expired" ? "Session expired" : "Invalid token");
  }
  return { name: check.name };
}
