import type { ReportViolation, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { T } from "../../lib/types.js";
import { aboutType, asString, ofType } from "../../lib/values.js";

/**
 * The API and the warmer need different rights (the warmer writes the trending bucket, the API reads the table
 * and the secret); a shared role gives each the union.
 * From product.md §10: "one least-privilege IAM role per function".
 */
export const useOneRolePerFunction: StackValidationPolicy = {
  name: "aws-iam-role-one-per-function",
  description: "Every Lambda function has its own IAM role.",
  enforcementLevel: "mandatory",
  severity: "medium",
  validateStack: aboutType(T.lambdaFunction, (args: StackValidationArgs, reportViolation: ReportViolation) => {
    const byRole = new Map<string, string[]>();
    const functions = ofType(args.resources, T.lambdaFunction);
    for (const fn of functions) {
      const role = asString(fn.props["role"]);
      if (role) byRole.set(role, [...(byRole.get(role) ?? []), fn.name]);
    }
    for (const [role, names] of byRole) {
      if (names.length < 2) continue;
      const roleResource = ofType(args.resources, T.role).find((r) => r.props["arn"] === role);
      reportViolation(
        `Role '${roleResource?.name ?? role}' is shared by functions ${names.map((n) => `'${n}'`).join(", ")}; give each function its own least-privilege role.`,
        roleResource?.urn,
      );
    }
  }),
};
