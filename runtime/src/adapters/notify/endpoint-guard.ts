/**
 * The SSRF guard for push endpoints (product.md §7): https only, and every address the host
 * resolves to must be public unless `PUSH_ALLOW_PRIVATE_ENDPOINTS`. Checked when a device
 * subscribes and again before each send; `guardedLookup` also pins the check to the address the
 * socket actually connects to, so a host that re-resolves to a private address is still refused.
 */
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { isIP } from "node:net";
import { isPublicAddress } from "../../domain/push/ip-ranges.js";
import type { EndpointCheck, PushEndpointGuard } from "../../ports/push-endpoint-guard.js";

export type { EndpointCheck };

export type ResolveAll = (hostname: string) => Promise<LookupAddress[]>;

const LOOKUP_TIMEOUT_MS = 5_000;

export const resolveAll: ResolveAll = (hostname) =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("DNS lookup timed out")), LOOKUP_TIMEOUT_MS);
    dnsLookup(hostname, { all: true }, (err, addresses) => {
      clearTimeout(timer);
      if (err) reject(err);
      else resolve(addresses);
    });
  });

export async function checkPushEndpoint(endpoint: string, opts: { allowPrivate: boolean; resolve?: ResolveAll }): Promise<EndpointCheck> {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return { ok: false, reason: "not a URL" };
  }
  if (url.protocol !== "https:") return { ok: false, reason: "not https" };
  if (url.username || url.password) return { ok: false, reason: "credentials in URL" };
  if (opts.allowPrivate) return { ok: true };
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (isIP(host)) return isPublicAddress(host) ? { ok: true } : { ok: false, reason: "non-public address" };
  let addresses: LookupAddress[];
  try {
    addresses = await (opts.resolve ?? resolveAll)(host);
  } catch {
    return { ok: false, reason: "host does not resolve" };
  }
  if (addresses.length === 0) return { ok: false, reason: "host does not resolve" };
  return addresses.every((a) => isPublicAddress(a.address)) ? { ok: true } : { ok: false, reason: "non-public address" };
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;
export type LookupFunction = (hostname: string, options: { all?: boolean; family?: number | string }, callback: LookupCallback) => void;

/**
 * A `lookup` for `https.Agent` that refuses non-public addresses at connect time.
 * Keeps node's contract: the callback form depends on `options.all`.
 */
export function guardedLookupWith(resolve: ResolveAll): LookupFunction {
  return (hostname, options, callback) => {
    const family = options.family ? Number(String(options.family).replace("IPv", "")) : 0;
    resolve(hostname).then(
      (addresses) => {
        const wanted = addresses.filter((a) => !family || a.family === family);
        if (wanted.length === 0 || !wanted.every((a) => isPublicAddress(a.address))) {
          const refused = Object.assign(new Error("push endpoint resolves to a non-public address"), { code: "EPUSHPRIVATE" });
          return callback(refused, options.all ? [] : "", 0);
        }
        if (options.all) return callback(null, wanted);
        return callback(null, wanted[0]!.address, wanted[0]!.family);
      },
      (err: NodeJS.ErrnoException) => callback(err, options.all ? [] : "", 0),
    );
  };
}

export const guardedLookup: LookupFunction = guardedLookupWith(resolveAll);

/** The guard as the app takes it (`PushEndpointGuard`), with the deployment's private-endpoint setting bound. */
export function createPushEndpointGuard(opts: { allowPrivate: boolean; resolve?: ResolveAll }): PushEndpointGuard {
  return { check: (endpoint) => checkPushEndpoint(endpoint, opts) };
}
