import * as aws from "@pulumi/aws";
import { validateResourceOfType, type ReportViolation, type ResourceValidation } from "@pulumi/policy";
import { parsePolicyDocument, type Statement } from "./iam-document.js";
import { asArray, type Props } from "./values.js";

/**
 * Run a statement check over every identity policy document a stack can declare: `aws.iam.Policy`,
 * `aws.iam.RolePolicy` and a role's `inlinePolicies`. Returns one validation per type so the engine's type
 * filtering still applies. `where` names the document in messages ("" for a standalone policy).
 */
export function validateIdentityPolicies(
  check: (statements: Statement[], reportViolation: ReportViolation, where: string) => void,
): ResourceValidation[] {
  const run = (document: unknown, reportViolation: ReportViolation, where: string) => {
    const statements = parsePolicyDocument(document);
    if (!statements) {
      reportViolation(`The policy document${where} is not a valid JSON policy document.`);
      return;
    }
    check(statements, reportViolation, where);
  };
  return [
    validateResourceOfType(aws.iam.Policy, (p, _a, report) => run(p.policy, report, "")),
    validateResourceOfType(aws.iam.RolePolicy, (p, _a, report) => run(p.policy, report, "")),
    validateResourceOfType(aws.iam.Role, (role, _a, report) => {
      for (const inline of asArray<Props>(role.inlinePolicies)) {
        if (inline["policy"] !== undefined) run(inline["policy"], report, ` of inline policy '${inline["name"]}'`);
      }
    }),
  ];
}
