/**
 * AWS Signature Version 4 on plain values: a method, a URL, a record of headers and the body in,
 * the headers to send (with `authorization`) out. It signs exactly as aws4fetch did here (the same
 * signed headers, path and query canonicalisation, `X-Amz-Content-Sha256: UNSIGNED-PAYLOAD` for S3),
 * but with `node:crypto`'s synchronous HMAC and SHA-256: no WHATWG `Request`/`Headers` (which load
 * undici's JavaScript, ~35 ms of a Lambda cold start) and no Web Crypto (another load, and four
 * awaited HMACs per key). test/lib/sigv4.test.ts checks it against AWS's published vectors and
 * against aws4fetch's output for the requests the adapters send.
 */
import { createHash, createHmac } from "node:crypto";
import type { AwsCredentials } from "./aws-credentials.js";

export interface SigV4Options extends AwsCredentials {
  /** The signing name (`dynamodb`, `s3`, `lambda`, `secretsmanager`). */
  service: string;
  region: string;
  /** Sign `content-type` and the rest of the unsignable list too (AWS's test vectors do; the adapters never need it). */
  allHeaders?: boolean;
}

export interface UnsignedRequest {
  /** Default `POST` with a body, else `GET` (as aws4fetch). */
  method?: string;
  url: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
}

export interface SignedRequest {
  method: string;
  url: string;
  /** Lower-case names: the given headers plus `x-amz-date`, the session token, `authorization`. */
  headers: Record<string, string>;
  body?: string | Uint8Array;
}

/** Never signed: a proxy or the transport may set or change them (aws4fetch's list); the payload hash covers the body. */
const UNSIGNABLE = new Set([
  "authorization",
  "content-type",
  "content-length",
  "user-agent",
  "presigned-expires",
  "expect",
  "x-amzn-trace-id",
  "range",
  "connection",
]);

/** RFC 3986: `encodeURIComponent` leaves `!'()*` alone, SigV4 wants them encoded. */
const rfc3986 = (s: string): string => s.replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const encode = (s: string): string => rfc3986(encodeURIComponent(s));

const sha256Hex = (data: string | Uint8Array): string => createHash("sha256").update(data).digest("hex");
const hmac = (key: string | Buffer, data: string): Buffer => createHmac("sha256", key).update(data, "utf8").digest();

/**
 * The canonical URI. Every service but S3 signs the path as sent, encoded once more (AWS's
 * double encoding; repeated slashes collapsed); S3 signs the decoded key encoded once.
 */
function canonicalPath(pathname: string, service: string): string {
  let path = pathname;
  if (service === "s3") {
    try {
      path = decodeURIComponent(pathname.replace(/\+/g, " "));
    } catch {
      path = pathname;
    }
  } else {
    path = pathname.replace(/\/+/g, "/");
  }
  return encode(path).replace(/%2F/g, "/");
}

/** Sorted by encoded name then value; S3 signs a repeated name once. Empty names are left out. */
function canonicalQuery(search: URLSearchParams, service: string): string {
  const seen = new Set<string>();
  const pairs: [string, string][] = [];
  for (const [name, value] of search) {
    if (!name) continue;
    if (service === "s3") {
      if (seen.has(name)) continue;
      seen.add(name);
    }
    pairs.push([encode(name), encode(value)]);
  }
  pairs.sort(([k1, v1], [k2, v2]) => (k1 < k2 ? -1 : k1 > k2 ? 1 : v1 < v2 ? -1 : v1 > v2 ? 1 : 0));
  return pairs.map(([k, v]) => `${k}=${v}`).join("&");
}

/** `YYYYMMDDTHHMMSSZ`. */
export const amzDate = (now: Date): string => now.toISOString().replace(/[:-]|\.\d{3}/g, "");

/** A signer for one service and region; it derives the signing key once per day (four HMACs) and keeps it. */
export function createSigner(opts: SigV4Options): (request: UnsignedRequest, datetime?: string) => SignedRequest {
  let key: { date: string; value: Buffer } | null = null;
  const signingKey = (date: string): Buffer => {
    if (key?.date !== date) {
      const kDate = hmac(`AWS4${opts.secretAccessKey}`, date);
      const kRegion = hmac(kDate, opts.region);
      const kService = hmac(kRegion, opts.service);
      key = { date, value: hmac(kService, "aws4_request") };
    }
    return key.value;
  };

  return (request, datetime = amzDate(new Date())) => {
    const url = new URL(request.url);
    const method = (request.method ?? (request.body ? "POST" : "GET")).toUpperCase();
    // As a WHATWG Headers would hold them: lower-case names, values trimmed; the URL names the host.
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers ?? {})) headers[name.toLowerCase()] = String(value).trim();
    delete headers.host;
    if (opts.service === "s3" && !("x-amz-content-sha256" in headers)) headers["x-amz-content-sha256"] = "UNSIGNED-PAYLOAD";
    headers["x-amz-date"] = datetime;
    if (opts.sessionToken) headers["x-amz-security-token"] = opts.sessionToken;

    const signed = ["host", ...Object.keys(headers).filter((name) => opts.allHeaders || !UNSIGNABLE.has(name))].sort();
    const signedHeaders = signed.join(";");
    const canonicalHeaders = signed.map((name) => `${name}:${name === "host" ? url.host : headers[name]!.replace(/\s+/g, " ")}\n`).join("");
    const payloadHash = headers["x-amz-content-sha256"] ?? sha256Hex(request.body ?? "");
    const canonical = [
      method,
      canonicalPath(url.pathname, opts.service),
      canonicalQuery(url.searchParams, opts.service),
      canonicalHeaders,
      signedHeaders,
      payloadHash,
    ].join("\n");
    const date = datetime.slice(0, 8);
    const scope = `${date}/${opts.region}/${opts.service}/aws4_request`;
    const stringToSign = `AWS4-HMAC-SHA256\n${datetime}\n${scope}\n${sha256Hex(canonical)}`;
    const signature = createHmac("sha256", signingKey(date)).update(stringToSign, "utf8").digest("hex");
    headers.authorization = `AWS4-HMAC-SHA256 Credential=${opts.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
    return { method, url: request.url, headers, ...(request.body !== undefined ? { body: request.body } : {}) };
  };
}
