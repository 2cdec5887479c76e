import * as aws from "@pulumi/aws";
import { validateResourceOfType, type ResourceValidationPolicy } from "@pulumi/policy";
import { isOverallRateRule, isRateRuleFor, webAclRules } from "../../lib/wafv2.js";

const AUTH_PREFIX = "/api/auth";

/**
 * Password guessing is limited in the runtime per name; the web ACL adds a per-IP limit in front of it and an
 * overall limit that caps the Lambda bill during a flood (product.md §10).
 * @frameworks AWS FSBP WAF.10 (rules present); OWASP ASVS 2.2.1
 */
export const rateLimitAuthRoutes: ResourceValidationPolicy = {
  name: "aws-wafv2-web-acl-rate-limit-auth-routes",
  description: "Web ACLs block by rate on /api/auth/* and on all requests.",
  enforcementLevel: "mandatory",
  severity: "high",
  validateResource: validateResourceOfType(aws.wafv2.WebAcl, (acl, _args, reportViolation) => {
    const rules = webAclRules(acl);
    if (!rules.some((r) => isRateRuleFor(r, AUTH_PREFIX))) {
      reportViolation(`The web ACL has no blocking rate-based rule scoped to '${AUTH_PREFIX}/'.`);
    }
    if (!rules.some(isOverallRateRule)) {
      reportViolation("The web ACL has no blocking rate-based rule over all requests.");
    }
  }),
};
