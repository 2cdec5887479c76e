/**
 * Channel delivery claims and last deliveries on DynamoDB. A claim is a conditional put (absent, or
 * its millisecond expiry has passed) with a TTL; last deliveries are one small item per channel,
 * read back for a channel list with one BatchGetItem.
 */
import type { DeliveryStore, LastDelivery } from "../../../ports/store/deliveries.js";
import type { Doc } from "./client.js";
import { send, writeIf, type Ctx } from "./context.js";
import { claimKey, deliveryStatusKey, SCHEMA_VERSION, ttlSeconds } from "./schema.js";

export function createDynamoDeliveries(ctx: Ctx): DeliveryStore {
  const TableName = ctx.tableName;

  const acquireDelivery = (key: string, nowMs: number, untilMs: number): Promise<boolean> =>
    writeIf(ctx, "PutItem", {
      TableName,
      Item: { ...claimKey(key), _et: "DeliveryClaim", v: SCHEMA_VERSION, until: untilMs, expires_at: ttlSeconds(untilMs) },
      ConditionExpression: "attribute_not_exists(pk) OR #until <= :now",
      ExpressionAttributeNames: { "#until": "until" },
      ExpressionAttributeValues: { ":now": nowMs },
    });

  async function extendDelivery(key: string, untilMs: number): Promise<void> {
    await send(ctx, "UpdateItem", {
      TableName,
      Key: claimKey(key),
      UpdateExpression: "SET #until = :until, expires_at = :ttl",
      ExpressionAttributeNames: { "#until": "until" },
      ExpressionAttributeValues: { ":until": untilMs, ":ttl": ttlSeconds(untilMs) },
    });
  }

  async function releaseDelivery(key: string): Promise<void> {
    await send(ctx, "DeleteItem", { TableName, Key: claimKey(key) });
  }

  async function recordDelivery(channelId: string, last: LastDelivery): Promise<void> {
    await send(ctx, "PutItem", {
      TableName,
      Item: { ...deliveryStatusKey(channelId), _et: "DeliveryStatus", v: SCHEMA_VERSION, channel_id: channelId, ...last },
    });
  }

  async function lastDeliveries(channelIds: readonly string[]): Promise<(LastDelivery | null)[]> {
    if (channelIds.length === 0) return [];
    const keys = [...new Set(channelIds)].map(deliveryStatusKey);
    const items = await ctx.client.batchGet(TableName, keys, { consistent: true });
    const byId = new Map(items.map((doc: Doc) => [String(doc.channel_id), toLast(doc)]));
    return channelIds.map((id) => byId.get(id) ?? null);
  }

  return { acquireDelivery, extendDelivery, releaseDelivery, recordDelivery, lastDeliveries };
}

function toLast(doc: Doc): LastDelivery {
  const last: LastDelivery = { status: doc.status === "ok" ? "ok" : "failed", at: String(doc.at) };
  if (typeof doc.error === "string") last.error = doc.error;
  return last;
}
