import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { runtimeEnv } from "../components/runtime-env.js";
import { componentType, type Api } from "../components/types.js";
import type { AppSettings } from "../settings.js";
import { apiPolicy, notifierPolicy, warmerPolicy } from "./builders/iam.js";
import { AwsFunction } from "./function.js";

export interface AwsApiArgs {
  readonly app: AppSettings;
  readonly tags: Record<string, string>;
  /** Physical name prefix, e.g. `stellarr-prod`. */
  readonly prefix: string;
  readonly apiBundle: string;
  readonly warmerBundle: string;
  readonly notifierBundle: string;
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

/**
 * The notifier (issue #24): the API hands each fulfilment to it as an asynchronous invocation, so channel
 * deliveries never hold up a webhook or sync response (a channel test is the one synchronous invocation,
 * within the API request's deadline; throttled by the reserved concurrency, it answers 503). The runtime retries a failed delivery with back-off
 * inside one invocation (at least 2 attempts within 30 s): the timeout leaves room for that and the
 * channels' own deadlines. Lambda adds its retries of a failed invocation (at most 2 more, about 1 and
 * 2 minutes later; the runtime's attempts stay within 8 in all). Reserved concurrency keeps a burst of
 * fulfilments (a library sync) from taking the account's concurrency: the excess is throttled, and Lambda
 * keeps throttled events queued for up to the maximum event age. That age is 6 h — Lambda's maximum — so
 * a burst is delivered late rather than dropped, and it stays well inside the runtime's 24 h
 * at-most-once window per (title, channel): no retried or late event can announce a title twice.
 */
export const NOTIFIER = {
  memoryMb: 256,
  timeoutSeconds: 60,
  reservedConcurrency: 2,
  maximumRetryAttempts: 2,
  maximumEventAgeSeconds: 6 * 3600,
} as const;

interface Refs {
  tableName: string;
  trendingBucket: string;
  secretArn: string;
}

/** Plain (non-secret) environment of the API Lambda; secrets come from SECRET_ID at runtime. */
export function apiEnvironment(app: AppSettings, r: Refs & { notifierName: string }): Record<string, string> {
  return runtimeEnv(app, {
    TABLE_NAME: r.tableName,
    TRENDING_BUCKET: r.trendingBucket,
    SECRET_ID: r.secretArn,
    TRUST_PROXY: "cloudfront",
    NOTIFIER_FUNCTION_NAME: r.notifierName,
  });
}

export function warmerEnvironment(app: AppSettings, r: Refs): Record<string, string> {
  return runtimeEnv(app, { TABLE_NAME: r.tableName, TRENDING_BUCKET: r.trendingBucket, SECRET_ID: r.secretArn });
}

/** The notifier reads the table and the secret (channel URLs, BASE_URL for links), nothing else. */
export function notifierEnvironment(app: AppSettings, r: Omit<Refs, "trendingBucket">): Record<string, string> {
  return runtimeEnv(app, { TABLE_NAME: r.tableName, SECRET_ID: r.secretArn });
}

/**
 * The runtime on AWS: the API Lambda behind a Function URL (auth NONE — CloudFront OAC cannot carry
 * Plex webhooks, stack-notes §8.2 — guarded by the origin-verify header the runtime checks, with
 * reserved concurrency as the cost cap), the warmer Lambda on a daily EventBridge rule, and the
 * notifier Lambda the API invokes asynchronously. Each function has its own role and log group.
 */
export class AwsApi extends pulumi.ComponentResource implements Api {
  public readonly originUrl: pulumi.Output<string>;
  public readonly apiFunction: AwsFunction;
  public readonly warmerFunction: AwsFunction;
  public readonly notifierFunction: AwsFunction;
  private readonly name: string;
  private readonly args: AwsApiArgs;
  private readonly refs: pulumi.Output<Refs>;

  constructor(name: string, args: AwsApiArgs, opts?: pulumi.ComponentResourceOptions) {
    super(componentType("aws", "Api"), name, {}, opts);
    this.name = name;
    this.args = args;
    this.refs = pulumi
      .all([args.tableName, args.trendingBucket, args.secretArn])
      .apply(([tableName, trendingBucket, secretArn]) => ({ tableName, trendingBucket, secretArn }));

    // The notifier first: the API's role and environment name it.
    this.notifierFunction = this.provisionNotifier();
    const api = this.provisionApi(this.notifierFunction.function);
    this.apiFunction = api.fn;
    this.originUrl = api.url.functionUrl;
    this.warmerFunction = this.provisionWarmer();

    this.registerOutputs({
      originUrl: this.originUrl,
      apiFunction: this.apiFunction.function.name,
      warmerFunction: this.warmerFunction.function.name,
      notifierFunction: this.notifierFunction.function.name,
    });
  }

  private provisionNotifier(): AwsFunction {
    const { name, args } = this;
    const tableArn = pulumi.output(args.tableArn);
    const secretArn = pulumi.output(args.secretArn);
    return new AwsFunction(
      `${name}-notifier`,
      {
        functionName: `${args.prefix}-notifier`,
        description: "Stellarr notification channels (invoked asynchronously by the API)",
        bundleDir: args.notifierBundle,
        memoryMb: NOTIFIER.memoryMb,
        timeoutSeconds: NOTIFIER.timeoutSeconds,
        reservedConcurrency: NOTIFIER.reservedConcurrency,
        environment: this.refs.apply((r) => notifierEnvironment(args.app, r)),
        policy: (logGroupArn) =>
          pulumi
            .all([tableArn, secretArn, logGroupArn])
            .apply(([t, s, l]) => notifierPolicy({ tableArn: t, secretArn: s, logGroupArn: l })),
        logRetentionDays: args.logRetentionDays,
        tags: args.tags,
        asyncInvoke: { maximumRetryAttempts: NOTIFIER.maximumRetryAttempts, maximumEventAgeSeconds: NOTIFIER.maximumEventAgeSeconds },
      },
      { parent: this },
    );
  }

  private provisionApi(notifier: aws.lambda.Function): { fn: AwsFunction; url: aws.lambda.FunctionUrl } {
    const { name, args } = this;
    const tableArn = pulumi.output(args.tableArn);
    const secretArn = pulumi.output(args.secretArn);
    const api = new AwsFunction(
      name,
      {
        functionName: `${args.prefix}-api`,
        description: "Stellarr HTTP API (behind CloudFront)",
        bundleDir: args.apiBundle,
        memoryMb: args.memoryMb,
        timeoutSeconds: args.timeoutSeconds,
        reservedConcurrency: args.reservedConcurrency,
        environment: pulumi.all([this.refs, notifier.name]).apply(([r, notifierName]) => apiEnvironment(args.app, { ...r, notifierName })),
        policy: (logGroupArn) =>
          pulumi
            .all([tableArn, secretArn, logGroupArn, notifier.arn])
            .apply(([t, s, l, n]) => apiPolicy({ tableArn: t, secretArn: s, logGroupArn: l, notifierArn: n })),
        logRetentionDays: args.logRetentionDays,
        tags: args.tags,
      },
      { parent: this },
    );
    const fn = api.function;
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
    return { fn: api, url };
  }

  private provisionWarmer(): AwsFunction {
    const { name, args } = this;
    const tableArn = pulumi.output(args.tableArn);
    const secretArn = pulumi.output(args.secretArn);
    const warmer = new AwsFunction(
      `${name}-warmer`,
      {
        functionName: `${args.prefix}-warmer`,
        description: "Stellarr daily jobs: trending files and external-id refresh",
        bundleDir: args.warmerBundle,
        memoryMb: 256,
        timeoutSeconds: 300,
        environment: this.refs.apply((r) => warmerEnvironment(args.app, r)),
        policy: (logGroupArn) =>
          pulumi
            .all([tableArn, secretArn, logGroupArn, pulumi.output(args.trendingBucketArn)])
            .apply(([t, s, l, b]) => warmerPolicy({ tableArn: t, secretArn: s, logGroupArn: l, trendingBucketArn: b })),
        logRetentionDays: args.logRetentionDays,
        tags: args.tags,
      },
      { parent: this },
    );
    const fn = warmer.function;
    const rule = new aws.cloudwatch.EventRule(
      `${name}-warmer`,
      { description: "Daily Stellarr jobs", scheduleExpression: WARMER_SCHEDULE, tags: args.tags },
      { parent: this },
    );
    const permission = new aws.lambda.Permission(
      `${name}-warmer-schedule`,
      { function: fn.name, action: "lambda:InvokeFunction", principal: "events.amazonaws.com", sourceArn: rule.arn },
      { parent: this },
    );
    new aws.cloudwatch.EventTarget(
      `${name}-warmer`,
      { rule: rule.name, arn: fn.arn, input: JSON.stringify({ source: "stellarr.schedule" }) },
      { parent: this, dependsOn: [permission] },
    );
    return warmer;
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
