/**
 * Content types and cache rules of the files the app is made of (product.md §4). One definition
 * for both shapes: the embedded runtime serves `ui/dist` with them, and the AWS stack uploads it to
 * S3 with them.
 */
const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".webmanifest": "application/manifest+json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".ico": "image/x-icon",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
  ".txt": "text/plain; charset=utf-8",
  ".map": "application/json; charset=utf-8",
};

/** Text types worth compressing on the fly. */
export const COMPRESSIBLE_EXTENSIONS = new Set([".html", ".js", ".mjs", ".css", ".json", ".svg", ".webmanifest", ".txt", ".map"]);

const NO_CACHE = new Set(["index.html", "sw.js", "manifest.webmanifest", "config.json"]);

const extensionOf = (path: string): string => {
  const name = path.slice(path.lastIndexOf("/") + 1);
  const dot = name.lastIndexOf(".");
  return dot > 0 ? name.slice(dot).toLowerCase() : "";
};

export function contentTypeOf(path: string): string {
  return TYPES[extensionOf(path)] ?? "application/octet-stream";
}

/** `path` relative to the site root, with or without a leading slash: hashed assets are immutable; the shell, service worker and generated files revalidate. */
export function cacheControlOf(path: string): string {
  const key = path.replace(/^\/+/, "");
  if (NO_CACHE.has(key)) return "no-cache";
  if (key.startsWith("assets/")) return "public, max-age=31536000, immutable";
  return "public, max-age=3600";
}
