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
  await untilTableActive(client, options.tableName);
  try {
    await client.call("UpdateTimeToLive", {
      TableName: options.tableName,
      TimeToLiveSpecification: { Enabled: true, AttributeName: TTL_ATTRIBUTE },
    });
  } catch {
    // dynalite: UnknownOperationException. Reads filter expired items themselves either way.
  }
}

/**
 * Waits until a new table is ACTIVE: DynamoDB answers writes to a table still CREATING with
 * ResourceNotFoundException, and so does dynalite (even with `createTableMs: 0` it turns the table
 * ACTIVE on a timer). For anything that creates a table and then writes to it (tests, local setups).
 */
export async function untilTableActive(
  client: { call(op: string, params: Record<string, unknown>): Promise<unknown> },
  tableName: string,
  timeoutMs = 10_000,
): Promise<void> {
  for (const until = Date.now() + timeoutMs; ;) {
    const out = (await client.call("DescribeTable", { TableName: tableName })) as { Table?: { TableStatus?: string } };
    if (out.Table?.TableStatus === "ACTIVE") return;
    if (Date.now() > until) throw new Error(`${tableName} is not ACTIVE after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export { DynamoError } from "./client.js";
