import * as aws from "@pulumi/aws";
import { validateResourceOfType, type ResourceValidationPolicy } from "@pulumi/policy";
import { configWithDefaults } from "../../lib/values.js";

interface Config {
  allowedRuntimes: string[];
}
// The bundle targets Node 22; nodejs20.x stays allowed for a transition (its AWS deprecation date is 2026-04-30,
// after which it can no longer be updated), configurable through the pack's config.
const DEFAULTS: Config = { allowedRuntimes: ["nodejs22.x", "nodejs20.x"] };

/**
 * Functions run on a Node.js runtime that AWS still patches.
 * @frameworks AWS FSBP Lambda.2; Checkov CKV_AWS_363
 */
export const useSupportedRuntime: ResourceValidationPolicy = {
  name: "aws-lambda-function-use-supported-nodejs-runtime",
  description: "Lambda functions use a supported Node.js runtime (nodejs22.x or nodejs20.x).",
  enforcementLevel: "mandatory",
  severity: "medium",
  configSchema: {
    properties: {
      allowedRuntimes: { type: "array", items: { type: "string" }, default: DEFAULTS.allowedRuntimes },
    },
  },
  validateResource: validateResourceOfType(aws.lambda.Function, (fn, args, reportViolation) => {
    if (fn.packageType === "Image") args.notApplicable("Container image functions bring their own runtime.");
    const { allowedRuntimes } = configWithDefaults(DEFAULTS, () => args.getConfig<Partial<Config>>());
    if (!fn.runtime) {
      reportViolation(`The function does not set a runtime; use one of ${allowedRuntimes.join(", ")}.`);
    } else if (!allowedRuntimes.includes(fn.runtime)) {
      reportViolation(`The function uses runtime '${fn.runtime}'; use one of ${allowedRuntimes.join(", ")}.`);
    }
  }),
};
