import * as aws from "@pulumi/aws";
import { validateResourceOfType, type ResourceValidationPolicy } from "@pulumi/policy";

/**
 * Sessions, login challenges and rate-limit windows expire through TTL; without it they pile up forever
 * (and the store filters expired items at read time only as a backstop).
 */
export const enableTtl: ResourceValidationPolicy = {
  name: "aws-dynamodb-table-enable-ttl",
  description: "DynamoDB tables enable TTL on an attribute.",
  enforcementLevel: "mandatory",
  severity: "medium",
  validateResource: validateResourceOfType(aws.dynamodb.Table, (table, _args, reportViolation) => {
    if (table.ttl?.enabled !== true) {
      reportViolation("The table must enable TTL (ttl.enabled true) so expired items are deleted.");
    } else if (!table.ttl.attributeName) {
      reportViolation("The table enables TTL without naming the attribute (ttl.attributeName).");
    }
  }),
};
