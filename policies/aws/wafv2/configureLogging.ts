import type { StackValidationPolicy } from "@pulumi/policy";
import { T } from "../../lib/types.js";
import { asArray, ofType, type Props, refersTo } from "../../lib/values.js";

/**
 * Blocked requests are only explainable with WAF logs; the query string carries feed and webhook tokens
 * (`?token=`), so it is redacted before it reaches the log destination.
 * @frameworks AWS FSBP WAF.11; Checkov CKV2_AWS_31
 */
export const configureLogging: StackValidationPolicy = {
  name: "aws-wafv2-web-acl-configure-logging",
  description: "Every web ACL has a logging configuration that redacts the query string.",
  enforcementLevel: "mandatory",
  severity: "medium",
  validateStack: (args, reportViolation) => {
    const acls = ofType(args.resources, T.webAcl);
    if (acls.length === 0) args.notApplicable("WAF is not enabled in this stack.");
    const configs = ofType(args.resources, T.webAclLogging);
    for (const acl of acls) {
      const config = configs.find((c) => refersTo(c.props["resourceArn"], acl));
      if (!config) {
        reportViolation(`Web ACL '${acl.name}' has no logging configuration.`, acl.urn);
      } else if (!asArray<Props>(config.props["redactedFields"]).some((f) => f["queryString"] !== undefined)) {
        reportViolation(
          `The logging configuration of web ACL '${acl.name}' does not redact the query string, which carries feed and webhook tokens.`,
          config.urn,
        );
      }
    }
  },
};
