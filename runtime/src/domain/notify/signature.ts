/**
 * The signed-webhook header (docs/notifications.md):
 *
 *   X-Stellarr-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>
 *
 * The timestamp is inside the MAC so a receiver can refuse replays older than its tolerance;
 * it is taken at each attempt, so a retried delivery is not stale.
 */
import { createHmac } from "node:crypto";

export const SIGNATURE_HEADER = "X-Stellarr-Signature";
/** What receivers are told to accept (the docs' snippet and the test receiver use it). */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

export function signatureHeader(secret: string, rawBody: string, unixSeconds: number): string {
  const t = Math.floor(unixSeconds);
  const mac = createHmac("sha256", secret).update(`${t}.${rawBody}`, "utf8").digest("hex");
  return `t=${t},v1=${mac}`;
}
