import type { ResourceValidationPolicy } from "@pulumi/policy";
import { configWithDefaults, tagsOf } from "../../lib/values.js";

interface Config {
  requiredTagKeys: string[];
}
// The stacks tag everything with the project and stack names (plus ManagedBy); a deployment can change the list.
const DEFAULTS: Config = { requiredTagKeys: ["Project", "Stack"] };

// Types whose AWS API takes tags. Many do not (public access blocks, bucket policies, OACs, Function URLs,
// permissions, Route53 records, response headers policies, all Docker resources), so the policy is scoped to
// this list rather than to "has a tags input" (stack-notes §8.7). Provider `defaultTags` do not reach the
// inputs the engine hands a policy, so resources are tagged explicitly.
export const TAGGABLE_TYPES: ReadonlySet<string> = new Set([
  "aws:s3/bucket:Bucket",
  "aws:s3/bucketV2:BucketV2",
  "aws:dynamodb/table:Table",
  "aws:lambda/function:Function",
  "aws:iam/role:Role",
  "aws:iam/policy:Policy",
  "aws:cloudwatch/logGroup:LogGroup",
  "aws:cloudwatch/eventRule:EventRule",
  "aws:cloudwatch/metricAlarm:MetricAlarm",
  "aws:cloudfront/distribution:Distribution",
  "aws:secretsmanager/secret:Secret",
  "aws:wafv2/webAcl:WebAcl",
  "aws:acm/certificate:Certificate",
  "aws:kms/key:Key",
  "aws:sqs/queue:Queue",
  "aws:sns/topic:Topic",
  "aws:scheduler/scheduleGroup:ScheduleGroup",
]);

/**
 * Tags tell which stack a resource belongs to when someone browses the console or the bill, which matters for
 * users who deploy into an account that holds other things too.
 * @frameworks AWS FSBP tagging controls (e.g. DynamoDB.5, Lambda.6, CloudFront.14)
 */
export const tagTaggableResources: ResourceValidationPolicy = {
  name: "aws-tags-tag-taggable-resources",
  description: "Every AWS resource that supports tags carries the Project and Stack tags.",
  enforcementLevel: "mandatory",
  severity: "low",
  configSchema: {
    properties: {
      requiredTagKeys: { type: "array", items: { type: "string" }, default: DEFAULTS.requiredTagKeys },
    },
  },
  validateResource: (args, reportViolation) => {
    if (!TAGGABLE_TYPES.has(args.type)) args.notApplicable("This resource type takes no tags.");
    const { requiredTagKeys } = configWithDefaults(DEFAULTS, () => args.getConfig<Partial<Config>>());
    const tags = tagsOf(args.props);
    if (Object.keys(tags).length === 0) {
      reportViolation("The resource has no tags; tag every taggable resource with the Project and Stack names.");
      return;
    }
    for (const key of requiredTagKeys.filter((k) => !(k in tags))) {
      reportViolation(`The resource is missing the required tag '${key}'.`);
    }
  },
};
