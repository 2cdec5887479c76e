import type { ReportViolation, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { T } from "../../lib/types.js";
import { aboutType, asString, ofType } from "../../lib/values.js";

/**
 * Lambda creates a missing log group itself, with retention "never expire" and outside the stack's control.
 * So every function writes to a log group this stack declares (and `aws-cloudwatch-log-group-set-retention`
 * checks): either `loggingConfig.logGroup` names it, or it is the default `/aws/lambda/<function name>`.
 * @frameworks AWS FSBP CloudWatch.16 (retention); Checkov CKV_AWS_338
 */
export const declareLogGroup: StackValidationPolicy = {
  name: "aws-lambda-function-declare-log-group",
  description: "Every Lambda function logs to a log group declared in the stack.",
  enforcementLevel: "mandatory",
  severity: "medium",
  validateStack: aboutType(T.lambdaFunction, (args: StackValidationArgs, reportViolation: ReportViolation) => {
    const names = new Set(
      ofType(args.resources, T.logGroup)
        .map((g) => asString(g.props["name"]))
        .filter((n): n is string => n !== undefined),
    );
    for (const fn of ofType(args.resources, T.lambdaFunction)) {
      const configured = asString(fn.props["loggingConfig"]?.["logGroup"]);
      const functionName = asString(fn.props["name"]);
      const target = configured ?? (functionName ? `/aws/lambda/${functionName}` : undefined);
      if (!target || !names.has(target)) {
        reportViolation(
          `Function '${fn.name}' has no log group in this stack, so Lambda creates one that keeps logs forever; add an aws.cloudwatch.LogGroup and point loggingConfig.logGroup at it.`,
          fn.urn,
        );
      }
    }
  }),
};
