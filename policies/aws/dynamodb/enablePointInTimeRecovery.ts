import * as aws from "@pulumi/aws";
import { validateResourceOfType, type ResourceValidationPolicy } from "@pulumi/policy";

/**
 * PITR is the documented backup for the AWS topology (product.md §11): without it a bad deploy or a bug that
 * deletes items is unrecoverable.
 * @frameworks AWS FSBP DynamoDB.2; Checkov CKV_AWS_28
 */
export const enablePointInTimeRecovery: ResourceValidationPolicy = {
  name: "aws-dynamodb-table-enable-point-in-time-recovery",
  description: "DynamoDB tables enable point-in-time recovery.",
  enforcementLevel: "mandatory",
  severity: "high",
  validateResource: validateResourceOfType(aws.dynamodb.Table, (table, _args, reportViolation) => {
    if (table.pointInTimeRecovery?.enabled !== true) {
      reportViolation("The table must enable point-in-time recovery (pointInTimeRecovery.enabled true).");
    }
  }),
};
