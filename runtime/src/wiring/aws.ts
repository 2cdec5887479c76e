/** What the two Lambda shapes (API, warmer) build alike: the configuration source over Secrets Manager and the DynamoDB store. */
import { secretsManagerFor } from "../adapters/secrets/secrets-manager.js";
import { createDynamoStore } from "../adapters/store/dynamodb/index.js";
import { createAwsConfigSource, type AwsConfigSource, type AwsConfigSourceOptions, type AwsSettings } from "../config/aws.js";
import type { Store } from "../ports/store/index.js";

/** The configuration over the deployment's Secrets Manager. Throws `ConfigError` at once when the environment is incomplete (before any network call). */
export function awsConfigSource(opts: Omit<AwsConfigSourceOptions, "secrets">): AwsConfigSource {
  return createAwsConfigSource({ ...opts, secrets: secretsManagerFor });
}

/** The deployment's table (`TABLE_NAME`, required by `need.table`). */
export function dynamoStoreFor(settings: AwsSettings): Store {
  return createDynamoStore({
    tableName: settings.tableName!,
    region: settings.region,
    endpoint: settings.endpoints.dynamodb,
    credentials: settings.credentials,
  });
}
