/**
 * The one session check every protected route uses: `Authorization: Bearer <token>` whose
 * signature AND expiry are verified (there is no "name only" path anywhere).
 */
import { verifyToken } from "../domain/auth/token.js";
import type { Clock } from "../ports/clock.js";
import { HttpError } from "./errors.js";

export interface Session {
  name: string;
}

/** `key` is the app's session key (`AppState.sessionKey`: secret + password, so a password change signs everyone out). */
export function requireSession(request: Request, key: Buffer, clock: Clock): Session {
  const header = request.headers.get("authorization");
  if (!header) throw new HttpError(401, "unauthorized", "Authorization header required");
  const match = /^Bearer ([\x21-\x7e]+)$/i.exec(header.trim());
  if (!match) throw new HttpError(401, "invalid_token", "Invalid authorization header");
  const check = verifyToken(key, match[1]!, Math.floor(clock.now() / 1000));
  if (!check.ok) {
    throw new HttpError(401, check.code, check.code === "token_expired" ? "Session expired" : "Invalid token");
  }
  return { name: check.name };
}
