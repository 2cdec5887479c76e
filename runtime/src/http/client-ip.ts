/**
 * Client IP and public origin per TRUST_PROXY (product.md §2–§3). Headers a client can forge are
 * only read when the deployment says a proxy sets them.
 */
import type { Config, TrustProxy } from "../config/types.js";

const CLOUDFRONT_VIEWER = "cloudfront-viewer-address";

export function clientIp(headers: Headers, remoteAddress: string | undefined, trust: TrustProxy): string {
  const socket = normaliseIp(remoteAddress ?? "unknown");
  if (trust.mode === "cloudfront") {
    // "203.0.113.7:46532" or "[2001:db8::1]:46532" / "2001:db8::1:46532"
    const viewer = headers.get(CLOUDFRONT_VIEWER);
    if (viewer) return normaliseIp(viewer.replace(/:\d+$/, "").replace(/^\[|\]$/g, ""));
    return socket;
  }
  if (trust.mode === "x-forwarded-for") {
    const chain = (headers.get("x-forwarded-for") ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    // The N-th address from the right was appended by our N-th proxy; anything further left is client-supplied.
    const picked = chain[chain.length - trust.hops];
    return picked ? normaliseIp(picked) : socket;
  }
  return socket;
}

function normaliseIp(ip: string): string {
  const v4mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  return (v4mapped ? v4mapped[1]! : ip).toLowerCase();
}

/** BASE_URL's origin when set; else the request's own origin (through a trusted proxy, its forwarded host and scheme). */
export function publicOrigin(config: Pick<Config, "baseUrl" | "trustProxy">, headers: Headers, url: URL, trusted: boolean): string {
  if (config.baseUrl !== null) return new URL(config.baseUrl).origin;
  if (trusted && config.trustProxy.mode === "x-forwarded-for") {
    const host = headers.get("x-forwarded-host");
    const proto = headers.get("x-forwarded-proto");
    if (host && /^[A-Za-z0-9.:[\]-]+$/.test(host)) return `${proto === "https" ? "https" : "http"}://${host}`;
  }
  return url.origin;
}
