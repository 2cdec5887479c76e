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

/**
 * Data-plane actions are scoped to named resources: a function that may read "*" in DynamoDB can read every
 * table in the account, not only this stack's.
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
      if (everyResource && data.length > 0) {
        reportViolation(
          `Statement ${s.label}${where} allows data-plane actions (${data.join(", ")}) on every resource; name the resources instead.`,
        );
      }
    }
  }),
};
