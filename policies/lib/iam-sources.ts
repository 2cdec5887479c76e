import * as aws from "@pulumi/aws";
import { validateResourceOfType, type ReportViolation, type ResourceValidation } from "@pulumi/policy";
import { parsePolicyDocument, type Statement } from "./iam-document.js";
import { T } from "./types.js";
import { asArray, ofType, type Props, type StackResource } from "./values.js";

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

/** An identity policy document as a stack policy finds it: the resource declaring it, and where in it. */
export interface IdentityDocument {
  resource: StackResource;
  /** "" for the resource's own `policy`, ` of inline policy '<name>'` for a role's inline policy. */
  where: string;
  /** Undefined when the document is not a valid policy document (the resource policies report that). */
  statements: Statement[] | undefined;
}

/** Every identity policy document of a stack: `aws.iam.Policy`, `aws.iam.RolePolicy` and roles' `inlinePolicies`. */
export function identityDocuments(resources: readonly StackResource[]): IdentityDocument[] {
  const docs: IdentityDocument[] = [];
  for (const r of [...ofType(resources, T.iamPolicy), ...ofType(resources, T.rolePolicy)]) {
    docs.push({ resource: r, where: "", statements: parsePolicyDocument(r.props["policy"]) });
  }
  for (const role of ofType(resources, T.role)) {
    for (const inline of asArray<Props>(role.props["inlinePolicies"])) {
      if (inline["policy"] === undefined) continue;
      docs.push({ resource: role, where: ` of inline policy '${inline["name"]}'`, statements: parsePolicyDocument(inline["policy"]) });
    }
  }
  return docs;
}
