/**
 * The opaque `cursor` of request pages, the same for every adapter: the `seq` of the page's last
 * request, base64url-encoded. Anything this code did not issue is an `InvalidCursorError` (422).
 */
import { InvalidCursorError } from "../../ports/store/index.js";

export const encodeSeqCursor = (seq: number): string => Buffer.from(`s${seq}`).toString("base64url");

export function decodeSeqCursor(cursor: string): number {
  // The length check first: no decoding of arbitrarily long input.
  const text = /^[A-Za-z0-9_-]{1,24}$/.test(cursor) ? Buffer.from(cursor, "base64url").toString("latin1") : "";
  const match = /^s([1-9]\d{0,15})$/.exec(text);
  const seq = match ? Number(match[1]) : NaN;
  if (!Number.isSafeInteger(seq)) throw new InvalidCursorError("Invalid cursor");
  return seq;
}
