import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { componentType, type DataStore } from "../components/types.js";
import { tableShape } from "./builders/dynamodb.js";

export interface AwsDataStoreArgs {
  readonly tags: Record<string, string>;
  readonly forceDestroy: boolean;
}

/**
 * The single DynamoDB table: on-demand, TTL, point-in-time recovery, encryption, and deletion
 * protection unless `forceDestroy` (teardown). Keys and indexes come from the store adapter.
 */
export class AwsDataStore extends pulumi.ComponentResource implements DataStore {
  public readonly engine = "dynamodb" as const;
  public readonly location: pulumi.Output<string>;
  public readonly tableArn: pulumi.Output<string>;

  constructor(name: string, args: AwsDataStoreArgs, opts?: pulumi.ComponentResourceOptions) {
    super(componentType("aws", "DataStore"), name, {}, opts);
    const shape = tableShape();
    const table = new aws.dynamodb.Table(
      name,
      {
        billingMode: "PAY_PER_REQUEST",
        hashKey: shape.hashKey,
        rangeKey: shape.rangeKey,
        attributes: shape.attributes,
        localSecondaryIndexes: shape.localSecondaryIndexes,
        globalSecondaryIndexes: shape.globalSecondaryIndexes,
        ttl: { attributeName: shape.ttlAttribute, enabled: true },
        pointInTimeRecovery: { enabled: true },
        serverSideEncryption: { enabled: true },
        deletionProtectionEnabled: !args.forceDestroy,
        tags: args.tags,
      },
      { parent: this },
    );
    this.location = table.name;
    this.tableArn = table.arn;
    this.registerOutputs({ engine: this.engine, location: this.location, tableArn: this.tableArn });
  }
}
