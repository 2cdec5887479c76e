import type { ReportViolation, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { T } from "../../lib/types.js";
import { aboutType, asArray, ofType, type Props, refersTo } from "../../lib/values.js";

const ALGORITHMS = new Set(["AES256", "aws:kms", "aws:kms:dsse"]);

function algorithms(rules: unknown): string[] {
  return asArray<Props>(rules).map((r) => String(r?.["applyServerSideEncryptionByDefault"]?.["sseAlgorithm"] ?? ""));
}

/**
 * Every bucket declares its default encryption, inline or as a separate configuration resource.
 * S3 encrypts new objects by default since 2023; declaring it keeps the setting visible and drift-checked.
 * @frameworks AWS FSBP S3.4 (retired, still in Checkov CKV_AWS_19)
 */
export const requireServerSideEncryption: StackValidationPolicy = {
  name: "aws-s3-bucket-require-server-side-encryption",
  description: "Every S3 bucket declares server-side encryption (AES256 or aws:kms).",
  enforcementLevel: "mandatory",
  severity: "high",
  validateStack: aboutType(T.bucket, (args: StackValidationArgs, reportViolation: ReportViolation) => {
    const configs = [...ofType(args.resources, T.bucketSse), ...ofType(args.resources, T.bucketSseV2)];
    for (const bucket of ofType(args.resources, T.bucket)) {
      const declared = [
        ...algorithms(bucket.props["serverSideEncryptionConfiguration"]?.["rule"]),
        ...configs.filter((c) => refersTo(c.props["bucket"], bucket)).flatMap((c) => algorithms(c.props["rules"])),
      ];
      if (declared.length === 0) {
        reportViolation(
          `S3 bucket '${bucket.name}' declares no server-side encryption; add an aws.s3.BucketServerSideEncryptionConfiguration with AES256 or aws:kms.`,
          bucket.urn,
        );
      } else if (declared.some((a) => !ALGORITHMS.has(a))) {
        reportViolation(
          `S3 bucket '${bucket.name}' declares server-side encryption without a valid algorithm; use AES256 or aws:kms.`,
          bucket.urn,
        );
      }
    }
  }),
};
