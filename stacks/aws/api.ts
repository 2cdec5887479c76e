import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { runtimeEnv } from "../components/runtime-env.js";
import { componentType, type Api } from "../components/types.js";
import type { AppSettings } from "../settings.js";
import { apiPolicy, warmerPolicy } from "./builders/iam.js";
import { AwsFunction } from "./function.js";

export interface AwsApiArgs {
  readonly app: AppSettings;
  readonly tags: Record<string, string>;
  /** Physical name prefix, e.g. `stellarr-prod`. */
  readonly prefix: string;
  readonly apiBundle: string;
  readonly warmerBundle: string;
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
  readonly reservedConcurrency: number;
  readonly logRetentionDays: number;
  readonly tableName: pulumi.Input<string>;
  readonly tableArn: pulumi.Input<string>;
  readonly trendingBucket: pulumi.Input<string>;
  readonly trendingBucketArn: pulumi.Input<string>;
  readonly secretArn: pulumi.Input<string>;
}

/** Schedule of the warmer (trending files + external-id refresh), product.md §6 and §8. */
export const WARMER_SCHEDULE = "rate(1 day)";

/** Plain (non-secret) environment of the API Lambda; secrets come from SECRET_ID at runtime. */
export function apiEnvironment(
  app: AppSettings,
  r: { tableName: string; trendingBucket: string; secretArn: string },
): Record<string, string> {
  return runtimeEnv(app, { TABLE_NAME: r.tableName, TRENDING_BUCKET: r.trendingBucket, SECRET_ID: r.secretArn, TRUST_PROXY: "cloudfront" });
}

export function warmerEnvironment(
  app: AppSettings,
  r: { tableName: string; trendingBucket: string; secretArn: string },
): Record<string, string> {
  return runtimeEnv(app, { TABLE_NAME: r.tableName, TRENDING_BUCKET: r.trendingBucket, SECRET_ID: r.secretArn });
}

/**
 * The runtime on AWS: the API Lambda behind a Function URL (auth NONE — CloudFront OAC cannot carry
 * Plex webhooks, stack-notes §8.2 — guarded by the origin-verify header the runtime checks, with
 * reserved concurrency as the cost cap), and the warmer Lambda on a daily EventBridge rule.
 */
export class AwsApi extends pulumi.ComponentResource implements Api {
  public readonly originUrl: pulumi.Output<string>;
  public readonly apiFunction: AwsFunction;
  public readonly warmerFunction: AwsFunction;
  private readonly name: string;

  constructor(name: string, args: AwsApiArgs, opts?: pulumi.ComponentResourceOptions) {
    super(componentType("aws", "Api"), name, {}, opts);
    this.name = name;
    const refs = pulumi.all([args.tableName, args.trendingBucket, args.secretArn]);
    const tableArn = pulumi.output(args.tableArn);
    const secretArn = pulumi.output(args.secretArn);

    this.apiFunction = new AwsFunction(
      name,
      {
        functionName: `${args.prefix}-api`,
        description: "Stellarr HTTP API (behind CloudFront)",
        bundleDir: args.apiBundle,
        memoryMb: args.memoryMb,
        timeoutSeconds: args.timeoutSeconds,
        reservedConcurrency: args.reservedConcurrency,
        environment: refs.apply(([tableName, trendingBucket, secret]) =>
          apiEnvironment(args.app, { tableName, trendingBucket, secretArn: secret }),
        ),
        policy: (logGroupArn) =>
          pulumi.all([tableArn, secretArn, logGroupArn]).apply(([t, s, l]) => apiPolicy({ tableArn: t, secretArn: s, logGroupArn: l })),
        logRetentionDays: args.logRetentionDays,
        tags: args.tags,
      },
      { parent: this },
    );
    const fn = this.apiFunction.function;
    const url = new aws.lambda.FunctionUrl(
      name,
      { functionName: fn.name, authorizationType: "NONE", invokeMode: "BUFFERED" },
      { parent: this },
    );
    // Public Function URLs need both statements since October 2025; the runtime's origin-verify check is the guard.
    new aws.lambda.Permission(
      `${name}-url`,
      { function: fn.name, action: "lambda:InvokeFunctionUrl", principal: "*", functionUrlAuthType: "NONE" },
      { parent: this },
    );
    new aws.lambda.Permission(
      `${name}-url-invoke`,
      { function: fn.name, action: "lambda:InvokeFunction", principal: "*", invokedViaFunctionUrl: true },
      { parent: this },
    );

    this.warmerFunction = new AwsFunction(
      `${name}-warmer`,
      {
        functionName: `${args.prefix}-warmer`,
        description: "Stellarr daily jobs: trending files and external-id refresh",
        bundleDir: args.warmerBundle,
        memoryMb: 256,
        timeoutSeconds: 300,
        environment: refs.apply(([tableName, trendingBucket, secret]) =>
          warmerEnvironment(args.app, { tableName, trendingBucket, secretArn: secret }),
        ),
        policy: (logGroupArn) =>
          pulumi
            .all([tableArn, secretArn, logGroupArn, pulumi.output(args.trendingBucketArn)])
            .apply(([t, s, l, b]) => warmerPolicy({ tableArn: t, secretArn: s, logGroupArn: l, trendingBucketArn: b })),
        logRetentionDays: args.logRetentionDays,
        tags: args.tags,
      },
      { parent: this },
    );
    const warmer = this.warmerFunction.function;
    const rule = new aws.cloudwatch.EventRule(
      `${name}-warmer`,
      { description: "Daily Stellarr jobs", scheduleExpression: WARMER_SCHEDULE, tags: args.tags },
      { parent: this },
    );
    const permission = new aws.lambda.Permission(
      `${name}-warmer-schedule`,
      { function: warmer.name, action: "lambda:InvokeFunction", principal: "events.amazonaws.com", sourceArn: rule.arn },
      { parent: this },
    );
    new aws.cloudwatch.EventTarget(
      `${name}-warmer`,
      { rule: rule.name, arn: warmer.arn, input: JSON.stringify({ source: "stellarr.schedule" }) },
      { parent: this, dependsOn: [permission] },
    );

    this.originUrl = url.functionUrl;
    this.registerOutputs({ originUrl: this.originUrl, apiFunction: fn.name, warmerFunction: warmer.name });
  }

  /**
   * Runs the warmer once at deploy (after the secret it reads exists), again whenever its code
   * changes. The warmer never throws — it reports per-file status — so this cannot fail the
   * deployment for an upstream (TMDB) problem.
   */
  warmOnDeploy(dependsOn: pulumi.Resource[]): aws.lambda.Invocation {
    const warmer = this.warmerFunction.function;
    return new aws.lambda.Invocation(
      `${this.name}-warmer-deploy`,
      {
        functionName: warmer.name,
        input: JSON.stringify({ source: "stellarr.deploy" }),
        triggers: { code: warmer.codeSha256.apply((h) => h ?? ""), updated: warmer.lastModified.apply((v) => v ?? "") },
      },
      { parent: this, dependsOn },
    );
  }
}
