import * as aws from "@pulumi/aws";
import { validateResourceOfType, type ResourceValidationPolicy } from "@pulumi/policy";
import { secretLikeName, secretLikeValue } from "../../lib/secret-heuristics.js";

/**
 * Environment variables show in the console, in `GetFunctionConfiguration` and in Pulumi state as plain text;
 * secrets come from the stack's Secrets Manager secret (product.md §2), so only its ARN belongs here.
 * @frameworks AWS FSBP Lambda (secrets); Checkov CKV_AWS_45
 */
export const disallowSecretsInEnvironment: ResourceValidationPolicy = {
  name: "aws-lambda-function-disallow-secrets-in-environment",
  description: "Lambda environment variables hold no secrets, judged by variable names and by values.",
  enforcementLevel: "mandatory",
  severity: "critical",
  validateResource: validateResourceOfType(aws.lambda.Function, (fn, _args, reportViolation) => {
    const variables = (fn.environment?.variables ?? {}) as Record<string, unknown>;
    for (const [name, value] of Object.entries(variables)) {
      if (secretLikeName(name)) {
        reportViolation(`Environment variable '${name}' looks like a secret by its name; read it from Secrets Manager instead.`);
        continue;
      }
      const kind = typeof value === "string" ? secretLikeValue(value, name) : undefined;
      if (kind) {
        reportViolation(`Environment variable '${name}' holds what looks like ${kind}; read it from Secrets Manager instead.`);
      }
    }
  }),
};
