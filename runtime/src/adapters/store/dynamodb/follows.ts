/**
 * Follows on DynamoDB: one item per followed title holding the names as a string set, so
 * follow/unfollow are single atomic ADD/DELETE updates and a page of requests gets its followers
 * with one BatchGetItem per 100 titles.
 */
import type { TitleKey } from "../../../ports/store/index.js";
import type { FollowStore } from "../../../ports/store/follows.js";
import { isConditionFailed, type Doc } from "./client.js";
import { send, type Ctx } from "./context.js";
import { followKey } from "./schema.js";

export function createDynamoFollows(ctx: Ctx): FollowStore {
  const update = (key: TitleKey, params: Doc) =>
    send(ctx, "UpdateItem", { TableName: ctx.tableName, Key: followKey(key.media_type, key.tmdb_id), ...params });

  async function follow(key: TitleKey, name: string): Promise<"followed" | "already"> {
    const out = await update(key, {
      UpdateExpression: "ADD #names :name SET #v = if_not_exists(#v, :v)",
      ExpressionAttributeNames: { "#names": "names", "#v": "v" },
      ExpressionAttributeValues: { ":name": new Set([name]), ":v": 1 },
      ReturnValues: "UPDATED_OLD",
    });
    const before = (out.Attributes as Doc | undefined)?.names;
    return before instanceof Set && before.has(name) ? "already" : "followed";
  }

  async function unfollow(key: TitleKey, name: string): Promise<boolean> {
    try {
      await update(key, {
        UpdateExpression: "DELETE #names :name",
        ConditionExpression: "contains(#names, :one)",
        ExpressionAttributeNames: { "#names": "names" },
        ExpressionAttributeValues: { ":name": new Set([name]), ":one": name },
      });
      return true;
    } catch (error) {
      if (isConditionFailed(error)) return false;
      throw error;
    }
  }

  async function followersOf(keys: readonly TitleKey[]): Promise<string[][]> {
    if (keys.length === 0) return [];
    const unique = new Map<string, Doc>();
    for (const k of keys) unique.set(`${k.media_type}#${k.tmdb_id}`, followKey(k.media_type, k.tmdb_id));
    const items = await ctx.client.batchGet(ctx.tableName, [...unique.values()], { consistent: true });
    const byPk = new Map(items.map((doc) => [String(doc.pk), doc.names instanceof Set ? [...(doc.names as Set<string>)].sort() : []]));
    return keys.map((k) => [...(byPk.get(followKey(k.media_type, k.tmdb_id).pk) ?? [])]);
  }

  async function deleteFollows(key: TitleKey): Promise<void> {
    await send(ctx, "DeleteItem", { TableName: ctx.tableName, Key: followKey(key.media_type, key.tmdb_id) });
  }

  return { follow, unfollow, followersOf, deleteFollows };
}
