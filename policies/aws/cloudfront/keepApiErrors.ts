import * as aws from "@pulumi/aws";
import { validateResourceOfType, type ResourceValidationPolicy } from "@pulumi/policy";
import { asArray, asString, type Props } from "../../lib/values.js";

const REWRITTEN = new Set([403, 404]);

/**
 * Custom error responses apply to every behavior, so mapping 403/404 to index.html (the usual SPA trick)
 * would turn the API's JSON errors into HTML 200s. SPA routing belongs in a CloudFront Function on the site
 * behavior (product.md §10).
 */
export const keepApiErrors: ResourceValidationPolicy = {
  name: "aws-cloudfront-distribution-keep-api-errors",
  description: "CloudFront distributions do not rewrite 403/404 responses to a page, which would hide API errors.",
  enforcementLevel: "mandatory",
  severity: "medium",
  validateResource: validateResourceOfType(aws.cloudfront.Distribution, (distribution, _args, reportViolation) => {
    for (const response of asArray<Props>(distribution.customErrorResponses)) {
      const code = Number(response["errorCode"]);
      const page = asString(response["responsePagePath"]);
      if (REWRITTEN.has(code) && page) {
        reportViolation(
          `The distribution rewrites every ${code} response to '${page}', which hides API errors; route the SPA with a CloudFront Function on the site behavior instead.`,
        );
      }
    }
  }),
};
