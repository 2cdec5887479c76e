/**
 * Request body reading with a per-route byte cap (streamed, so an oversized body is never fully
 * buffered) and JSON parsing with the error model's 400/413/415.
 */
import { HttpError } from "./errors.js";

export const API_BODY_LIMIT = 16 * 1024;

export async function readBytes(request: Request, maxBytes: number): Promise<Uint8Array> {
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > maxBytes) throw payloadTooLarge(maxBytes);
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw payloadTooLarge(maxBytes);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}

const payloadTooLarge = (max: number) => new HttpError(413, "payload_too_large", `Request body exceeds ${max} bytes`);

export function requireContentType(request: Request, expected: string): void {
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== expected) throw new HttpError(415, "unsupported_media_type", `Content-Type must be ${expected}`);
}

/** Reads an `application/json` body (415 otherwise), capped (413), parsed (400 on invalid JSON). Returns `unknown`. */
export async function readJson(request: Request, maxBytes = API_BODY_LIMIT): Promise<unknown> {
  requireContentType(request, "application/json");
  return parseJsonBytes(await readBytes(request, maxBytes));
}

/** UTF-8 JSON text → value; 400 `invalid_json` for anything else. */
export function parseJsonBytes(bytes: Uint8Array | string, detail = "Request body is not valid JSON"): unknown {
  try {
    return JSON.parse(typeof bytes === "string" ? bytes : new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    throw new HttpError(400, "invalid_json", detail);
  }
}
