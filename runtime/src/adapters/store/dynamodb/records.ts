/**
 * The small keyed records: Plex GUID cache, push subscriptions, single-use challenges and
 * rate-limit windows. Every invariant is a conditional write; every expiring kind is checked
 * against the caller's clock on read (TTL deletion is late on AWS and absent on dynalite).
 */
import { DeleteItemCommand, GetItemCommand, PutItemCommand } from "dynamodb-toolbox";
import type { GuidMapping, MediaType, PushSubscriptionRecord, RateLimitWindow } from "../../../ports/store.js";
import { isConditionFailed, type Doc } from "./client.js";
import { send, type Ctx } from "./context.js";
import { ownerPk, subscriptionPk, ttlSeconds } from "./schema.js";

const strip = <T extends { ToolboxItem?: unknown }>(params: T) => {
  const { ToolboxItem: _ignored, ...rest } = params;
  return rest as Doc;
};

/** The item of a GUID mapping (for PutItem, and for the library upsert's BatchWriteItem). */
export function guidItem(ctx: Ctx, guid: string, mapping: GuidMapping): Doc {
  const params = ctx.model.GuidEntity.build(PutItemCommand)
    .item({ guid, media_type: mapping.media_type, tmdb_id: mapping.tmdb_id, tvdb_id: mapping.tvdb_id ?? undefined })
    .params();
  return params.Item as Doc;
}

/** The mapping a GUID item holds for exactly `guid` (a long guid's key part is a hash, so the guid itself is compared). */
export function guidMapping(doc: Doc | undefined, guid: string): GuidMapping | null {
  if (!doc || doc.guid !== guid) return null;
  return {
    media_type: doc.media_type as MediaType,
    tmdb_id: Number(doc.tmdb_id),
    tvdb_id: typeof doc.tvdb_id === "number" ? doc.tvdb_id : null,
  };
}

export function createRecordOps(ctx: Ctx) {
  const { GuidEntity, SubscriptionEntity, ChallengeEntity, RateLimitEntity } = ctx.model;

  // ---- Plex GUID cache ---------------------------------------------------------------------
  async function getGuid(guid: string): Promise<GuidMapping | null> {
    const out = await send(ctx, "GetItem", GuidEntity.build(GetItemCommand).key({ guid }).params());
    return guidMapping(out.Item as Doc | undefined, guid);
  }

  async function putGuid(guid: string, mapping: GuidMapping): Promise<void> {
    await send(ctx, "PutItem", { TableName: ctx.tableName, Item: guidItem(ctx, guid, mapping) });
  }

  // ---- push subscriptions ------------------------------------------------------------------
  const toSubscription = (doc: Doc): PushSubscriptionRecord => ({
    endpoint: String(doc.endpoint),
    owner: String(doc.owner),
    p256dh: String(doc.p256dh),
    auth: String(doc.auth),
    locale: String(doc.locale),
    vapid_key_id: String(doc.vapid_key_id),
    created_at: String(doc.created_at),
  });

  async function putSubscription(sub: PushSubscriptionRecord): Promise<"created" | "updated"> {
    const params = SubscriptionEntity.build(PutItemCommand)
      .item({ ...sub, gsi1pk: ownerPk(sub.owner), gsi1sk: subscriptionPk(sub.endpoint) })
      .options({ returnValues: "ALL_OLD" })
      .params();
    // One item per endpoint, so moving to another owner is this same put (the GSI follows).
    const out = await send(ctx, "PutItem", strip(params));
    return out.Attributes ? "updated" : "created";
  }

  async function getSubscription(endpoint: string): Promise<PushSubscriptionRecord | null> {
    const out = await send(
      ctx,
      "GetItem",
      SubscriptionEntity.build(GetItemCommand).key({ endpoint }).options({ consistent: true }).params(),
    );
    const doc = out.Item as Doc | undefined;
    return doc && doc.endpoint === endpoint ? toSubscription(doc) : null;
  }

  async function listSubscriptions(owner: string): Promise<PushSubscriptionRecord[]> {
    const items = await ctx.client.queryAll({
      TableName: ctx.tableName,
      IndexName: "gsi1",
      KeyConditionExpression: "gsi1pk = :pk",
      ExpressionAttributeValues: { ":pk": ownerPk(owner) },
    });
    return items.filter((doc) => doc.owner === owner).map(toSubscription);
  }

  async function deleteSubscription(endpoint: string, owner?: string): Promise<boolean> {
    const params = SubscriptionEntity.build(DeleteItemCommand)
      .key({ endpoint })
      .options({
        returnValues: "ALL_OLD",
        condition: owner === undefined ? { attr: "endpoint", exists: true } : { attr: "owner", eq: owner },
      })
      .params();
    try {
      const out = await send(ctx, "DeleteItem", params);
      return out.Attributes !== undefined;
    } catch (error) {
      if (isConditionFailed(error)) return false;
      throw error;
    }
  }

  // ---- single-use challenges ---------------------------------------------------------------
  async function consumeChallenge(challengeId: string, expiresAtMs: number, nowMs: number): Promise<boolean> {
    const params = ChallengeEntity.build(PutItemCommand)
      .item({ challenge_id: challengeId, exp_ms: expiresAtMs, expires_at: ttlSeconds(expiresAtMs) })
      // First use, or the earlier record has expired (not yet deleted by TTL).
      .options({
        condition: {
          or: [
            { attr: "challenge_id", exists: false },
            { attr: "exp_ms", lte: nowMs },
          ],
        },
      })
      .params();
    try {
      await send(ctx, "PutItem", strip(params));
      return true;
    } catch (error) {
      if (isConditionFailed(error)) return false;
      throw error;
    }
  }

  // ---- rate-limit windows ------------------------------------------------------------------
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
        .options({
          condition: {
            or: [
              { attr: "key", exists: false },
              { attr: "reset_at", lte: nowMs },
            ],
          },
        })
        .params();
      try {
        await send(ctx, "PutItem", strip(params));
        return { count: 1, reset_at: resetAt };
      } catch (error) {
        if (!isConditionFailed(error)) throw error;
      }
    }
    throw new Error("rate-limit window did not settle after 5 attempts");
  }

  async function clearRateLimit(key: string): Promise<void> {
    await send(ctx, "DeleteItem", RateLimitEntity.build(DeleteItemCommand).key({ key }).params());
  }

  return {
    getGuid,
    putGuid,
    putSubscription,
    getSubscription,
    listSubscriptions,
    deleteSubscription,
    consumeChallenge,
    getRateLimit,
    hitRateLimit,
    clearRateLimit,
  };
}
