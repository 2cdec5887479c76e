/** Personal notification channels on DynamoDB: one item per channel in its owner's partition (one Query lists them). */
import type { ChannelStore, PersonalChannelRecord } from "../../../ports/store/channels.js";
import { isConditionFailed, type Doc } from "./client.js";
import { send, type Ctx } from "./context.js";
import { channelKey, channelPk, SCHEMA_VERSION } from "./schema.js";

export function createDynamoChannels(ctx: Ctx): ChannelStore {
  const toChannel = (doc: Doc): PersonalChannelRecord => ({
    id: String(doc.id),
    owner: String(doc.owner),
    spec: String(doc.spec),
    locale: String(doc.locale),
    created_at: String(doc.created_at),
  });

  async function putChannel(channel: PersonalChannelRecord): Promise<void> {
    await send(ctx, "PutItem", {
      TableName: ctx.tableName,
      Item: { ...channelKey(channel.owner, channel.id), _et: "Channel", v: SCHEMA_VERSION, ...channel },
    });
  }

  async function listChannels(owner: string): Promise<PersonalChannelRecord[]> {
    const items = await ctx.client.queryAll({
      TableName: ctx.tableName,
      KeyConditionExpression: "pk = :pk",
      ExpressionAttributeValues: { ":pk": channelPk(owner) },
      ConsistentRead: true,
    });
    return items
      .filter((doc) => doc.owner === owner)
      .map(toChannel)
      .sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id));
  }

  async function getChannel(owner: string, id: string): Promise<PersonalChannelRecord | null> {
    const out = await send(ctx, "GetItem", { TableName: ctx.tableName, Key: channelKey(owner, id), ConsistentRead: true });
    const doc = out.Item as Doc | undefined;
    return doc && doc.owner === owner && doc.id === id ? toChannel(doc) : null;
  }

  async function deleteChannel(owner: string, id: string): Promise<boolean> {
    try {
      await send(ctx, "DeleteItem", {
        TableName: ctx.tableName,
        Key: channelKey(owner, id),
        ConditionExpression: "attribute_exists(pk)",
      });
      return true;
    } catch (error) {
      if (isConditionFailed(error)) return false;
      throw error;
    }
  }

  return { putChannel, listChannels, getChannel, deleteChannel };
}
