/**
 * Compression of JSON answers on the embedded server (issue #25.5): decoded bodies equal the
 * identity ones, `Vary: Accept-Encoding` on every compressible answer, never for HEAD/304/small
 * bodies/already-encoded static files, and 304s still work off the (now weak) ETag.
 */
import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { request as httpRequest, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createStaticFiles } from "../../../src/adapters/assets/static-files.js";
import { CompressedCache, isCompressible, negotiate } from "../../../src/adapters/node/compression.js";
import { createNodeServer } from "../../../src/adapters/node/http-server.js";
import { createTestApp, type TestApp } from "@stellarr/testkit/app";

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  raw: Buffer;
}

function get(port: number, path: string, headers: Record<string, string> = {}, method = "GET", body?: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port, path, method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, raw: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

const decode = (r: Reply): string => {
  const coding = r.headers["content-encoding"];
  const bytes = coding === "br" ? brotliDecompressSync(r.raw) : coding === "gzip" ? gunzipSync(r.raw) : r.raw;
  return bytes.toString("utf8");
};

describe("JSON compression on the embedded server", () => {
  let t: TestApp;
  let servers: Server[] = [];
  let port: number;
  let plainPort: number;
  let auth: Record<string, string>;
  let dir: string;
  const trending = JSON.stringify({ results: Array.from({ length: 200 }, (_, i) => ({ id: i, title: `Trending title ${i}` })) });

  const listen = async (server: Server) => {
    servers.push(server);
    await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
    return (server.address() as AddressInfo).port;
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "stellarr-compress-"));
    await mkdir(join(dir, "trending"));
    await writeFile(join(dir, "trending", "trending-movie-en.json"), trending);
    t = await createTestApp({
      assets: createStaticFiles({ uiDir: null, trendingDir: join(dir, "trending"), locales: ["en"], appName: "Stellarr" }),
    });
    // 10,000 titles: a library-status body well past the inline-compression size.
    const items = Array.from({ length: 10_000 }, (_, i) => ({ tmdb_id: i + 1, title: `Title ${i + 1}` }));
    await t.store.upsertLibrary("movie", items, Date.now());
    auth = { authorization: `Bearer ${t.login("alice")}` };
    port = await listen(createNodeServer(t.app));
    plainPort = await listen(createNodeServer(t.app, { compression: false }));
  });
  afterAll(async () => {
    for (const s of servers) {
      s.closeAllConnections();
      await new Promise((ok) => s.close(ok));
    }
    servers = [];
    await t.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("sends brotli or gzip as Accept-Encoding prefers, and the decoded body is the identity body", async () => {
    const identity = await get(port, "/api/library-status", auth);
    expect(identity.status).toBe(200);
    expect(identity.headers["content-encoding"]).toBeUndefined();
    expect(identity.headers.vary).toBe("Accept-Encoding");
    expect(identity.headers.etag).toMatch(/^"[^"]+"$/);
    const body = identity.raw.toString("utf8");
    expect(body.length).toBeGreaterThan(32 * 1024);

    for (const [accept, coding] of [
      ["br", "br"],
      ["gzip, deflate, br", "br"],
      ["gzip, deflate", "gzip"],
      ["br;q=0, gzip;q=0.5", "gzip"],
      ["gzip;q=1, br;q=0.4", "gzip"],
      ["*", "br"],
      ["identity", undefined],
      ["br;q=0, gzip;q=0", undefined],
    ] as const) {
      const r = await get(port, "/api/library-status", { ...auth, "accept-encoding": accept });
      expect(r.status, accept).toBe(200);
      expect(r.headers["content-encoding"], accept).toBe(coding);
      expect(r.headers.vary, accept).toBe("Accept-Encoding");
      expect(Number(r.headers["content-length"]), accept).toBe(r.raw.length);
      expect(decode(r), accept).toBe(body);
      if (coding) {
        expect(r.raw.length).toBeLessThan(body.length / 2);
        // A compressed representation has other bytes: its validator is weak.
        expect(r.headers.etag).toBe(`W/${identity.headers.etag}`);
      } else expect(r.headers.etag).toBe(identity.headers.etag);
    }
  });

  it("compresses bodies under the inline threshold too, and keeps other headers", async () => {
    const search = await get(
      port,
      "/api/search",
      { ...auth, "content-type": "application/json", "accept-encoding": "gzip" },
      "POST",
      JSON.stringify({ query: "the" }),
    );
    expect(search.status).toBe(200);
    expect(search.headers["content-encoding"]).toBe("gzip");
    expect(search.headers["x-request-id"]).toBeTruthy();
    expect(search.headers["x-content-type-options"]).toBe("nosniff");
    const decoded = JSON.parse(decode(search));
    expect(decoded.results.length).toBeGreaterThan(0);
    expect(gunzipSync(search.raw).length).toBeLessThan(32 * 1024);
  });

  it("answers If-None-Match with the weak tag of a compressed answer with a 304, uncompressed and empty", async () => {
    const first = await get(port, "/api/library-status", { ...auth, "accept-encoding": "br" });
    const again = await get(port, "/api/library-status", { ...auth, "accept-encoding": "br", "if-none-match": first.headers.etag! });
    expect(again.status).toBe(304);
    expect(again.headers["content-encoding"]).toBeUndefined();
    expect(again.raw.length).toBe(0);
  });

  it("does not compress HEAD, small bodies, or when turned off", async () => {
    const head = await get(port, "/api/library-status", { ...auth, "accept-encoding": "br" }, "HEAD");
    expect(head.status).toBe(200);
    expect(head.headers["content-encoding"]).toBeUndefined();
    expect(head.raw.length).toBe(0);

    const health = await get(port, "/api/health", { "accept-encoding": "br, gzip" });
    expect(health.headers["content-encoding"]).toBeUndefined();
    expect(health.headers.vary).toBeUndefined();
    expect(JSON.parse(health.raw.toString()).status).toBe("healthy");

    const plain = await get(plainPort, "/api/library-status", { ...auth, "accept-encoding": "br, gzip" });
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.headers.vary).toBeUndefined();
  });

  it("never compresses a static file twice: gzip from the file server is sent as is, brotli-only gets identity", async () => {
    const gz = await get(port, "/trending-movie-en.json", { "accept-encoding": "gzip, br" });
    expect(gz.status).toBe(200);
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gz.raw).toString()).toBe(trending);
    const brOnly = await get(port, "/trending-movie-en.json", { "accept-encoding": "br" });
    expect(brOnly.headers["content-encoding"]).toBeUndefined();
    expect(brOnly.raw.toString()).toBe(trending);
  });
});

/**
 * The *arr lists as Radarr and Sonarr fetch them: their HTTP client (`ManagedHttpDispatcher`, .NET
 * `AutomaticDecompression = GZip | Brotli`) sends `Accept-Encoding: gzip, br`, so the body cached
 * per change token is compressed once per token and coding, and every answer is that Buffer, sent
 * with its Content-Length.
 */
describe("the *arr lists with the *arr client's Accept-Encoding", () => {
  let t: TestApp;
  let server: Server;
  let port: number;
  const cache = new CompressedCache();
  const arr = { accept: "application/json", "accept-encoding": "gzip, br", "x-api-key": "arr-key" };

  beforeAll(async () => {
    t = await createTestApp({ config: { feedToken: "arr-key" } });
    const now = new Date().toISOString();
    // 400 pending requests of each type: bodies past the inline-compression size (thread pool).
    for (let i = 0; i < 400; i++) {
      for (const media_type of ["movie", "tv"] as const) {
        await t.store.insertRequest({
          tmdb_id: 1_000_000 + i,
          media_type,
          title: `Request ${i}`,
          year: 2000 + (i % 25),
          overview: "An overview of typical length.",
          poster_path: "/abcdefghijklmnopqrstuvwxyz1.jpg",
          imdb_id: null,
          tvdb_id: media_type === "tv" ? 300_000 + i : null,
          requested_by: `user${i % 7}`,
          created_at: now,
          tmdb_seasons: media_type === "tv" ? [0, 1, 2] : null,
        });
      }
    }
    server = createNodeServer(t.app, { compressedCache: cache });
    await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((ok) => server.close(ok));
    await t.close();
  });

  it.each([
    ["/arr/radarr/api/v3/movie?excludeLocalCovers=True", "br"],
    ["/arr/sonarr/api/v3/series", "br"],
    ["/list/radarr?status=all&token=arr-key", "br"],
  ])("%s: compressed once for concurrent pollers, then the kept Buffer in one write with its Content-Length", async (path) => {
    const identity = await get(port, path, { accept: "application/json", "x-api-key": "arr-key" });
    expect(identity.status).toBe(200);
    expect(identity.raw.length).toBeGreaterThan(32 * 1024);
    const track = vi.spyOn(cache, "track");
    try {
      const replies = await Promise.all(Array.from({ length: 6 }, () => get(port, path, arr)));
      const again = await get(port, path, arr);
      // One compression for all six concurrent requests; the seventh is served from the cache.
      expect(track).toHaveBeenCalledTimes(1);
      for (const r of [...replies, again]) {
        expect(r.status).toBe(200);
        expect(r.headers["content-encoding"]).toBe("br");
        expect(r.headers["transfer-encoding"]).toBeUndefined();
        expect(Number(r.headers["content-length"])).toBe(r.raw.length);
        expect(r.raw.equals(replies[0]!.raw)).toBe(true);
        expect(r.headers.etag).toBe(`W/${identity.headers.etag}`);
      }
      expect(decode(again)).toBe(identity.raw.toString("utf8"));
      expect(again.raw.length).toBeLessThan(identity.raw.length / 5);
      // The kept body is what was sent.
      const kept = cache.get(identity.headers.etag!, "br", identity.raw.length);
      expect(kept?.equals(again.raw)).toBe(true);
    } finally {
      track.mockRestore();
    }
  });
});

describe("compression rules", () => {
  const base = {
    method: "GET",
    status: 200,
    contentType: "application/json; charset=utf-8",
    contentEncoding: null,
    cacheControl: null,
    byteLength: 5000,
  };
  it("compresses JSON (and +json) over 1 KB only", () => {
    expect(isCompressible(base)).toBe(true);
    expect(isCompressible({ ...base, contentType: "application/manifest+json; charset=utf-8" })).toBe(true);
    expect(isCompressible({ ...base, contentType: "text/html; charset=utf-8" })).toBe(false);
    expect(isCompressible({ ...base, contentType: "application/jsonx" })).toBe(false);
    expect(isCompressible({ ...base, contentType: null })).toBe(false);
    expect(isCompressible({ ...base, byteLength: 1024 })).toBe(false);
    expect(isCompressible({ ...base, byteLength: 1025 })).toBe(true);
  });
  it("never for HEAD, 204, 304, an encoded body or Cache-Control: no-transform", () => {
    expect(isCompressible({ ...base, method: "HEAD" })).toBe(false);
    expect(isCompressible({ ...base, status: 204 })).toBe(false);
    expect(isCompressible({ ...base, status: 304 })).toBe(false);
    expect(isCompressible({ ...base, contentEncoding: "gzip" })).toBe(false);
    expect(isCompressible({ ...base, cacheControl: "private, no-transform" })).toBe(false);
    expect(isCompressible({ ...base, cacheControl: "No-Transform" })).toBe(false);
    expect(isCompressible({ ...base, cacheControl: "private, no-cache" })).toBe(true);
  });
  it("negotiates by q-value, brotli on a tie, identity when nothing acceptable", () => {
    expect(negotiate(undefined)).toBeNull();
    expect(negotiate("")).toBeNull();
    expect(negotiate("deflate")).toBeNull();
    expect(negotiate("gzip")).toBe("gzip");
    expect(negotiate("x-gzip")).toBe("gzip");
    expect(negotiate("GZIP;Q=0.8, BR;q=0.8")).toBe("br");
    expect(negotiate("br;q=0.1, gzip")).toBe("gzip");
    expect(negotiate("*;q=0.5, br;q=0")).toBe("gzip");
    expect(negotiate("*;q=0")).toBeNull();
    expect(negotiate("br;q=garbage")).toBe("br");
  });
  it("keeps compressed bodies per strong ETag and coding, within its limits", async () => {
    const cache = new CompressedCache(2, 1000);
    const a = Buffer.from("a");
    cache.set('"1"', "br", 10, a);
    expect(cache.get('"1"', "br", 10)).toBe(a);
    expect(cache.get('"1"', "gzip", 10)).toBeUndefined();
    expect(cache.get('"1"', "br", 11)).toBeUndefined();
    cache.set('"2"', "br", 10, a);
    cache.get('"1"', "br", 10);
    cache.set('"3"', "br", 10, a);
    // "2" was the least recently used.
    expect(cache.get('"2"', "br", 10)).toBeUndefined();
    expect(cache.get('"1"', "br", 10)).toBe(a);
    // A compression under way is shared, and its result kept once it is done.
    let finish!: (b: Buffer) => void;
    const running = new Promise<Buffer>((ok) => (finish = ok));
    expect(cache.track('"5"', "gzip", 10, running)).toBe(running);
    expect(cache.pending('"5"', "gzip", 10)).toBe(running);
    expect(cache.pending('"5"', "gzip", 11)).toBeUndefined();
    expect(cache.pending('"5"', "br", 10)).toBeUndefined();
    finish(a);
    await running;
    await new Promise((r) => setImmediate(r));
    expect(cache.pending('"5"', "gzip", 10)).toBeUndefined();
    expect(cache.get('"5"', "gzip", 10)).toBe(a);
    // A failed one is forgotten.
    const failed = Promise.reject(new Error("zlib"));
    void cache.track('"6"', "gzip", 10, failed).catch(() => {});
    await new Promise((r) => setImmediate(r));
    expect(cache.pending('"6"', "gzip", 10)).toBeUndefined();
    expect(cache.get('"6"', "gzip", 10)).toBeUndefined();
    // Nothing larger than a quarter of the byte budget is kept.
    cache.set('"4"', "br", 10, Buffer.alloc(300));
    expect(cache.get('"4"', "br", 10)).toBeUndefined();
  });
});
