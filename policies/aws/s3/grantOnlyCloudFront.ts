import * as aws from "@pulumi/aws";
import { validateResourceOfType, type ResourceValidationPolicy } from "@pulumi/policy";
import { conditionValues, parsePolicyDocument, type Statement } from "../../lib/iam-document.js";

const CLOUDFRONT = "cloudfront.amazonaws.com";
const READ_ACTIONS = new Set(["s3:GetObject", "s3:ListBucket"]);
const EXACT_OPERATORS = new Set(["StringEquals", "ArnEquals"]);
const LIKE_OPERATORS = new Set(["StringLike", "ArnLike"]);

function onlyCloudFront(statement: Statement): boolean {
  if (statement.notPrincipal !== undefined) return false;
  const principal = statement.principal;
  if (!principal || typeof principal !== "object") return false;
  const entries = Object.entries(principal as Record<string, unknown>);
  if (entries.length !== 1) return false;
  const [kind, value] = entries[0]!;
  const values = Array.isArray(value) ? value : [value];
  return kind === "Service" && values.length === 1 && values[0] === CLOUDFRONT;
}

// The condition must name distributions exactly: a wildcard would let any distribution in any account read.
function scopedToDistribution(statement: Statement): boolean {
  return conditionValues(statement, "AWS:SourceArn").some(
    ({ operator, values }) =>
      values.length > 0 && (EXACT_OPERATORS.has(operator) || (LIKE_OPERATORS.has(operator) && values.every((v) => !/[*?]/.test(v)))),
  );
}

/**
 * Bucket policies only let CloudFront (through origin access control) read, and only for this stack's distribution.
 * Deny statements (e.g. refusing plain HTTP) are always fine.
 * @frameworks AWS FSBP S3.2/S3.3; CloudFront.13 (OAC); Checkov CKV_AWS_70
 */
export const grantOnlyCloudFront: ResourceValidationPolicy = {
  name: "aws-s3-bucket-policy-grant-only-cloudfront",
  description: "S3 bucket policies grant read access only to CloudFront, conditioned on the distribution's AWS:SourceArn.",
  enforcementLevel: "mandatory",
  severity: "critical",
  validateResource: validateResourceOfType(aws.s3.BucketPolicy, (policy, _args, reportViolation) => {
    const statements = parsePolicyDocument(policy.policy);
    if (!statements) {
      reportViolation("The bucket policy is not a valid JSON policy document.");
      return;
    }
    for (const s of statements.filter((st) => st.effect === "Allow")) {
      if (!onlyCloudFront(s)) {
        reportViolation(`Statement ${s.label} allows a principal other than ${CLOUDFRONT}.`);
        continue;
      }
      if (!scopedToDistribution(s)) {
        reportViolation(`Statement ${s.label} grants CloudFront access without an exact AWS:SourceArn condition.`);
      }
      const extra = [...s.actions.filter((a) => !READ_ACTIONS.has(a)), ...s.notActions];
      if (extra.length > 0) {
        reportViolation(`Statement ${s.label} grants CloudFront ${extra.join(", ")}; only s3:GetObject and s3:ListBucket are allowed.`);
      }
    }
  }),
};
