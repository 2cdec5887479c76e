/**
 * The DynamoDB adapter of the storage ports: a single table (design in `schema.ts`), requests signed
 * with lib/sigv4.ts (`client.ts`), item params built with dynamodb-toolbox, one module per kind of
 * data. GetItem, BatchGetItem, Query and conditional writes only — never a Scan.
 *
 * @example
 * const store = createDynamoStore({
 *   tableName: "stellarr", region: "eu-west-1",
 *   credentials: { accessKeyId, secretAccessKey, sessionToken }, // Lambda: AWS_* environment
 * });
 */
import type { Store } from "../../../ports/store/index.js";
import { createDynamoChallenges } from "./challenges.js";
import { createDynamoChannels } from "./channels.js";
import { withChangeBumps } from "./changes.js";
import { createDynamoClient, type DynamoClientOptions, type DynamoCredentials } from "./client.js";
import type { Ctx } from "./context.js";
import { createDynamoDeliveries } from "./deliveries.js";
import { createDynamoFollows } from "./follows.js";
import { createGenerations } from "./generations.js";
import { createDynamoGuidCache } from "./guid-cache.js";
import { createDynamoLibrary } from "./library.js";
import { createDynamoRateLimits } from "./rate-limits.js";
import { createDynamoRequests } from "./requests.js";
import { createDynamoSubscriptions } from "./subscriptions.js";
import { createDynamoTitleStatus } from "./title-status.js";
import { createTableInput, TTL_ATTRIBUTE } from "../../../contract/table.js";
import { META_KEY, createModel } from "./schema.js";

export interface DynamoStoreOptions {
  tableName: string;
  region: string;
  /** Defaults to `https://dynamodb.<region>.amazonaws.com`; tests point it at dynalite. */
  endpoint?: string;
  credentials: DynamoCredentials;
  fetch?: typeof fetch;
  retry?: DynamoClientOptions["retry"];
  attemptTimeoutMs?: DynamoClientOptions["attemptTimeoutMs"];
  /** The clock of the change token's bump stamps and settle window (`changes.ts`); tests move it. */
  changeClock?: () => number;
}

export function createDynamoStore(options: DynamoStoreOptions): Store {
  const changes = withChangeBumps(createDynamoClient(options), options.tableName, options.changeClock);
  const client = changes.client;
  const model = createModel(options.tableName);
  const ctx: Ctx = { client, changes, model, tableName: options.tableName };
  // Toolbox's own `.send()` works too, through the same signed client (used by nothing on the hot path).
  (model.table as unknown as { documentClient: unknown }).documentClient = client.documentClient;
  // One generation prediction per store, shared by title status, library and resync.
  const generations = createGenerations(ctx);

  return {
    kind: "dynamodb",
    stats: client.stats,
    async ping() {
      await client.call("GetItem", { TableName: options.tableName, Key: META_KEY });
    },
    async close() {},
    ...createDynamoRequests(ctx),
    ...createDynamoTitleStatus(ctx, generations),
    ...createDynamoLibrary(ctx, generations),
    ...createDynamoGuidCache(ctx),
    ...createDynamoSubscriptions(ctx),
    ...createDynamoChallenges(ctx),
    ...createDynamoRateLimits(ctx),
    ...createDynamoFollows(ctx),
    ...createDynamoChannels(ctx),
    ...createDynamoDeliveries(ctx),
    changeToken: changes.changeToken,
  };
}

/**
 * Creates the table of this design (CreateTable, then best-effort UpdateTimeToLive on
 * `expires_at`, which dynalite does not implement). For tests, local setups and the docs; the
 * Pulumi stack declares the same key schema.
 */
export async function createDynamoTable(options: DynamoStoreOptions): Promise<void> {
  const client = createDynamoClient(options);
  await client.call("CreateTable", createTableInput(options.tableName));
  // Writes to a table still CREATING fail with ResourceNotFoundException (DynamoDB and dynalite,
  // which turns it ACTIVE on a timer even with `createTableMs: 0`).
  for (const until = Date.now() + 10_000; ;) {
    const out = (await client.call("DescribeTable", { TableName: options.tableName })) as { Table?: { TableStatus?: string } };
    if (out.Table?.TableStatus === "ACTIVE") break;
    if (Date.now() > until) throw new Error(`${options.tableName} is not ACTIVE after 10 s`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  try {
    await client.call("UpdateTimeToLive", {
      TableName: options.tableName,
      TimeToLiveSpecification: { Enabled: true, AttributeName: TTL_ATTRIBUTE },
    });
  } catch {
    // dynalite: UnknownOperationException. Reads filter expired items themselves either way.
  }
}

export { DynamoError } from "./client.js";
