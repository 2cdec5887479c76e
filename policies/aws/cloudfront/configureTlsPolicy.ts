import * as aws from "@pulumi/aws";
import { validateResourceOfType, type ResourceValidationPolicy } from "@pulumi/policy";

// TLSv1.2_2021 is the floor the product asks for; the 2025 policies are stricter still.
const ALLOWED = new Set(["TLSv1.2_2021", "TLSv1.2_2025", "TLSv1.3_2025"]);

/**
 * Custom domains only accept TLS 1.2+ with modern ciphers.
 * Not applicable to the default *.cloudfront.net certificate: CloudFront fixes that security policy
 * itself (TLSv1) and ignores minimumProtocolVersion, so a stack without a custom domain cannot comply.
 * @frameworks AWS FSBP CloudFront.7/CloudFront.10; Checkov CKV_AWS_174
 */
export const configureTlsPolicy: ResourceValidationPolicy = {
  name: "aws-cloudfront-distribution-configure-tls-policy",
  description: "CloudFront distributions with a custom certificate use the TLSv1.2_2021 security policy or newer.",
  enforcementLevel: "mandatory",
  severity: "high",
  validateResource: validateResourceOfType(aws.cloudfront.Distribution, (distribution, args, reportViolation) => {
    const certificate = distribution.viewerCertificate;
    if (!certificate || certificate.cloudfrontDefaultCertificate === true) {
      args.notApplicable("The default CloudFront certificate's security policy is fixed by CloudFront.");
    }
    const version = certificate?.minimumProtocolVersion;
    if (!version || !ALLOWED.has(version)) {
      reportViolation(
        `The viewer certificate allows protocols older than TLSv1.2_2021 (minimumProtocolVersion '${version ?? "unset"}'); set it to 'TLSv1.2_2021'.`,
      );
    }
  }),
};
