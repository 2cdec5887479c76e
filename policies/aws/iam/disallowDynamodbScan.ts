import type { ResourceValidationPolicy } from "@pulumi/policy";
import { validateIdentityPolicies } from "../../lib/iam-sources.js";

const SCAN = "dynamodb:Scan";

/** IAM action patterns are case-insensitive; `*` matches any run of characters and `?` one character. */
function matches(pattern: string, action: string): boolean {
  const re = pattern
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${re}$`, "i").test(action);
}

/**
 * No request path reads a whole table (product.md §12, docs/dynamodb.md: every read is a key lookup or a query),
 * so a role allowed to Scan only widens what a leaked credential or an injected call can read in one request.
 * Also catches patterns that grant Scan implicitly, such as `dynamodb:S*`.
 */
export const disallowDynamodbScan: ResourceValidationPolicy = {
  name: "aws-iam-policy-disallow-dynamodb-scan",
  description: "IAM policies never allow dynamodb:Scan: every read is a key lookup or a query.",
  enforcementLevel: "mandatory",
  severity: "medium",
  validateResource: validateIdentityPolicies((statements, reportViolation, where) => {
    for (const s of statements.filter((st) => st.effect === "Allow")) {
      for (const action of s.actions.filter((a) => matches(a, SCAN))) {
        const through = action === SCAN ? "" : ` (through '${action}')`;
        reportViolation(`Statement ${s.label}${where} allows ${SCAN}${through}; read with GetItem, Query or BatchGetItem instead.`);
      }
    }
  }),
};
