/**
 * Rate-limit windows on DynamoDB: an atomic ADD into the running window, or a conditional put that
 * starts one; expired windows are ignored on read (TTL deletion is late on AWS, absent on dynalite).
 */
import { DeleteItemCommand, GetItemCommand, PutItemCommand } from "dynamodb-toolbox";
import type { RateLimitStore, RateLimitWindow } from "../../../ports/store/rate-limits.js";
import { isConditionFailed, type Doc } from "./client.js";
import { absentOrExpired, send, withoutToolboxItem, writeIf, type Ctx } from "./context.js";
import { ttlSeconds } from "./schema.js";

export function createDynamoRateLimits(ctx: Ctx): RateLimitStore {
  const { RateLimitEntity } = ctx.model;

  async function getRateLimit(key: string, nowMs: number): Promise<RateLimitWindow | null> {
    const out = await send(ctx, "GetItem", RateLimitEntity.build(GetItemCommand).key({ key }).options({ consistent: true }).params());
    const doc = out.Item as Doc | undefined;
    if (!doc || doc.key !== key || Number(doc.reset_at) <= nowMs) return null;
    return { count: Number(doc.n), reset_at: Number(doc.reset_at) };
  }

  async function hitRateLimit(key: string, windowMs: number, nowMs: number): Promise<RateLimitWindow> {
    const { pk, sk } = (RateLimitEntity.build(GetItemCommand).key({ key }).params().Key ?? {}) as Doc;
    for (let attempt = 0; attempt < 5; attempt++) {
      // 1) Count into the running window (the common case); fails when absent or stale.
      try {
        const out = await send(ctx, "UpdateItem", {
          TableName: ctx.tableName,
          Key: { pk, sk },
          UpdateExpression: "ADD #n :one",
          ConditionExpression: "attribute_exists(#reset) AND #reset > :now",
          ExpressionAttributeNames: { "#n": "n", "#reset": "reset_at" },
          ExpressionAttributeValues: { ":one": 1, ":now": nowMs },
          ReturnValues: "ALL_NEW",
        });
        const doc = out.Attributes as Doc;
        return { count: Number(doc.n), reset_at: Number(doc.reset_at) };
      } catch (error) {
        if (!isConditionFailed(error)) throw error;
      }
      // 2) Start a window at this first hit, unless a concurrent hit just started one.
      const resetAt = nowMs + windowMs;
      const params = RateLimitEntity.build(PutItemCommand)
        .item({ key, n: 1, reset_at: resetAt, expires_at: ttlSeconds(resetAt) })
        .options({ condition: absentOrExpired("key", "reset_at", nowMs) })
        .params();
      if (await writeIf(ctx, "PutItem", withoutToolboxItem(params))) return { count: 1, reset_at: resetAt };
    }
    throw new Error("rate-limit window did not settle after 5 attempts");
  }

  async function clearRateLimit(key: string): Promise<void> {
    await send(ctx, "DeleteItem", RateLimitEntity.build(DeleteItemCommand).key({ key }).params());
  }

  return { getRateLimit, hitRateLimit, clearRateLimit };
}
