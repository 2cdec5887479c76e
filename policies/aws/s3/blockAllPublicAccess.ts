import * as aws from "@pulumi/aws";
import { validateResourceOfType, type ResourceValidationPolicy } from "@pulumi/policy";

const SETTINGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"] as const;

/**
 * A public access block only protects when all four of its settings are on.
 * @frameworks AWS FSBP S3.8; Checkov CKV_AWS_53..56
 */
export const blockAllPublicAccess: ResourceValidationPolicy = {
  name: "aws-s3-public-access-block-block-all",
  description: "S3 public access blocks turn on all four settings.",
  enforcementLevel: "mandatory",
  severity: "critical",
  validateResource: validateResourceOfType(aws.s3.BucketPublicAccessBlock, (block, _args, reportViolation) => {
    for (const setting of SETTINGS) {
      if (block[setting] !== true) reportViolation(`The public access block must set ${setting} to true.`);
    }
  }),
};
