import type { ReportViolation, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { behaviorsOf, MANAGED_SECURITY_HEADERS_POLICY_ID } from "../../lib/cloudfront.js";
import { T } from "../../lib/types.js";
import { aboutType, asString, ofType, refersTo } from "../../lib/values.js";

/**
 * Every behavior sends the security headers, so every response carries HSTS. The attached policy must be one
 * this stack defines (and `aws-cloudfront-response-headers-policy-enable-hsts` checks) or AWS's managed
 * SecurityHeadersPolicy; any other id cannot be checked here. A stack policy because it follows the reference.
 * @frameworks Checkov CKV2_AWS_32
 */
export const attachResponseHeadersPolicy: StackValidationPolicy = {
  name: "aws-cloudfront-distribution-attach-response-headers-policy",
  description: "Every CloudFront cache behavior attaches a response headers policy that sets the security headers.",
  enforcementLevel: "mandatory",
  severity: "medium",
  validateStack: aboutType(T.distribution, (args: StackValidationArgs, reportViolation: ReportViolation) => {
    const policies = ofType(args.resources, T.responseHeadersPolicy);
    for (const distribution of ofType(args.resources, T.distribution)) {
      for (const behavior of behaviorsOf(distribution.props)) {
        const id = asString(behavior.props["responseHeadersPolicyId"]);
        if (!id) {
          reportViolation(`Distribution '${distribution.name}': ${behavior.label} has no response headers policy.`, distribution.urn);
        } else if (id !== MANAGED_SECURITY_HEADERS_POLICY_ID && !policies.some((p) => refersTo(id, p))) {
          reportViolation(
            `Distribution '${distribution.name}': ${behavior.label} uses response headers policy '${id}', which is neither defined in this stack nor the managed SecurityHeadersPolicy.`,
            distribution.urn,
          );
        }
      }
    }
  }),
};
