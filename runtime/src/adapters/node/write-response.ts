/**
 * Writes the app's `Response` to `http.ServerResponse`. A body kept by `FastResponse` (a string or
 * bytes: nearly every answer) is written with one `res.end(body)` and a `Content-Length`, and
 * compressed when it qualifies (compression.ts); any other body is streamed with backpressure.
 */
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import { compress, isCompressible, isStrongEtag, MIN_COMPRESS_BYTES, negotiate, type CompressedCache } from "./compression.js";
import { keptBodyBuffer, preparedBody } from "../fetch-light/fast-response.js";
import { LightHeaders } from "../fetch-light/light-headers.js";

export interface WriteOptions {
  /** Compress JSON answers (the embedded server does; a proxy in front may do it instead). */
  compression: boolean;
  cache: CompressedCache;
}

export function writeResponse(req: IncomingMessage, res: ServerResponse, response: Response, opts: WriteOptions): void | Promise<void> {
  const prepared = preparedBody(response);
  const headers = LightHeaders.outgoing(response.headers);
  if (prepared === null) return writeStreamed(res, response, headers);

  const { status, body } = prepared;
  if (body === null) {
    res.writeHead(status, headers);
    res.end();
    return;
  }
  const length = typeof body === "string" ? Buffer.byteLength(body) : body.byteLength;
  if (opts.compression && length > MIN_COMPRESS_BYTES) {
    const zipped = compressed(req, status, headers, body, length, opts.cache);
    if (zipped instanceof Promise) return zipped.then((z) => send(res, status, headers, z));
    if (zipped !== null) return send(res, status, headers, zipped);
  }
  headers["content-length"] = length;
  res.writeHead(status, headers);
  // A string body leaves with the head in one write.
  res.end(body);
}

function send(res: ServerResponse, status: number, headers: OutgoingHttpHeaders, bytes: Buffer): void {
  headers["content-length"] = bytes.length;
  res.writeHead(status, headers);
  res.end(bytes);
}

/**
 * The compressed body when the answer qualifies (sync when small, a promise when large), else null;
 * sets the headers that go with it (Vary whenever the answer is compressible).
 */
function compressed(
  req: IncomingMessage,
  status: number,
  headers: OutgoingHttpHeaders,
  body: string | Uint8Array,
  length: number,
  cache: CompressedCache,
): Buffer | Promise<Buffer> | null {
  const compressible = isCompressible({
    method: req.method ?? "GET",
    status,
    contentType: single(headers["content-type"]),
    contentEncoding: single(headers["content-encoding"]),
    cacheControl: single(headers["cache-control"]),
    byteLength: length,
  });
  if (!compressible) return null;
  const vary = single(headers.vary);
  if (vary === null) headers.vary = "Accept-Encoding";
  else if (!/(?:^|,)\s*(?:accept-encoding|\*)\s*(?:,|$)/i.test(vary)) headers.vary = `${vary}, Accept-Encoding`;
  const coding = negotiate(req.headers["accept-encoding"]);
  if (coding === null) return null;

  const etag = single(headers.etag);
  const strong = isStrongEtag(etag);
  headers["content-encoding"] = coding;
  // The bytes on the wire differ per encoding: a strong validator becomes a weak one.
  if (strong) headers.etag = `W/${etag}`;
  // A cached compressed body is written as it is kept: no copy, one write with its Content-Length.
  const hit = strong ? (cache.get(etag, coding, length) ?? cache.pending(etag, coding, length)) : undefined;
  if (hit) return hit;
  const out = compress(keptBodyBuffer(body), coding);
  if (!strong) return out;
  if (out instanceof Promise) return cache.track(etag, coding, length, out);
  cache.set(etag, coding, length, out);
  return out;
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

const single = (value: OutgoingHttpHeaders[string]): string | null =>
  value === undefined ? null : Array.isArray(value) ? value.join(", ") : String(value);
