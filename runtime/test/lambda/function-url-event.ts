/**
 * Function URL events as CloudFront forwards them to the API function (the origin-verify header,
 * the viewer's address, CloudFront's own source IP), for the tests that invoke the built bundles.
 */
import type { FunctionUrlEvent } from "../../src/adapters/lambda/function-url.js";

export const HOST = "abcdefghijklmnop.lambda-url.us-east-1.on.aws";
/** The bundles under test get it as `ORIGIN_VERIFY_SECRET`. */
export const ORIGIN_SECRET = "origin-verify-0123456789";
export const VIEWER_IP = "203.0.113.50";
export const CLOUDFRONT_IP = "130.176.0.10";

export interface EventOptions {
  query?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  json?: unknown;
  token?: string;
  /** Send the CloudFront origin-verify header (default true). */
  verified?: boolean;
}

export function functionUrlEvent(method: string, path: string, opts: EventOptions = {}): FunctionUrlEvent {
  const headers: Record<string, string> = {
    host: HOST,
    "user-agent": "Amazon CloudFront",
    "cloudfront-viewer-address": `${VIEWER_IP}:51234`,
    ...(opts.verified === false ? {} : { "x-origin-verify": ORIGIN_SECRET }),
    ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
    ...opts.headers,
  };
  let body: string | undefined;
  let isBase64Encoded = false;
  if (opts.json !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(opts.json);
  } else if (Buffer.isBuffer(opts.body)) {
    body = opts.body.toString("base64");
    isBase64Encoded = true;
  } else body = opts.body;
  return {
    version: "2.0",
    rawPath: path,
    rawQueryString: opts.query ?? "",
    headers,
    requestContext: { domainName: HOST, http: { method, sourceIp: CLOUDFRONT_IP } },
    ...(body !== undefined ? { body } : {}),
    isBase64Encoded,
  };
}
