/**
 * Creates a DynamoDB table in the original Stellarr's AWS-backend layout (reference-original.md
 * §5.2: partition key `media_type` S, sort key `tmdb_id` N, on-demand) and fills it with
 * `originalDynamoItems()` or the items given. Any DynamoDB works (tests use dynalite); the caller
 * passes a client whose `call(op, params)` marshals plain values (strings → S, numbers → N, objects
 * → M), such as the runtime's `createDynamoClient(...)`.
 */
import { untilTableActive } from "@stellarr/runtime/internal/adapters/store/dynamodb/index";
import { originalDynamoItems } from "./dataset.js";

export interface DynamoCaller {
  call(op: string, params: Record<string, unknown>): Promise<unknown>;
}

export async function seedOriginalTable(
  client: DynamoCaller,
  tableName: string,
  items: Record<string, unknown>[] = originalDynamoItems(),
): Promise<void> {
  await client.call("CreateTable", {
    TableName: tableName,
    BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: [
      { AttributeName: "media_type", AttributeType: "S" },
      { AttributeName: "tmdb_id", AttributeType: "N" },
    ],
    KeySchema: [
      { AttributeName: "media_type", KeyType: "HASH" },
      { AttributeName: "tmdb_id", KeyType: "RANGE" },
    ],
  });
  await untilTableActive(client, tableName);
  for (let i = 0; i < items.length; i += 25) {
    let pending: unknown[] = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt > 5) throw new Error("seedOriginalTable: items left unprocessed");
      const out = (await client.call("BatchWriteItem", { RequestItems: { [tableName]: pending } })) as {
        UnprocessedItems?: Record<string, unknown[]>;
      };
      pending = out.UnprocessedItems?.[tableName] ?? [];
    }
  }
}
