import type { StackValidationPolicy } from "@pulumi/policy";
import { T } from "../../lib/types.js";
import { ofType, refersTo } from "../../lib/values.js";

/**
 * WAF is optional (stack config), but a web ACL that exists and protects nothing costs money and gives
 * false comfort: when the stack defines a CloudFront web ACL, every distribution uses one.
 * @frameworks AWS FSBP CloudFront.6; Checkov CKV_AWS_68
 */
export const attachWebAcl: StackValidationPolicy = {
  name: "aws-cloudfront-distribution-attach-web-acl",
  description: "When WAF is enabled, every CloudFront distribution is associated with the stack's web ACL.",
  enforcementLevel: "mandatory",
  severity: "high",
  validateStack: (args, reportViolation) => {
    const acls = ofType(args.resources, T.webAcl).filter((acl) => acl.props["scope"] === "CLOUDFRONT");
    if (acls.length === 0) args.notApplicable("WAF is not enabled in this stack.");
    for (const distribution of ofType(args.resources, T.distribution)) {
      if (!acls.some((acl) => refersTo(distribution.props["webAclId"], acl))) {
        reportViolation(
          `Distribution '${distribution.name}' has no web ACL attached although the stack defines web ACL '${acls[0]!.name}'.`,
          distribution.urn,
        );
      }
    }
  },
};
