import type { ResourceValidationPolicy } from "@pulumi/policy";
import { validateIdentityPolicies } from "../../lib/iam-sources.js";

/**
 * Least privilege: every allowed action is named. `*` and `service:*` grant actions nobody reviewed
 * (including ones AWS adds later); NotAction with Allow grants everything except a list.
 * @frameworks AWS FSBP IAM.1/IAM.21; Checkov CKV_AWS_62 / CKV_AWS_290 / CKV_AWS_355
 */
export const disallowWildcardActions: ResourceValidationPolicy = {
  name: "aws-iam-policy-disallow-wildcard-actions",
  description: "IAM policies allow only named actions: no '*', no 'service:*', no NotAction.",
  enforcementLevel: "mandatory",
  severity: "high",
  validateResource: validateIdentityPolicies((statements, reportViolation, where) => {
    for (const s of statements.filter((st) => st.effect === "Allow")) {
      if (s.notActions.length > 0) {
        reportViolation(`Statement ${s.label}${where} uses NotAction with Allow, which grants every other action.`);
      }
      for (const action of s.actions) {
        if (action === "*") reportViolation(`Statement ${s.label}${where} allows every action ('*').`);
        else if (action.endsWith(":*")) {
          reportViolation(`Statement ${s.label}${where} allows every action of a service ('${action}').`);
        }
      }
    }
  }),
};
