/**
 * The SSRF guard for every URL Stellarr sends to on someone's behalf: push endpoints (product.md §7)
 * and notification channels (docs/notifications.md). https only, and every address the host
 * resolves to must be public unless private endpoints are allowed. Checked when the URL is
 * accepted and again before each send; the `lookup` functions also pin the check to the address
 * the socket actually connects to, so a host that re-resolves to another address is still refused.
 *
 * One exception, for a household ntfy server on the LAN: plain http, allowed only when the caller
 * allows it *and* private endpoints are allowed, and then only to non-public addresses (so a token
 * never crosses the internet in clear text, whatever the DNS answers later).
 */
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { isIP } from "node:net";
import { isPublicAddress } from "../../domain/push/ip-ranges.js";

export type EndpointCheck = { ok: true } | { ok: false; reason: string };

export type ResolveAll = (hostname: string) => Promise<LookupAddress[]>;

/** Which addresses a connection may reach. */
export type AddressPolicy = "public" | "private" | "any";

export interface OutboundCheckOptions {
  allowPrivate: boolean;
  /** Accept `http:` too, for private addresses only (and only when `allowPrivate`). */
  allowPlainHttpToPrivate?: boolean;
  resolve?: ResolveAll;
}

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

/**
 * The address policy a URL is sent under, or null when it may not be sent to at all.
 * https: public-only unless `allowPrivate`; http: private-only, and only with both switches.
 */
export function addressPolicyFor(
  url: URL,
  opts: Pick<OutboundCheckOptions, "allowPrivate" | "allowPlainHttpToPrivate">,
): AddressPolicy | null {
  if (url.protocol === "https:") return opts.allowPrivate ? "any" : "public";
  if (url.protocol === "http:" && opts.allowPlainHttpToPrivate && opts.allowPrivate) return "private";
  return null;
}

const fits = (policy: AddressPolicy, address: string): boolean =>
  policy === "any" || (policy === "public" ? isPublicAddress(address) : !isPublicAddress(address));

const REFUSED_REASON: Record<Exclude<AddressPolicy, "any">, string> = {
  public: "non-public address",
  private: "plain http to a public address",
};

/** Checks an outbound URL (scheme, credentials, resolved addresses) against the options. */
export async function checkOutboundUrl(target: string, opts: OutboundCheckOptions): Promise<EndpointCheck> {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return { ok: false, reason: "not a URL" };
  }
  const policy = addressPolicyFor(url, opts);
  if (policy === null) return { ok: false, reason: "not https" };
  if (url.username || url.password) return { ok: false, reason: "credentials in URL" };
  if (policy === "any") return { ok: true };
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (isIP(host)) return fits(policy, host) ? { ok: true } : { ok: false, reason: REFUSED_REASON[policy] };
  let addresses: LookupAddress[];
  try {
    addresses = await (opts.resolve ?? resolveAll)(host);
  } catch {
    return { ok: false, reason: "host does not resolve" };
  }
  if (addresses.length === 0) return { ok: false, reason: "host does not resolve" };
  return addresses.every((a) => fits(policy, a.address)) ? { ok: true } : { ok: false, reason: REFUSED_REASON[policy] };
}

/** Push endpoints (product.md §7): https only. */
export function checkPushEndpoint(endpoint: string, opts: { allowPrivate: boolean; resolve?: ResolveAll }): Promise<EndpointCheck> {
  return checkOutboundUrl(endpoint, { allowPrivate: opts.allowPrivate, resolve: opts.resolve });
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;
export type LookupFunction = (hostname: string, options: { all?: boolean; family?: number | string }, callback: LookupCallback) => void;

const REFUSED_CODE: Record<Exclude<AddressPolicy, "any">, { code: string; message: string }> = {
  // EPUSHPRIVATE predates channels; kept because logs and tests know it.
  public: { code: "EPUSHPRIVATE", message: "endpoint resolves to a non-public address" },
  private: { code: "EPLAINPUBLIC", message: "plain http endpoint resolves to a public address" },
};

/**
 * A `lookup` for `http(s).Agent` that refuses, at connect time, addresses outside the policy.
 * Keeps node's contract: the callback form depends on `options.all`.
 */
export function policyLookupWith(policy: AddressPolicy, resolve: ResolveAll): LookupFunction {
  return (hostname, options, callback) => {
    const family = options.family ? Number(String(options.family).replace("IPv", "")) : 0;
    resolve(hostname).then(
      (addresses) => {
        const wanted = addresses.filter((a) => !family || a.family === family);
        if (wanted.length === 0 || !wanted.every((a) => fits(policy, a.address))) {
          const why = policy === "any" ? { code: "ENOTFOUND", message: `no address for ${hostname}` } : REFUSED_CODE[policy];
          const refused = Object.assign(new Error(why.message), { code: why.code });
          return callback(refused, options.all ? [] : "", 0);
        }
        if (options.all) return callback(null, wanted);
        return callback(null, wanted[0]!.address, wanted[0]!.family);
      },
      (err: NodeJS.ErrnoException) => callback(err, options.all ? [] : "", 0),
    );
  };
}

/** Public addresses only (push endpoints, channels without `ALLOW_PRIVATE_ENDPOINTS`). */
export function guardedLookupWith(resolve: ResolveAll): LookupFunction {
  return policyLookupWith("public", resolve);
}

export const guardedLookup: LookupFunction = guardedLookupWith(resolveAll);
