import * as aws from "@pulumi/aws";
import { validateResourceOfType, type ResourceValidationPolicy } from "@pulumi/policy";
import { behaviorsOf } from "../../lib/cloudfront.js";

const SECURE = new Set(["redirect-to-https", "https-only"]);

/**
 * Viewers only talk to CloudFront over HTTPS: session tokens and feed tokens travel in every request.
 * @frameworks AWS FSBP CloudFront.3; Checkov CKV_AWS_34
 */
export const requireHttpsViewers: ResourceValidationPolicy = {
  name: "aws-cloudfront-distribution-require-https-viewers",
  description: "Every CloudFront cache behavior redirects or restricts viewers to HTTPS.",
  enforcementLevel: "mandatory",
  severity: "high",
  validateResource: validateResourceOfType(aws.cloudfront.Distribution, (distribution, _args, reportViolation) => {
    for (const behavior of behaviorsOf(distribution)) {
      const policy = behavior.props["viewerProtocolPolicy"];
      if (!SECURE.has(policy)) {
        const sentence = behavior.label.charAt(0).toUpperCase() + behavior.label.slice(1);
        reportViolation(
          `${sentence} allows plain HTTP viewers (viewerProtocolPolicy '${policy}'); use 'redirect-to-https' or 'https-only'.`,
        );
      }
    }
  }),
};
