import type { ReportViolation, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { hostOf, isLambdaUrlOrigin, ORIGIN_VERIFY_HEADER, originVerifyHeader } from "../../lib/cloudfront.js";
import { T } from "../../lib/types.js";
import { aboutType, asArray, asString, ofType, type Props, refersTo } from "../../lib/values.js";

/**
 * A Function URL is either signed (`AWS_IAM`), or public (`NONE`) and then guarded twice: CloudFront sends the
 * origin-verify secret (the runtime refuses requests without it) and reserved concurrency caps what a flood of
 * direct calls can cost. product.md §4 explains why the API uses `NONE`.
 * @frameworks AWS FSBP Lambda.1 (public access); Checkov CKV_AWS_258
 */
export const guardFunctionUrl: StackValidationPolicy = {
  name: "aws-lambda-function-url-require-auth-or-origin-verify",
  description: `Lambda Function URLs use AWS_IAM, or are only reached through CloudFront with the ${ORIGIN_VERIFY_HEADER} header and have reserved concurrency.`,
  enforcementLevel: "mandatory",
  severity: "critical",
  validateStack: aboutType(T.functionUrl, (args: StackValidationArgs, reportViolation: ReportViolation) => {
    const functions = ofType(args.resources, T.lambdaFunction);
    const guardedHosts = new Set(
      ofType(args.resources, T.distribution)
        .flatMap((d) => asArray<Props>(d.props["origins"]))
        .filter((o) => isLambdaUrlOrigin(o) && asString(originVerifyHeader(o)?.["value"]))
        .map((o) => hostOf(o["domainName"])),
    );
    for (const url of ofType(args.resources, T.functionUrl)) {
      const authorization = url.props["authorizationType"];
      if (authorization === "AWS_IAM") continue;
      const fn = functions.find((f) => refersTo(url.props["functionName"], f));
      const label = fn ? `function '${fn.name}'` : `its function '${url.props["functionName"]}'`;
      if (!fn || !(Number(fn.props["reservedConcurrentExecutions"]) > 0)) {
        reportViolation(
          `Function URL '${url.name}' is public (authorizationType ${authorization}) but ${label} has no reserved concurrency to cap its cost.`,
          url.urn,
        );
      }
      const host = hostOf(url.props["functionUrl"]);
      if (!host || !guardedHosts.has(host)) {
        reportViolation(
          `Function URL '${url.name}' is public (authorizationType ${authorization}) but no CloudFront origin sends the ${ORIGIN_VERIFY_HEADER} header to it.`,
          url.urn,
        );
      }
    }
  }),
};
