import type { ReportViolation, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { T } from "../../lib/types.js";
import { aboutType, ofType, type StackResource, tagsOf } from "../../lib/values.js";

// Tag keys a stack may use to mark its teardown switch on a table (compared without case or separators).
const TEARDOWN_TAG_KEYS = new Set(["forcedestroy", "teardown"]);

function taggedForTeardown(table: StackResource): boolean {
  return Object.entries(tagsOf(table.props)).some(
    ([key, value]) =>
      TEARDOWN_TAG_KEYS.has(
        key
          .toLowerCase()
          .replace(/^[a-z0-9]+:/, "")
          .replace(/[^a-z]/g, ""),
      ) && String(value).toLowerCase() === "true",
  );
}

/**
 * The table holds every request and user; deleting it by accident (a renamed resource, a wrong stack) loses
 * all of it. The only exception is the stack's teardown switch (`forceDestroy`, product.md §10), recognised
 * either by a `forceDestroy`/`teardown` tag set to "true" on the table, or by every bucket in the stack having
 * `forceDestroy` on (the same switch drives both). A stack policy because the switch is stack-wide.
 * @frameworks AWS FSBP DynamoDB.6; Checkov CKV_AWS_165
 */
export const enableDeletionProtection: StackValidationPolicy = {
  name: "aws-dynamodb-table-enable-deletion-protection",
  description: "DynamoDB tables enable deletion protection unless the stack's forceDestroy teardown switch is on.",
  enforcementLevel: "mandatory",
  severity: "high",
  validateStack: aboutType(T.table, (args: StackValidationArgs, reportViolation: ReportViolation) => {
    const buckets = ofType(args.resources, T.bucket);
    const stackTeardown = buckets.length > 0 && buckets.every((b) => b.props["forceDestroy"] === true);
    for (const table of ofType(args.resources, T.table)) {
      if (table.props["deletionProtectionEnabled"] === true || stackTeardown || taggedForTeardown(table)) continue;
      reportViolation(
        `DynamoDB table '${table.name}' has no deletion protection; set deletionProtectionEnabled (only the stack's forceDestroy switch may turn it off).`,
        table.urn,
      );
    }
  }),
};
