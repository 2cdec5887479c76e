/**
 * The original Stellarr's DynamoDB table (its AWS backend), read with one paginated Scan — the
 * only Scan anywhere in Stellarr, of a table that is not Stellarr's, once.
 */
import { collectDynamoItem, type AttributeValue } from "../../domain/import-original/dynamodb-layout.js";
import type { OriginalSource } from "../../app/import-original/source.js";
import type { DynamoClient } from "../store/dynamodb/client.js";

export function originalDynamoSource(client: DynamoClient, tableName: string): OriginalSource {
  return {
    label: `the original's DynamoDB table ${tableName}`,
    async read(collector, onProgress) {
      // DescribeTable's item count (refreshed by AWS every few hours) only sizes the progress bar;
      // a role without dynamodb:DescribeTable still imports.
      let estimate = 0;
      try {
        const out = await client.call("DescribeTable", { TableName: tableName });
        estimate = Number((out.Table as { ItemCount?: number } | undefined)?.ItemCount ?? 0);
      } catch {
        estimate = 0;
      }
      let done = 0;
      let keyed = false;
      await client.scanForeignTable(tableName, (items) => {
        for (const item of items) {
          if ("media_type" in item) keyed = true;
          collectDynamoItem(item as Record<string, AttributeValue>, collector);
        }
        done += items.length;
        onProgress(done, Math.max(done, estimate));
      });
      if (done > 0 && !keyed) throw new Error(`table ${tableName} has no media_type key: not the original Stellarr's table`);
    },
  };
}
