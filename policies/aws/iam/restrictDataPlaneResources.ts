import type { ResourceValidationPolicy } from "@pulumi/policy";
import { validateIdentityPolicies } from "../../lib/iam-sources.js";

// Actions that read or write data. They must name the table, bucket, secret, key, log group or function.
// Control-plane actions that AWS only supports on "*" (e.g. xray:PutTraceSegments) are not listed.
const DATA_PLANE = [
  /^s3:(Get|Put|Delete|List(?!AllMyBuckets)|Abort|Restore|Replicate)/i,
  /^dynamodb:(Get|Put|Update|Delete|Query|Scan|Batch|Transact|ConditionCheck|PartiQL)/i,
  /^secretsmanager:(GetSecretValue|PutSecretValue|UpdateSecret|DeleteSecret|DescribeSecret|RotateSecret)/i,
  /^kms:(Decrypt|Encrypt|GenerateDataKey|ReEncrypt)/i,
  /^logs:(CreateLogGroup|CreateLogStream|PutLogEvents)/i,
  /^lambda:Invoke/i,
  /^sqs:(SendMessage|ReceiveMessage|DeleteMessage)/i,
  /^sns:Publish/i,
  /^ssm:GetParameter/i,
];
const DATA_SERVICES = new Set(["s3", "dynamodb", "secretsmanager", "kms", "logs", "lambda", "sqs", "sns", "ssm"]);

function isDataPlane(action: string): boolean {
  if (action === "*") return true;
  if (action.includes("*")) return DATA_SERVICES.has(action.split(":")[0]!.toLowerCase());
  return DATA_PLANE.some((re) => re.test(action));
}

// Services whose ARN resource part starts with the resource's own name (`arn:aws:s3:::<bucket>[/<key>]`,
// `arn:aws:sqs:<region>:<account>:<queue>`); the others put a resource type first (`table/<name>`,
// `secret:<name>`, `function:<name>`, `log-group:<name>`, `key/<id>`, `parameter/<name>`).
const UNTYPED_ARNS = new Set(["s3", "sqs", "sns"]);

/** What makes an ARN match more than named resources, or undefined when it names them. */
function arnWildcard(arn: string): string | undefined {
  const parts = arn.split(":");
  if (parts[0] !== "arn" || parts.length < 6) return undefined;
  const [, partition = "", service = "", region = "", account = ""] = parts;
  if ([partition, service, region, account].some((f) => /[*?]/.test(f))) {
    return "whose partition, service, region or account is a wildcard, so it matches resources beyond this stack's";
  }
  const resource = parts.slice(5).join(":");
  const name = UNTYPED_ARNS.has(service.toLowerCase()) ? resource : resource.replace(/^[^/:*?]+[/:]/, "");
  if (name === "" || /^[*?]/.test(name)) {
    return "whose wildcard stands for the resource's name, so it matches every such resource in the account";
  }
  return undefined;
}

/**
 * Data-plane actions are scoped to named resources: a function that may read "*" in DynamoDB can read every
 * table in the account, not only this stack's — and so can one that may read `table/*`, or `secret:*` in
 * Secrets Manager. Wildcards after a name (`table/<name>/index/*`, `<bucket>/trending-*.json`,
 * `log-group:<name>:*`) stay within the named resource and are fine.
 * @frameworks AWS FSBP IAM.21; Checkov CKV_AWS_111 / CKV_AWS_356
 */
export const restrictDataPlaneResources: ResourceValidationPolicy = {
  name: "aws-iam-policy-restrict-data-plane-resources",
  description: "IAM policies scope data-plane actions (S3, DynamoDB, Secrets Manager, KMS, Logs, …) to named resources, never '*'.",
  enforcementLevel: "mandatory",
  severity: "high",
  validateResource: validateIdentityPolicies((statements, reportViolation, where) => {
    for (const s of statements.filter((st) => st.effect === "Allow")) {
      const everyResource = s.resources.includes("*") || s.notResources.length > 0;
      const data = s.actions.filter(isDataPlane);
      if (data.length === 0) continue;
      if (everyResource) {
        reportViolation(
          `Statement ${s.label}${where} allows data-plane actions (${data.join(", ")}) on every resource; name the resources instead.`,
        );
        continue;
      }
      for (const arn of s.resources) {
        const why = arnWildcard(arn);
        if (why) {
          reportViolation(
            `Statement ${s.label}${where} allows data-plane actions (${data.join(", ")}) on '${arn}', ${why}; name the resource instead.`,
          );
        }
      }
    }
  }),
};
