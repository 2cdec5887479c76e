import type { ReportViolation, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { behaviorsOf, MANAGED_CACHING_DISABLED_POLICY_ID } from "../../lib/cloudfront.js";
import { T } from "../../lib/types.js";
import { aboutType, asString, configWithDefaults, ofType, refersTo, type Props } from "../../lib/values.js";

interface Config {
  uncachedPathPatterns: string[];
}
const DEFAULTS: Config = { uncachedPathPatterns: ["/api/*", "/webhook/*", "/sync/*"] };

// CloudFront's defaults when a TTL is not given (cache policies and legacy cache settings alike).
const DEFAULT_TTL = 86_400;
const MIN_TTL = 0;

/** Whether a behavior's path pattern lies within one of the configured prefixes (`/api/*` covers `/api/auth/*`). */
function isUncachedPath(pattern: string, uncached: string[]): boolean {
  return uncached.some((u) => pattern === u || (u.endsWith("*") && pattern.startsWith(u.slice(0, -1))));
}

/**
 * API answers belong to one user (they are keyed by the Authorization header at best) and change with every
 * request. A cache policy with a non-zero default TTL makes CloudFront keep any answer that carries no
 * Cache-Control header — an error page, a proxy's reply — and serve it again; a non-zero minimum TTL overrides even
 * `no-store`. So the API's behaviors use a cache policy of this stack with default and minimum TTL 0 (the maximum
 * may stay above 0, which CloudFront needs to forward Authorization in the cache key), or the managed
 * CachingDisabled policy; any other policy cannot be checked here.
 */
export const keepApiUncached: StackValidationPolicy = {
  name: "aws-cloudfront-distribution-keep-api-uncached",
  description: "CloudFront cache behaviors for the API (/api/*, /webhook/*, /sync/*) use a default and minimum TTL of 0.",
  enforcementLevel: "mandatory",
  severity: "high",
  configSchema: {
    properties: { uncachedPathPatterns: { type: "array", items: { type: "string" }, default: DEFAULTS.uncachedPathPatterns } },
  },
  validateStack: aboutType(T.distribution, (args: StackValidationArgs, reportViolation: ReportViolation) => {
    const { uncachedPathPatterns } = configWithDefaults(DEFAULTS, () => args.getConfig<Partial<Config>>());
    const cachePolicies = ofType(args.resources, T.cachePolicy);
    for (const distribution of ofType(args.resources, T.distribution)) {
      const report = (behavior: string, problem: string) =>
        reportViolation(`Distribution '${distribution.name}': ${behavior} ${problem}`, distribution.urn);
      for (const behavior of behaviorsOf(distribution.props)) {
        const pattern = asString(behavior.props["pathPattern"]);
        if (pattern === undefined || !isUncachedPath(pattern, uncachedPathPatterns)) continue;
        const id = asString(behavior.props["cachePolicyId"]);
        let source: string;
        let ttl: Props;
        if (id === undefined) {
          [source, ttl] = ["its legacy cache settings", behavior.props];
        } else if (id === MANAGED_CACHING_DISABLED_POLICY_ID) {
          continue;
        } else {
          const policy = cachePolicies.find((p) => refersTo(id, p));
          if (!policy) {
            report(
              behavior.label,
              `uses cache policy '${id}', which is neither defined in this stack nor the managed CachingDisabled policy, so its TTLs cannot be checked.`,
            );
            continue;
          }
          [source, ttl] = [`cache policy '${asString(policy.props["name"]) ?? policy.name}'`, policy.props];
        }
        const defaultTtl = Number(ttl["defaultTtl"] ?? DEFAULT_TTL);
        const minTtl = Number(ttl["minTtl"] ?? MIN_TTL);
        if (defaultTtl !== 0) {
          report(
            behavior.label,
            `keeps API responses for ${defaultTtl} s by default (${source}): CloudFront caches any answer without Cache-Control; set defaultTtl to 0 or use the managed CachingDisabled policy.`,
          );
        }
        if (minTtl !== 0) {
          report(
            behavior.label,
            `keeps API responses for at least ${minTtl} s (${source}), even those sent with no-store; set minTtl to 0.`,
          );
        }
      }
    }
  }),
};
