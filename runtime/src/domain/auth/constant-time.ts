/**
 * Constant-time, total string comparison: never throws (non-ASCII, different lengths, huge inputs
 * are simply "not equal"), and its time does not depend on where the strings differ.
 */
import { createHash, timingSafeEqual } from "node:crypto";

export function safeEqual(a: string, b: string): boolean {
  // Hash both sides so lengths match and the comparison cost is independent of the input length.
  const ha = createHash("sha256").update(a, "utf8").digest();
  const hb = createHash("sha256").update(b, "utf8").digest();
  return timingSafeEqual(ha, hb) && a.length === b.length;
}
