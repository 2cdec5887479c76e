/**
 * Trending sink for AWS: a SigV4-signed PUT (sent over `node:https`: lib/aws-transport.ts) per file into the trending bucket, served by
 * CloudFront. S3 PUTs are atomic per object, so readers see the old or the new body.
 */
import type { AwsCredentials } from "../../lib/aws-credentials.js";
import { AwsHttpClient, type AwsFetchInit, type AwsResponse } from "../../lib/aws-transport.js";
import { currentDeadline } from "../../lib/deadline.js";
import type { TrendingSink } from "../../ports/trending.js";

export interface S3TrendingSinkOptions {
  bucket: string;
  region: string;
  /** A custom endpoint (tests, S3-compatible stores): path-style addressing `endpoint/bucket/key`. */
  endpoint?: string;
  credentials: AwsCredentials;
}

export const TRENDING_CACHE_CONTROL = "public, max-age=3600";
/** One PUT or HEAD, the client's retries included, ends within this or at the current deadline (the warmer's invocation), whichever is first. */
export const S3_CALL_TIMEOUT_MS = 10_000;

export function createS3TrendingSink(opts: S3TrendingSinkOptions): Required<TrendingSink> {
  const aws = new AwsHttpClient({
    accessKeyId: opts.credentials.accessKeyId,
    secretAccessKey: opts.credentials.secretAccessKey,
    sessionToken: opts.credentials.sessionToken,
    service: "s3",
    region: opts.region,
    // Lambda has a short timeout; the client's default is 10 retries with backoff.
    retries: 2,
  });
  const urlOf = (name: string): string => {
    const key = name.split("/").map(encodeURIComponent).join("/");
    return opts.endpoint
      ? `${opts.endpoint.replace(/\/+$/, "")}/${encodeURIComponent(opts.bucket)}/${key}`
      : `https://${opts.bucket}.s3.${opts.region}.amazonaws.com/${key}`;
  };
  const send = (url: string, init: AwsFetchInit): Promise<AwsResponse> =>
    aws.fetch(url, { ...init, signal: currentDeadline().signalFor(S3_CALL_TIMEOUT_MS) });

  return {
    async write(name, body) {
      const res = await send(urlOf(name), {
        method: "PUT",
        body,
        headers: { "content-type": "application/json", "cache-control": TRENDING_CACHE_CONTROL },
      });
      if (!res.ok) throw new Error(`S3 PUT ${name} failed: HTTP ${res.status}${await errorCode(res)}`);
    },
    async modifiedAt(name) {
      const res = await send(urlOf(name), { method: "HEAD" });
      if (res.status === 404) return null;
      if (!res.ok) throw new Error(`S3 HEAD ${name} failed: HTTP ${res.status}`);
      const lastModified = Date.parse(res.headers.get("last-modified") ?? "");
      return Number.isFinite(lastModified) ? lastModified : null;
    },
  };
}

/** The `<Code>` of an S3 XML error (e.g. SignatureDoesNotMatch), never the message or request ids. */
async function errorCode(res: AwsResponse): Promise<string> {
  const text = await res.text().catch(() => "");
  const code = /<Code>([A-Za-z0-9.]{1,64})<\/Code>/.exec(text)?.[1];
  return code ? ` ${code}` : "";
}
