import { asArray, asString, type Props } from "./values.js";

export interface Behavior {
  /** How messages name it: "the default cache behavior" or "the cache behavior for '/api/*'". */
  label: string;
  props: Props;
}

export function behaviorsOf(distribution: Props): Behavior[] {
  const list: Behavior[] = [];
  if (distribution["defaultCacheBehavior"]) {
    list.push({ label: "the default cache behavior", props: distribution["defaultCacheBehavior"] });
  }
  for (const b of asArray<Props>(distribution["orderedCacheBehaviors"])) {
    list.push({ label: `the cache behavior for '${b["pathPattern"]}'`, props: b });
  }
  return list;
}

export function originLabel(origin: Props): string {
  return asString(origin["originId"]) ?? asString(origin["domainName"]) ?? "(unnamed)";
}

/** Host of a URL or bare domain name, lower-cased, without port, path or trailing dot. */
export function hostOf(value: unknown): string | undefined {
  const text = asString(value);
  if (!text) return undefined;
  const host = text.replace(/^[a-z]+:\/\//i, "").split(/[/:?#]/)[0] ?? "";
  return host.replace(/\.$/, "").toLowerCase() || undefined;
}

// Bucket REST endpoints: bucket.s3.amazonaws.com, bucket.s3.eu-west-1.amazonaws.com, bucket.s3-eu-west-1.amazonaws.com.
const S3_REST = /\.s3([.-][a-z0-9-]+)?\.amazonaws\.com(\.cn)?$/;
// Website endpoints are public by design: bucket.s3-website-eu-west-1.amazonaws.com, bucket.s3-website.eu-west-1.amazonaws.com.
const S3_WEBSITE = /\.s3-website[.-][a-z0-9-]+\.amazonaws\.com(\.cn)?$/;
const LAMBDA_URL = /\.lambda-url\.[a-z0-9-]+\.on\.aws$/;

export function isS3WebsiteOrigin(origin: Props): boolean {
  const host = hostOf(origin["domainName"]);
  return host !== undefined && S3_WEBSITE.test(host);
}

export function isS3Origin(origin: Props): boolean {
  const host = hostOf(origin["domainName"]);
  if (host !== undefined && S3_WEBSITE.test(host)) return false;
  return origin["s3OriginConfig"] !== undefined || (host !== undefined && S3_REST.test(host));
}

export function isLambdaUrlOrigin(origin: Props): boolean {
  const host = hostOf(origin["domainName"]);
  return host !== undefined && LAMBDA_URL.test(host);
}

export const ORIGIN_VERIFY_HEADER = "X-Origin-Verify";

export function originVerifyHeader(origin: Props): Props | undefined {
  return asArray<Props>(origin["customHeaders"]).find(
    (h) => typeof h["name"] === "string" && h["name"].toLowerCase() === ORIGIN_VERIFY_HEADER.toLowerCase(),
  );
}

/** AWS managed "CachingDisabled" cache policy (all TTLs 0). */
export const MANAGED_CACHING_DISABLED_POLICY_ID = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad";

/** AWS managed "SecurityHeadersPolicy" (sets HSTS max-age=31536000 among others). */
export const MANAGED_SECURITY_HEADERS_POLICY_ID = "67f7725c-6f97-4210-82d7-5512b31e9d03";
