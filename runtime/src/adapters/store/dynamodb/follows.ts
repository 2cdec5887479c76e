/**
 * Follows on DynamoDB: one item per followed title holding the names as a string set, so
 * follow/unfollow are single atomic ADD/DELETE updates and a page of requests gets its followers
 * with one BatchGetItem per 100 titles. Each follow is also listed in its name's partition
 * (`FOLLOWS#<name>`, one item per title) so "what does this name follow" is one strongly
 * consistent Query, no Scan. dynalite has no transactions, so the two are written in an order that
 * leaves at worst a stray listing (put before the ADD, deleted after the DELETE), and `followedBy`
 * keeps only titles whose set still holds the name.
 */
import type { MediaType, TitleKey } from "../../../ports/store/index.js";
import type { FollowStore } from "../../../ports/store/follows.js";
import { isConditionFailed, type Doc } from "./client.js";
import { send, type Ctx } from "./context.js";
import { SCHEMA_VERSION, followKey, followedKey, followedPk } from "./schema.js";

export function createDynamoFollows(ctx: Ctx): FollowStore {
  const update = (key: TitleKey, params: Doc) =>
    send(ctx, "UpdateItem", { TableName: ctx.tableName, Key: followKey(key.media_type, key.tmdb_id), ...params });

  async function follow(key: TitleKey, name: string): Promise<"followed" | "already"> {
    // Listing first: re-following also restores a listing lost to a crash between the two writes.
    await send(ctx, "PutItem", {
      TableName: ctx.tableName,
      Item: {
        ...followedKey(name, key.media_type, key.tmdb_id),
        name,
        media_type: key.media_type,
        tmdb_id: key.tmdb_id,
        v: SCHEMA_VERSION,
      },
    });
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
    } catch (error) {
      if (isConditionFailed(error)) return false;
      throw error;
    }
    await send(ctx, "DeleteItem", { TableName: ctx.tableName, Key: followedKey(name, key.media_type, key.tmdb_id) });
    return true;
  }

  async function followersOf(keys: readonly TitleKey[]): Promise<string[][]> {
    if (keys.length === 0) return [];
    const unique = new Map<string, Doc>();
    for (const k of keys) unique.set(`${k.media_type}#${k.tmdb_id}`, followKey(k.media_type, k.tmdb_id));
    const items = await ctx.client.batchGet(ctx.tableName, [...unique.values()], { consistent: true });
    const byPk = new Map(items.map((doc) => [String(doc.pk), doc.names instanceof Set ? [...(doc.names as Set<string>)].sort() : []]));
    return keys.map((k) => [...(byPk.get(followKey(k.media_type, k.tmdb_id).pk) ?? [])]);
  }

  async function followedBy(name: string): Promise<TitleKey[]> {
    const listed = await ctx.client.queryAll({
      TableName: ctx.tableName,
      KeyConditionExpression: "pk = :pk",
      ExpressionAttributeValues: { ":pk": followedPk(name) },
      ConsistentRead: true,
    });
    // Exact name (a long name's partition is its hash); the sort key orders by type, then padded id.
    const keys = listed
      .filter((doc) => doc.name === name)
      .map((doc): TitleKey => ({ media_type: doc.media_type as MediaType, tmdb_id: Number(doc.tmdb_id) }));
    if (keys.length === 0) return [];
    const followers = await followersOf(keys);
    return keys.filter((_, i) => followers[i]!.includes(name));
  }

  async function deleteFollows(key: TitleKey): Promise<void> {
    const out = await send(ctx, "DeleteItem", {
      TableName: ctx.tableName,
      Key: followKey(key.media_type, key.tmdb_id),
      ReturnValues: "ALL_OLD",
    });
    const names = (out.Attributes as Doc | undefined)?.names;
    if (!(names instanceof Set) || names.size === 0) return;
    await ctx.client.batchWrite(
      ctx.tableName,
      [...(names as Set<string>)].map((name) => ({ DeleteRequest: { Key: followedKey(name, key.media_type, key.tmdb_id) } })),
    );
  }

  return { follow, unfollow, followersOf, followedBy, deleteFollows };
}
