import { existsSync } from "node:fs";
import * as path from "node:path";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { componentType } from "../components/types.js";
import { lambdaAssumeRolePolicy, type PolicyDocument } from "./builders/iam.js";

export interface AwsFunctionArgs {
  /** Physical function name (the log group is named after it). */
  readonly functionName: string;
  readonly description: string;
  /** Directory of the esbuild bundle (`index.mjs`, handler `index.handler`). */
  readonly bundleDir: string;
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
  readonly reservedConcurrency?: number;
  readonly environment: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /** The role's only permissions, given the function's log group ARN. */
  readonly policy: (logGroupArn: pulumi.Output<string>) => pulumi.Output<PolicyDocument>;
  readonly logRetentionDays: number;
  readonly tags: Record<string, string>;
  /** For a function invoked asynchronously: how often Lambda retries a failed event, and how long it keeps one. */
  readonly asyncInvoke?: { maximumRetryAttempts: number; maximumEventAgeSeconds: number };
}

/**
 * A Node.js 22 arm64 Lambda with its own role (one least-privilege role per function), its own log
 * group with retention, and the code of the runtime build (never a placeholder: code and stack
 * deploy together).
 */
export class AwsFunction extends pulumi.ComponentResource {
  public readonly function: aws.lambda.Function;
  public readonly role: aws.iam.Role;
  public readonly logGroup: aws.cloudwatch.LogGroup;
  public readonly eventInvokeConfig: aws.lambda.FunctionEventInvokeConfig | undefined;

  constructor(name: string, args: AwsFunctionArgs, opts?: pulumi.ComponentResourceOptions) {
    super(componentType("aws", "Function"), name, {}, opts);
    const entry = path.join(args.bundleDir, "index.mjs");
    if (!existsSync(entry)) {
      throw new Error(`${entry} is missing: build the Lambda bundles first (npm run build -w runtime)`);
    }
    const account = aws.getCallerIdentityOutput({}, { parent: this }).accountId;

    this.logGroup = new aws.cloudwatch.LogGroup(
      name,
      { name: `/aws/lambda/${args.functionName}`, retentionInDays: args.logRetentionDays, tags: args.tags },
      { parent: this },
    );
    this.role = new aws.iam.Role(
      name,
      {
        description: `Execution role of ${args.functionName}`,
        assumeRolePolicy: account.apply((id) => JSON.stringify(lambdaAssumeRolePolicy(id))),
        tags: args.tags,
      },
      { parent: this },
    );
    const policy = new aws.iam.RolePolicy(
      name,
      { role: this.role.id, policy: args.policy(this.logGroup.arn).apply((doc) => JSON.stringify(doc)) },
      { parent: this },
    );
    this.function = new aws.lambda.Function(
      name,
      {
        name: args.functionName,
        description: args.description,
        role: this.role.arn,
        runtime: "nodejs22.x",
        architectures: ["arm64"],
        handler: "index.handler",
        code: new pulumi.asset.FileArchive(args.bundleDir),
        memorySize: args.memoryMb,
        timeout: args.timeoutSeconds,
        ...(args.reservedConcurrency !== undefined ? { reservedConcurrentExecutions: args.reservedConcurrency } : {}),
        environment: { variables: args.environment },
        loggingConfig: { logFormat: "Text", logGroup: this.logGroup.name },
        tags: args.tags,
      },
      // The role must carry its policy before the first (deploy-time) invocation.
      { parent: this, dependsOn: [policy, this.logGroup] },
    );
    // Without a qualifier the configuration applies to the unqualified function, which invocations by name reach.
    this.eventInvokeConfig =
      args.asyncInvoke === undefined
        ? undefined
        : new aws.lambda.FunctionEventInvokeConfig(
            name,
            {
              functionName: this.function.name,
              maximumRetryAttempts: args.asyncInvoke.maximumRetryAttempts,
              maximumEventAgeInSeconds: args.asyncInvoke.maximumEventAgeSeconds,
            },
            { parent: this },
          );
    this.registerOutputs({ functionName: this.function.name, roleArn: this.role.arn });
  }
}
