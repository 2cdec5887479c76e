/**
 * Files the embedded/Docker runtime serves itself (product.md §4): the SPA from `ui/dist` and the
 * trending files from `DATA_DIR/trending/`. On AWS, CloudFront + S3 serve these instead.
 *
 * - `/trending-{all|movie|tv}-{locale}.json`: only configured locales, strict name pattern, JSON 404 otherwise.
 * - API prefixes are never answered here (their 404 is JSON from the app).
 * - Hashed `/assets/*` are immutable; `index.html`, `sw.js` no-cache; extension-less paths → `index.html`.
 */
import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, sep } from "node:path";
import { Readable } from "node:stream";
import { gzipSync } from "node:zlib";
import type { AssetServer } from "../../ports/assets.js";
import { json } from "../../lib/json-response.js";
import { cacheControlOf, COMPRESSIBLE_EXTENSIONS, contentTypeOf } from "../../contract/static-rules.js";
import { parseTrendingFileName } from "../../contract/trending.js";
import { uiBuildInProgress } from "./ui-build-marker.js";

const API_PREFIXES = ["/api/", "/list/", "/webhook/", "/sync/"];

export interface StaticFilesOptions {
  /** The built SPA (`ui/dist`); null or missing → a minimal placeholder page ("building…" while `npm start` builds it). */
  uiDir: string | null;
  trendingDir: string;
  locales: readonly string[];
  appName: string;
}

export function createStaticFiles(opts: StaticFilesOptions): AssetServer {
  const gzipCache = new Map<string, { mtime: number; body: Buffer }>();

  async function fileResponse(path: string, urlPath: string, request: Request, cacheControl: string): Promise<Response | null> {
    let info;
    try {
      info = await stat(path);
    } catch {
      return null;
    }
    if (!info.isFile()) return null;
    const ext = extname(path).toLowerCase();
    const headers: Record<string, string> = {
      "content-type": contentTypeOf(path),
      "cache-control": cacheControl,
      "last-modified": info.mtime.toUTCString(),
      etag: `W/"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`,
    };
    if (request.headers.get("if-none-match") === headers.etag) return new Response(null, { status: 304, headers });
    const head = request.method === "HEAD";
    if (COMPRESSIBLE_EXTENSIONS.has(ext) && info.size > 1024 && /\bgzip\b/.test(request.headers.get("accept-encoding") ?? "")) {
      let cached = gzipCache.get(path);
      if (!cached || cached.mtime !== info.mtimeMs) {
        cached = { mtime: info.mtimeMs, body: gzipSync(await readFile(path)) };
        gzipCache.set(path, cached);
      }
      headers["content-encoding"] = "gzip";
      headers.vary = "Accept-Encoding";
      headers["content-length"] = String(cached.body.length);
      return new Response(head ? null : new Uint8Array(cached.body), { headers });
    }
    headers["content-length"] = String(info.size);
    void urlPath;
    return new Response(head ? null : (Readable.toWeb(createReadStream(path)) as ReadableStream), { headers });
  }

  return {
    async serve(request, url) {
      const path = url.pathname;
      if (API_PREFIXES.some((p) => path.startsWith(p)) || ["/api", "/list", "/webhook", "/sync"].includes(path)) return null;

      if (path.startsWith("/trending-")) {
        if (!parseTrendingFileName(path.slice(1), opts.locales)) return json({ detail: "No such trending file", code: "not_found" }, 404);
        const res = await fileResponse(join(opts.trendingDir, path.slice(1)), path, request, "public, max-age=3600");
        return res ?? json({ detail: "Trending file not generated yet", code: "not_found" }, 404);
      }

      let decoded: string;
      try {
        decoded = decodeURIComponent(path);
      } catch {
        return json({ detail: "Not found", code: "not_found" }, 404);
      }
      if (decoded.includes("\0")) return json({ detail: "Not found", code: "not_found" }, 404);

      if (opts.uiDir) {
        const root = normalize(opts.uiDir + sep);
        const target = normalize(join(root, decoded));
        if (target.startsWith(root) && extname(decoded) !== "") {
          const res = await fileResponse(target, decoded, request, cacheControlOf(decoded));
          if (res) return res;
        }
      }
      // Unknown files → 404; extension-less paths are SPA routes → index.html.
      if (extname(decoded) !== "") return json({ detail: "Not found", code: "not_found" }, 404);
      if (opts.uiDir) {
        const index = await fileResponse(join(opts.uiDir, "index.html"), "/index.html", request, "no-cache");
        if (index) return index;
        if (await uiBuildInProgress(opts.uiDir)) {
          return new Response(buildingPage(opts.appName), {
            headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" },
          });
        }
      }
      return new Response(placeholder(opts.appName), {
        headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-cache" },
      });
    },
  };
}

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function placeholder(appName: string): string {
  const name = escapeHtml(appName);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${name}</title></head>
<body><main><h1>${name}</h1><p>The API is running. The web interface has not been built: run <code>npm run build -w ui</code>.</p>
<p><a href="/api/health">Health</a></p></main></body></html>`;
}

/** While `npm start` builds the UI of a fresh clone: reloads itself until the UI is there. */
function buildingPage(appName: string): string {
  const name = escapeHtml(appName);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta http-equiv="refresh" content="3"><title>${name}</title></head>
<body><main><h1>${name}</h1><p>Building the web interface (first start, about a minute at most)… This page reloads by itself.</p>
<p>The API is already running: <a href="/api/health">Health</a></p></main></body></html>`;
}
