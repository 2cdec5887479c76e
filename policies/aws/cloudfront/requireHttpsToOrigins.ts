import * as aws from "@pulumi/aws";
import { validateResourceOfType, type ResourceValidationPolicy } from "@pulumi/policy";
import { originLabel } from "../../lib/cloudfront.js";
import { asArray, type Props } from "../../lib/values.js";

/**
 * Custom origins (the Function URL) are reached over HTTPS with TLS 1.2 only: the origin-verify secret
 * and users' tokens cross that hop.
 * @frameworks AWS FSBP CloudFront.9 and CloudFront.10
 */
export const requireHttpsToOrigins: ResourceValidationPolicy = {
  name: "aws-cloudfront-distribution-require-https-to-origins",
  description: "CloudFront reaches custom origins over HTTPS with TLSv1.2 only.",
  enforcementLevel: "mandatory",
  severity: "high",
  validateResource: validateResourceOfType(aws.cloudfront.Distribution, (distribution, _args, reportViolation) => {
    for (const origin of asArray<Props>(distribution.origins)) {
      const custom = origin["customOriginConfig"] as Props | undefined;
      if (!custom) continue;
      const label = originLabel(origin);
      if (custom["originProtocolPolicy"] !== "https-only") {
        reportViolation(`Origin '${label}' is reached with originProtocolPolicy '${custom["originProtocolPolicy"]}'; use 'https-only'.`);
      }
      const outdated = asArray<string>(custom["originSslProtocols"]).filter((p) => p !== "TLSv1.2");
      if (outdated.length > 0) {
        reportViolation(`Origin '${label}' allows outdated protocols (${outdated.join(", ")}); allow only TLSv1.2.`);
      }
    }
  }),
};
