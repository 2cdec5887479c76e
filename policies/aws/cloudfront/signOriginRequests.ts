import * as aws from "@pulumi/aws";
import { validateResourceOfType, type ResourceValidationPolicy } from "@pulumi/policy";

/**
 * An origin access control that does not always sign leaves the bucket policy's CloudFront grant unused,
 * which tempts someone to open the bucket instead.
 * @frameworks AWS FSBP CloudFront.13
 */
export const signOriginRequests: ResourceValidationPolicy = {
  name: "aws-cloudfront-origin-access-control-sign-requests",
  description: "Origin access controls sign every origin request with SigV4.",
  enforcementLevel: "mandatory",
  severity: "high",
  validateResource: validateResourceOfType(aws.cloudfront.OriginAccessControl, (oac, _args, reportViolation) => {
    if (oac.signingBehavior !== "always") {
      reportViolation(`The origin access control must sign every request (signingBehavior 'always', not '${oac.signingBehavior}').`);
    }
    if (oac.signingProtocol !== "sigv4") {
      reportViolation(`The origin access control must use the sigv4 signing protocol, not '${oac.signingProtocol}'.`);
    }
  }),
};
