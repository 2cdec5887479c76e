import * as aws from "@pulumi/aws";
import { validateResourceOfType, type ResourceValidationPolicy } from "@pulumi/policy";
import { isLambdaUrlOrigin, ORIGIN_VERIFY_HEADER, originLabel, originVerifyHeader } from "../../lib/cloudfront.js";
import { asArray, asString, type Props } from "../../lib/values.js";

/**
 * The API's Function URL uses auth type NONE (OAC cannot carry Plex webhooks, product.md §4), so the only thing
 * that keeps direct callers out is the secret header CloudFront adds to every origin request.
 */
export const addOriginVerifyHeader: ResourceValidationPolicy = {
  name: "aws-cloudfront-distribution-add-origin-verify-header",
  description: `CloudFront sends the ${ORIGIN_VERIFY_HEADER} secret header to every Lambda Function URL origin.`,
  enforcementLevel: "mandatory",
  severity: "critical",
  validateResource: validateResourceOfType(aws.cloudfront.Distribution, (distribution, _args, reportViolation) => {
    for (const origin of asArray<Props>(distribution.origins).filter(isLambdaUrlOrigin)) {
      const header = originVerifyHeader(origin);
      if (!header) {
        reportViolation(`Origin '${originLabel(origin)}' is a Lambda Function URL without the ${ORIGIN_VERIFY_HEADER} custom header.`);
      } else if (!asString(header["value"])) {
        reportViolation(`Origin '${originLabel(origin)}' sends an empty ${ORIGIN_VERIFY_HEADER} header.`);
      }
    }
  }),
};
