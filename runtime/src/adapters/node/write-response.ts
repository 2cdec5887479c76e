/**
 * Writes the app's `Response` to `http.ServerResponse`. A body kept by `FastResponse` (a string or
 * bytes: nearly every answer) is written with one `res.end(buffer)` and a `Content-Length`, and
 * compressed when it qualifies (compression.ts); any other body is streamed with backpressure.
 */
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import { compress, isCompressible, isStrongEtag, negotiate, type CompressedCache } from "./compression.js";
import { preparedBody } from "./fast-response.js";

export interface WriteOptions {
  /** Compress JSON answers (the embedded server does; a proxy in front may do it instead). */
  compression: boolean;
  cache: CompressedCache;
}

export async function writeResponse(req: IncomingMessage, res: ServerResponse, response: Response, opts: WriteOptions): Promise<void> {
  const prepared = preparedBody(response);
  const headers = outgoingHeaders(response.headers);
  if (prepared === null) return writeStreamed(res, response, headers);

  const { status, body } = prepared;
  if (body === null) {
    res.writeHead(status, headers);
    res.end();
    return;
  }
  let bytes = typeof body === "string" ? Buffer.from(body) : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  if (opts.compression && bytes.length > 1024) {
    const zipped = await maybeCompress(req, status, headers, bytes, opts.cache);
    if (zipped) bytes = zipped;
  }
  headers["content-length"] = bytes.length;
  res.writeHead(status, headers);
  res.end(bytes);
}

/** Compresses in place of `bytes` when the answer qualifies; sets the headers that go with it. */
async function maybeCompress(
  req: IncomingMessage,
  status: number,
  headers: OutgoingHttpHeaders,
  bytes: Buffer,
  cache: CompressedCache,
): Promise<Buffer | null> {
  const compressible = isCompressible({
    method: req.method ?? "GET",
    status,
    contentType: single(headers["content-type"]),
    contentEncoding: single(headers["content-encoding"]),
    cacheControl: single(headers["cache-control"]),
    byteLength: bytes.length,
  });
  if (!compressible) return null;
  const vary = single(headers.vary);
  if (vary === null) headers.vary = "Accept-Encoding";
  else if (!/(?:^|,)\s*(?:accept-encoding|\*)\s*(?:,|$)/i.test(vary)) headers.vary = `${vary}, Accept-Encoding`;
  const coding = negotiate(req.headers["accept-encoding"]);
  if (coding === null) return null;

  const etag = single(headers.etag);
  let zipped = isStrongEtag(etag) ? cache.get(etag, coding, bytes.length) : undefined;
  if (!zipped) {
    zipped = await compress(bytes, coding);
    if (isStrongEtag(etag)) cache.set(etag, coding, bytes.length, zipped);
  }
  headers["content-encoding"] = coding;
  // The bytes on the wire differ per encoding: a strong validator becomes a weak one.
  if (isStrongEtag(etag)) headers.etag = `W/${etag}`;
  return zipped;
}

async function writeStreamed(res: ServerResponse, response: Response, headers: OutgoingHttpHeaders): Promise<void> {
  res.writeHead(response.status, response.statusText || undefined, headers);
  if (!response.body) return void res.end();
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!res.write(value)) await new Promise<void>((ok) => res.once("drain", ok).once("close", ok));
      if (res.destroyed) {
        await reader.cancel().catch(() => {});
        return;
      }
    }
  } finally {
    reader.releaseLock();
  }
  res.end();
}

function outgoingHeaders(headers: Headers): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  headers.forEach((value, key) => {
    if (key !== "set-cookie") out[key] = value;
  });
  if (headers.has("set-cookie")) out["set-cookie"] = headers.getSetCookie();
  return out;
}

const single = (value: OutgoingHttpHeaders[string]): string | null =>
  value === undefined ? null : Array.isArray(value) ? value.join(", ") : String(value);
