/**
 * The API function's environment as the stacks set it on AWS, pointed at local stand-ins: the
 * Secrets Manager fake (its secret `secretId`) and a dynalite table, with the test credentials.
 */
import { TEST_CREDENTIALS, TEST_REGION, type DynaliteTable } from "./dynalite.js";

export function lambdaApiEnv(opts: { secretsManagerUrl: string; table: DynaliteTable; secretId: string }): Record<string, string> {
  return {
    AWS_REGION: TEST_REGION,
    AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
    SECRET_ID: opts.secretId,
    SECRETS_MANAGER_ENDPOINT: opts.secretsManagerUrl,
    TABLE_NAME: opts.table.options.tableName,
    DYNAMODB_ENDPOINT: opts.table.options.endpoint!,
    TRUST_PROXY: "cloudfront",
  };
}
