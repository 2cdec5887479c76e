import * as aws from "@pulumi/aws";
import { validateResourceOfType, type ResourceValidationPolicy } from "@pulumi/policy";
import { configWithDefaults } from "../../lib/values.js";

interface Config {
  minimumRetentionDays: number;
}
// FSBP asks for a year; self-hosters pay for log storage, so the pack only demands that retention is set
// and lets a deployment raise the floor through config.
const DEFAULTS: Config = { minimumRetentionDays: 1 };

/**
 * Log groups expire their logs: "never expire" (the default) grows cost forever and keeps request logs
 * (IP addresses) longer than needed.
 * @frameworks AWS FSBP CloudWatch.16; Checkov CKV_AWS_66 / CKV_AWS_338
 */
export const setLogRetention: ResourceValidationPolicy = {
  name: "aws-cloudwatch-log-group-set-retention",
  description: "CloudWatch log groups set a retention period.",
  enforcementLevel: "mandatory",
  severity: "low",
  configSchema: {
    properties: { minimumRetentionDays: { type: "integer", minimum: 1, default: DEFAULTS.minimumRetentionDays } },
  },
  validateResource: validateResourceOfType(aws.cloudwatch.LogGroup, (group, args, reportViolation) => {
    const { minimumRetentionDays } = configWithDefaults(DEFAULTS, () => args.getConfig<Partial<Config>>());
    const days = Number(group.retentionInDays ?? 0);
    if (!(days > 0)) {
      reportViolation("The log group keeps logs forever; set retentionInDays.");
    } else if (days < minimumRetentionDays) {
      reportViolation(`The log group keeps logs for ${days} days, less than the required ${minimumRetentionDays}.`);
    }
  }),
};
