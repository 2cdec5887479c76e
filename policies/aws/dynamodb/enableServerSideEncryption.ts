import * as aws from "@pulumi/aws";
import { validateResourceOfType, type ResourceValidationPolicy } from "@pulumi/policy";

/**
 * Encrypt with a KMS key (AWS managed or customer managed) rather than the AWS owned default, so key use
 * shows in CloudTrail.
 * @frameworks Checkov CKV_AWS_119; AWSGuard dynamodb-table-encryption-enabled
 */
export const enableServerSideEncryption: ResourceValidationPolicy = {
  name: "aws-dynamodb-table-enable-server-side-encryption",
  description: "DynamoDB tables enable server-side encryption with a KMS key.",
  enforcementLevel: "mandatory",
  severity: "medium",
  validateResource: validateResourceOfType(aws.dynamodb.Table, (table, _args, reportViolation) => {
    if (table.serverSideEncryption?.enabled !== true) {
      reportViolation("The table must enable server-side encryption with a KMS key (serverSideEncryption.enabled true).");
    }
  }),
};
