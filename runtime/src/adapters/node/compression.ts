/**
 * Compression of JSON answers on the embedded server (product.md §4): brotli or gzip, whichever the
 * client's `Accept-Encoding` prefers (brotli on a tie), for bodies over 1 KB. Not for HEAD, 204/304,
 * bodies already encoded (the static files compress themselves), or `Cache-Control: no-transform`.
 *
 * Levels are set for dynamic content (brotli quality 4, gzip 6) and the window is sized to the body,
 * so a small answer does not pay for allocating a full-size compressor. Bodies up to 32 KB are
 * compressed inline (cheaper than a thread-pool round trip); larger ones on the thread pool, so a big
 * list never holds up the event loop. A compressed answer's strong ETag becomes weak (the bytes on
 * the wire differ per encoding; `If-None-Match` uses the weak comparison, so 304s keep working),
 * and answers with a strong ETag keep their compressed form in a small cache: the same ETag is the
 * same body.
 */
import { promisify } from "node:util";
import { brotliCompress, brotliCompressSync, constants, gzip, gzipSync, type BrotliOptions, type ZlibOptions } from "node:zlib";

export type Coding = "br" | "gzip";

export const MIN_COMPRESS_BYTES = 1024;
const INLINE_MAX_BYTES = 32 * 1024;
const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/** The coding to answer with for this `Accept-Encoding`, or null for identity. */
export function negotiate(acceptEncoding: string | undefined): Coding | null {
  if (!acceptEncoding) return null;
  const cached = negotiated.get(acceptEncoding);
  if (cached !== undefined) return cached;
  let br: number | null = null;
  let gz: number | null = null;
  let any: number | null = null;
  for (const part of acceptEncoding.split(",")) {
    const [token = "", ...params] = part.split(";");
    let q = 1;
    for (const param of params) {
      const m = /^\s*q\s*=\s*([01](?:\.\d{0,3})?)\s*$/i.exec(param);
      q = m ? Number(m[1]) : q;
    }
    const name = token.trim().toLowerCase();
    if (name === "br") br = q;
    else if (name === "gzip" || name === "x-gzip") gz = Math.max(gz ?? 0, q);
    else if (name === "*") any = q;
  }
  const brQ = br ?? any ?? 0;
  const gzQ = gz ?? any ?? 0;
  const chosen: Coding | null = brQ > 0 && brQ >= gzQ ? "br" : gzQ > 0 ? "gzip" : null;
  if (negotiated.size >= 64) negotiated.clear();
  negotiated.set(acceptEncoding, chosen);
  return chosen;
}
const negotiated = new Map<string, Coding | null>();

export interface Compressible {
  method: string;
  status: number;
  contentType: string | null;
  contentEncoding: string | null;
  cacheControl: string | null;
  byteLength: number;
}

/** Whether this answer is one we compress (then it varies by Accept-Encoding, compressed or not). */
export function isCompressible(r: Compressible): boolean {
  return (
    r.method !== "HEAD" &&
    r.status !== 204 &&
    r.status !== 304 &&
    r.byteLength > MIN_COMPRESS_BYTES &&
    r.contentEncoding === null &&
    r.contentType !== null &&
    JSON_TYPE.test(r.contentType) &&
    !(r.cacheControl !== null && /(?:^|,)\s*no-transform\s*(?:,|$)/i.test(r.cacheControl))
  );
}

const gzipAsync = promisify<Buffer, ZlibOptions, Buffer>(gzip);
const brotliAsync = promisify<Buffer, BrotliOptions, Buffer>(brotliCompress);

const windowBits = (n: number): number => Math.min(15, Math.max(9, Math.ceil(Math.log2(n + 1))));

function gzipOptions(n: number): ZlibOptions {
  const bits = windowBits(n);
  return { level: 6, windowBits: bits, memLevel: Math.min(8, Math.max(2, bits - 6)) };
}

function brotliOptions(n: number): BrotliOptions {
  return {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 4,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_SIZE_HINT]: n,
      [constants.BROTLI_PARAM_LGWIN]: Math.min(22, Math.max(10, Math.ceil(Math.log2(n + 1)))),
    },
  };
}

/** Compresses a body; inline when small, on the thread pool when large. */
export function compress(body: Buffer, coding: Coding): Buffer | Promise<Buffer> {
  const n = body.length;
  if (coding === "br") return n <= INLINE_MAX_BYTES ? brotliCompressSync(body, brotliOptions(n)) : brotliAsync(body, brotliOptions(n));
  return n <= INLINE_MAX_BYTES ? gzipSync(body, gzipOptions(n)) : gzipAsync(body, gzipOptions(n));
}

/**
 * Compressed bodies of answers with a strong ETag, most recently used last, and the compressions
 * under way: requests that arrive while a large body is being compressed (several *arr lists
 * polling right after a change) wait for that one instead of compressing it again.
 */
export class CompressedCache {
  readonly #entries = new Map<string, { length: number; body: Buffer }>();
  readonly #inflight = new Map<string, { length: number; body: Promise<Buffer> }>();
  #bytes = 0;

  constructor(
    readonly maxEntries = 64,
    readonly maxBytes = 16 * 1024 * 1024,
  ) {}

  get(etag: string, coding: Coding, length: number): Buffer | undefined {
    const key = `${coding} ${etag}`;
    const hit = this.#entries.get(key);
    if (!hit || hit.length !== length) return undefined;
    this.#entries.delete(key);
    this.#entries.set(key, hit);
    return hit.body;
  }

  /** The compression of this body already under way, if any. */
  pending(etag: string, coding: Coding, length: number): Promise<Buffer> | undefined {
    const p = this.#inflight.get(`${coding} ${etag}`);
    return p && p.length === length ? p.body : undefined;
  }

  /** Records a compression under way (`pending` shares it); once done its result is kept as by `set`. */
  track(etag: string, coding: Coding, length: number, body: Promise<Buffer>): Promise<Buffer> {
    const key = `${coding} ${etag}`;
    const entry = { length, body };
    this.#inflight.set(key, entry);
    body
      .then(
        (z) => this.set(etag, coding, length, z),
        () => {},
      )
      .finally(() => {
        if (this.#inflight.get(key) === entry) this.#inflight.delete(key);
      });
    return body;
  }

  set(etag: string, coding: Coding, length: number, body: Buffer): void {
    if (body.length > this.maxBytes / 4) return;
    const key = `${coding} ${etag}`;
    const old = this.#entries.get(key);
    if (old) {
      this.#bytes -= old.body.length;
      this.#entries.delete(key);
    }
    this.#entries.set(key, { length, body });
    this.#bytes += body.length;
    for (const [k, v] of this.#entries) {
      if (this.#entries.size <= this.maxEntries && this.#bytes <= this.maxBytes) break;
      this.#entries.delete(k);
      this.#bytes -= v.body.length;
    }
  }
}

/** A strong ETag (`"…"`), which may key the cache; weak ones (`W/"…"`) may not. */
export const isStrongEtag = (etag: string | null): etag is string => etag !== null && etag.startsWith('"');
