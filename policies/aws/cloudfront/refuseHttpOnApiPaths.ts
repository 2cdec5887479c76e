import * as aws from "@pulumi/aws";
import { validateResourceOfType, type ResourceValidationPolicy } from "@pulumi/policy";
import { behaviorsOf, withinPathPatterns } from "../../lib/cloudfront.js";
import { asString, configWithDefaults } from "../../lib/values.js";

interface Config {
  pathPatterns: string[];
}
const DEFAULTS: Config = { pathPatterns: ["/api/*", "/list/*", "/webhook/*", "/sync/*", "/arr/*"] };

/**
 * Requests to the runtime carry credentials: session bearer tokens, feed and webhook tokens in the query string,
 * the feed token as Radarr's and Sonarr's `X-Api-Key`. A redirect to HTTPS comes after the request — and its
 * credentials — crossed the network in clear; and Radarr and Sonarr report any redirect of an instance list as
 * a wrong URL base. So these behaviors refuse plain HTTP (`https-only`, CloudFront answers 403) rather than
 * redirect; the site's own paths may redirect (product.md §10).
 */
export const refuseHttpOnApiPaths: ResourceValidationPolicy = {
  name: "aws-cloudfront-distribution-refuse-http-on-api-paths",
  description:
    "CloudFront cache behaviors for the runtime's paths (/api/*, /list/*, /webhook/*, /sync/*, /arr/*) refuse plain HTTP instead of redirecting.",
  enforcementLevel: "mandatory",
  severity: "high",
  configSchema: {
    properties: { pathPatterns: { type: "array", items: { type: "string" }, default: DEFAULTS.pathPatterns } },
  },
  validateResource: validateResourceOfType(aws.cloudfront.Distribution, (distribution, args, reportViolation) => {
    const { pathPatterns } = configWithDefaults(DEFAULTS, () => args.getConfig<Partial<Config>>());
    for (const behavior of behaviorsOf(distribution)) {
      const pattern = asString(behavior.props["pathPattern"]);
      if (pattern === undefined || !withinPathPatterns(pattern, pathPatterns)) continue;
      const policy = behavior.props["viewerProtocolPolicy"];
      if (policy !== "https-only") {
        const sentence = behavior.label.charAt(0).toUpperCase() + behavior.label.slice(1);
        reportViolation(
          `${sentence} answers plain HTTP (viewerProtocolPolicy '${policy}'), so tokens and API keys cross the network in clear before any redirect, and Radarr and Sonarr take a redirect for a wrong URL base; use 'https-only'.`,
        );
      }
    }
  }),
};
