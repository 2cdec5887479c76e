import type { ReportViolation, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { conditionValues, parsePolicyDocument, type Statement } from "../../lib/iam-document.js";
import { T } from "../../lib/types.js";
import { aboutType, ofType, refersTo } from "../../lib/values.js";

function everyone(statement: Statement): boolean {
  const p = statement.principal as unknown;
  if (p === "*") return true;
  const aws = p && typeof p === "object" ? (p as Record<string, unknown>)["AWS"] : undefined;
  return aws === "*" || (Array.isArray(aws) && aws.includes("*"));
}

// The object actions carry the content; "s3:*" covers them and everything else.
const DATA_ACTIONS = ["s3:GetObject", "s3:PutObject"];

function deniesPlainHttp(statement: Statement): boolean {
  if (statement.effect !== "Deny" || !everyone(statement)) return false;
  const insecure = conditionValues(statement, "aws:SecureTransport").some(
    ({ operator, values }) => operator === "Bool" && values.map(String).includes("false"),
  );
  const actions = statement.actions;
  const covered = actions.includes("*") || actions.includes("s3:*") || DATA_ACTIONS.every((a) => actions.includes(a));
  return insecure && covered;
}

/**
 * Buckets refuse plain-HTTP requests from anyone, so nothing (a misconfigured tool, a future origin) can read or
 * write objects without TLS. A stack policy because the statement lives in the bucket's separate policy resource.
 * @frameworks AWS FSBP S3.5
 */
export const denyInsecureTransport: StackValidationPolicy = {
  name: "aws-s3-bucket-deny-insecure-transport",
  description: "Every S3 bucket policy denies requests that do not use TLS (aws:SecureTransport false).",
  enforcementLevel: "mandatory",
  severity: "medium",
  validateStack: aboutType(T.bucket, (args: StackValidationArgs, reportViolation: ReportViolation) => {
    const policies = ofType(args.resources, T.bucketPolicy);
    for (const bucket of ofType(args.resources, T.bucket)) {
      const statements = policies
        .filter((p) => refersTo(p.props["bucket"], bucket))
        .flatMap((p) => parsePolicyDocument(p.props["policy"]) ?? []);
      if (!statements.some(deniesPlainHttp)) {
        reportViolation(
          `S3 bucket '${bucket.name}' does not deny plain-HTTP requests; add a Deny statement for everyone on s3:* with the condition aws:SecureTransport false.`,
          bucket.urn,
        );
      }
    }
  }),
};
