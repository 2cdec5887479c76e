import * as aws from "@pulumi/aws";
import { validateResourceOfType, type ResourceValidationPolicy } from "@pulumi/policy";
import { isS3Origin, isS3WebsiteOrigin, originLabel } from "../../lib/cloudfront.js";
import { asArray, asString, type Props } from "../../lib/values.js";

/**
 * S3 origins are private buckets reached through origin access control (signed requests), never through a
 * legacy origin access identity or a public website endpoint.
 * @frameworks AWS FSBP CloudFront.13; AWS re:Post "OAI is legacy"
 */
export const useOriginAccessControl: ResourceValidationPolicy = {
  name: "aws-cloudfront-distribution-use-origin-access-control",
  description: "Every S3 origin of a CloudFront distribution uses origin access control.",
  enforcementLevel: "mandatory",
  severity: "critical",
  validateResource: validateResourceOfType(aws.cloudfront.Distribution, (distribution, _args, reportViolation) => {
    for (const origin of asArray<Props>(distribution.origins)) {
      const label = originLabel(origin);
      if (isS3WebsiteOrigin(origin)) {
        reportViolation(
          `Origin '${label}' points at a public S3 website endpoint; use the bucket's REST endpoint with origin access control.`,
        );
        continue;
      }
      if (!isS3Origin(origin)) continue;
      if (asString(origin["s3OriginConfig"]?.["originAccessIdentity"])) {
        reportViolation(`Origin '${label}' uses a legacy origin access identity; use origin access control instead.`);
      } else if (!asString(origin["originAccessControlId"])) {
        reportViolation(`Origin '${label}' reaches S3 without origin access control; set originAccessControlId.`);
      }
    }
  }),
};
