/**
 * A GET whose body derives from the store's change token (library-status, the *arr feeds): the
 * ETag is the token and the shape, so a matching `If-None-Match` costs one token read and builds
 * nothing (304), and a 200 serves the body cached for that token (`body-cache.ts`). While the token
 * is not settled (DynamoDB, shortly after a write) the body is built and its hash is the ETag, as
 * before the token existed.
 */
import { createHash } from "node:crypto";
import { JSON_TYPE } from "../lib/json-response.js";
import type { ChangeStore } from "../ports/store/changes.js";
import type { BodyCache } from "./body-cache.js";

export interface CachedRead {
  /** Names the body among those of one token: the route and every query value that changes it. `[A-Za-z0-9-]`. */
  shape: string;
  headers: Record<string, string>;
  build(): Promise<string>;
}

export async function cachedRead(request: Request, store: ChangeStore, bodies: BodyCache, read: CachedRead): Promise<Response> {
  const token = await store.changeToken();
  let body: string | Uint8Array<ArrayBuffer> | null = null;
  let etag: string;
  if (token.settled) {
    etag = `"${read.shape}_${token.value}"`;
  } else {
    body = await read.build();
    etag = bodyEtag(body);
  }
  const headers = { ...read.headers, etag };
  if (etagMatches(request.headers.get("if-none-match"), etag)) return new Response(null, { status: 304, headers });
  body ??= await bodies.get(token.value, read.shape, read.build);
  return new Response(body, { status: 200, headers: { "content-type": JSON_TYPE, ...headers } });
}

/** A strong ETag from the body's own bytes (for bodies with no change token to name them). */
export const bodyEtag = (body: string | Uint8Array): string => `"${createHash("sha256").update(body).digest("base64url").slice(0, 32)}"`;

/** If-None-Match uses the weak comparison (RFC 9110 §13.1.2): `W/` is ignored, `*` matches anything. */
export function etagMatches(header: string | null, etag: string): boolean {
  if (!header) return false;
  return header.split(",").some((t) => {
    const tag = t.trim().replace(/^W\//, "");
    return tag === "*" || tag === etag;
  });
}
