/**
 * Push subscriptions on DynamoDB: one item per endpoint (keyed by its hash), listed by owner
 * through the `gsi1` index. Moving an endpoint to another owner is the same single put.
 */
import { DeleteItemCommand, GetItemCommand, PutItemCommand } from "dynamodb-toolbox";
import type { PushSubscriptionRecord, SubscriptionStore } from "../../../ports/store/subscriptions.js";
import { isConditionFailed, type Doc } from "./client.js";
import { send, withoutToolboxItem, type Ctx } from "./context.js";
import { ownerPk, subscriptionPk } from "./schema.js";

export function createDynamoSubscriptions(ctx: Ctx): SubscriptionStore {
  const { SubscriptionEntity } = ctx.model;

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
    const out = await send(ctx, "PutItem", withoutToolboxItem(params));
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

  return { putSubscription, getSubscription, listSubscriptions, deleteSubscription };
}
