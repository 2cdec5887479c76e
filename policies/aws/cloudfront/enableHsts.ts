import * as aws from "@pulumi/aws";
import { validateResourceOfType, type ResourceValidationPolicy } from "@pulumi/policy";
import { configWithDefaults } from "../../lib/values.js";

interface Config {
  minimumMaxAgeSeconds: number;
}
const DEFAULTS: Config = { minimumMaxAgeSeconds: 31_536_000 };

/**
 * Browsers remember to use HTTPS only for the HSTS max-age; one year is the preload-list minimum.
 * @frameworks Checkov CKV2_AWS_32; OWASP Secure Headers
 */
export const enableHsts: ResourceValidationPolicy = {
  name: "aws-cloudfront-response-headers-policy-enable-hsts",
  description: "CloudFront response headers policies send Strict-Transport-Security for at least a year.",
  enforcementLevel: "mandatory",
  severity: "medium",
  configSchema: {
    properties: { minimumMaxAgeSeconds: { type: "integer", minimum: 0, default: DEFAULTS.minimumMaxAgeSeconds } },
  },
  validateResource: validateResourceOfType(aws.cloudfront.ResponseHeadersPolicy, (policy, args, reportViolation) => {
    const { minimumMaxAgeSeconds } = configWithDefaults(DEFAULTS, () => args.getConfig<Partial<Config>>());
    const hsts = policy.securityHeadersConfig?.strictTransportSecurity;
    if (!hsts) {
      reportViolation("The response headers policy does not set Strict-Transport-Security.");
    } else if (!(Number(hsts.accessControlMaxAgeSec) >= minimumMaxAgeSeconds)) {
      reportViolation(
        `The response headers policy sets Strict-Transport-Security max-age to ${hsts.accessControlMaxAgeSec} seconds; use at least ${minimumMaxAgeSeconds}.`,
      );
    }
  }),
};
