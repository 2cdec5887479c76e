import * as aws from "@pulumi/aws";
import { validateResourceOfType, type ResourceValidationPolicy } from "@pulumi/policy";
import { asArray } from "../../lib/values.js";

/**
 * Graviton (arm64) is about 20 % cheaper per GB-second than x86_64 and the bundle has no native code,
 * so there is no reason to pay more (product.md §10).
 */
export const useArm64: ResourceValidationPolicy = {
  name: "aws-lambda-function-use-arm64",
  description: "Lambda functions run on arm64.",
  enforcementLevel: "mandatory",
  severity: "low",
  validateResource: validateResourceOfType(aws.lambda.Function, (fn, _args, reportViolation) => {
    const architectures = asArray<string>(fn.architectures);
    if (architectures.length === 0) {
      reportViolation("The function does not set architectures, so it runs on x86_64; set architectures to ['arm64'].");
    } else if (architectures.length !== 1 || architectures[0] !== "arm64") {
      reportViolation(`The function runs on ${architectures.join(", ")}; set architectures to ['arm64'].`);
    }
  }),
};
