import * as aws from "@pulumi/aws";
import { validateResourceOfType, type ResourceValidationPolicy } from "@pulumi/policy";
import { parsePolicyDocument } from "../../lib/iam-document.js";

function isEveryone(principal: unknown): boolean {
  if (principal === "*") return true;
  if (!principal || typeof principal !== "object") return false;
  return Object.values(principal as Record<string, unknown>).some((v) => v === "*" || (Array.isArray(v) && v.includes("*")));
}

/**
 * A role that anyone may assume hands its rights (the table, the secret) to every AWS account.
 * @frameworks Checkov CKV_AWS_60 / CKV_AWS_61
 */
export const restrictTrustPolicy: ResourceValidationPolicy = {
  name: "aws-iam-role-restrict-trust-policy",
  description: "IAM role trust policies name who may assume the role, never everyone.",
  enforcementLevel: "mandatory",
  severity: "critical",
  validateResource: validateResourceOfType(aws.iam.Role, (role, _args, reportViolation) => {
    const statements = parsePolicyDocument(role.assumeRolePolicy);
    if (!statements) {
      reportViolation("The role's trust policy is not a valid JSON policy document.");
      return;
    }
    for (const s of statements.filter((st) => st.effect === "Allow")) {
      if (isEveryone(s.principal) || s.notPrincipal !== undefined) {
        reportViolation(`Trust statement ${s.label} lets any principal assume the role.`);
      }
    }
  }),
};
