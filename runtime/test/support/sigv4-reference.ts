/**
 * An independent, deliberately plain AWS Signature Version 4 implementation (node:crypto only),
 * written from the specification to check the signatures the adapters send (lib/sigv4.ts). It is itself checked against AWS's
 * published test vectors (test/fixtures/sigv4/vectors.json) before it is trusted.
 */
import { createHash, createHmac } from "node:crypto";

export interface ReferenceSignInput {
  method: string;
  url: string;
  /** Exactly the headers to sign (must include `host` and `x-amz-date`). */
  headers: Record<string, string>;
  body: string;
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  service: string;
  /** `YYYYMMDDTHHMMSSZ`. */
  datetime: string;
}

const sha256Hex = (data: string) => createHash("sha256").update(data, "utf8").digest("hex");
const hmac = (key: string | Buffer, data: string) => createHmac("sha256", key).update(data, "utf8").digest();

/** RFC 3986 encoding: everything but unreserved characters. */
const encode = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

function canonicalUri(pathname: string): string {
  // Non-S3 services: each segment of the (already encoded) path is encoded again.
  return (
    pathname
      .split("/")
      .map((segment) => encode(segment))
      .join("/") || "/"
  );
}

function canonicalQuery(search: URLSearchParams): string {
  const pairs = [...search.entries()].map(([k, v]) => [encode(k), encode(v)] as const);
  pairs.sort(([ak, av], [bk, bv]) => (ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  return pairs.map(([k, v]) => `${k}=${v}`).join("&");
}

export function referenceCanonicalRequest(input: ReferenceSignInput): { canonical: string; signedHeaders: string } {
  const url = new URL(input.url);
  const headers = Object.entries(input.headers)
    .map(([name, value]) => [name.toLowerCase(), value.trim().replace(/\s+/g, " ")] as const)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  const signedHeaders = headers.map(([name]) => name).join(";");
  const canonical = [
    input.method.toUpperCase(),
    canonicalUri(url.pathname),
    canonicalQuery(url.searchParams),
    headers.map(([name, value]) => `${name}:${value}\n`).join(""),
    signedHeaders,
    sha256Hex(input.body),
  ].join("\n");
  return { canonical, signedHeaders };
}

export function referenceAuthorization(input: ReferenceSignInput): string {
  const { canonical, signedHeaders } = referenceCanonicalRequest(input);
  const date = input.datetime.slice(0, 8);
  const scope = `${date}/${input.region}/${input.service}/aws4_request`;
  const stringToSign = ["AWS4-HMAC-SHA256", input.datetime, scope, sha256Hex(canonical)].join("\n");
  const kDate = hmac(`AWS4${input.secretAccessKey}`, date);
  const kRegion = hmac(kDate, input.region);
  const kService = hmac(kRegion, input.service);
  const kSigning = hmac(kService, "aws4_request");
  const signature = createHmac("sha256", kSigning).update(stringToSign, "utf8").digest("hex");
  return `AWS4-HMAC-SHA256 Credential=${input.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
}
