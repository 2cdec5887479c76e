import type { ReportViolation, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { T } from "../../lib/types.js";
import { aboutType, ofType, refersTo } from "../../lib/values.js";

/**
 * Every bucket has its own public access block, so no ACL or bucket policy can ever make it public.
 * A stack policy because the block is a separate resource that points at the bucket.
 * @frameworks AWS FSBP S3.8; Checkov CKV2_AWS_6
 */
export const requirePublicAccessBlock: StackValidationPolicy = {
  name: "aws-s3-bucket-require-public-access-block",
  description: "Every S3 bucket has a public access block resource.",
  enforcementLevel: "mandatory",
  severity: "critical",
  validateStack: aboutType(T.bucket, (args: StackValidationArgs, reportViolation: ReportViolation) => {
    const blocks = ofType(args.resources, T.bucketPublicAccessBlock);
    for (const bucket of ofType(args.resources, T.bucket)) {
      if (!blocks.some((b) => refersTo(b.props["bucket"], bucket))) {
        reportViolation(`S3 bucket '${bucket.name}' has no public access block; add an aws.s3.BucketPublicAccessBlock for it.`, bucket.urn);
      }
    }
  }),
};
