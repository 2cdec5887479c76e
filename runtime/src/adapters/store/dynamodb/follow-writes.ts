/**
 * The follow writes and the per-name read of `follows.ts`, loaded on first use: only the follow
 * routes call them, so the Lambda API's cold start does not pay for them.
 */
import type { MediaType, TitleKey } from "../../../ports/store/index.js";
import type { FollowStore } from "../../../ports/store/follows.js";
import { isConditionFailed, type Doc } from "./client.js";
import type { Ctx } from "./context.js";
import { followKey, followedKey, followedPk, SCHEMA_VERSION } from "./schema.js";

/** What the writes need of the store: its context and the title sets' reader (the truth `followedBy` checks against). */
export interface FollowKit {
  ctx: Ctx;
  followersOf: FollowStore["followersOf"];
}

const call = (kit: FollowKit, op: string, params: Doc) => kit.ctx.client.call(op, { TableName: kit.ctx.tableName, ...params });
const updateSet = (kit: FollowKit, key: TitleKey, params: Doc) =>
  call(kit, "UpdateItem", { Key: followKey(key.media_type, key.tmdb_id), ...params });

export async function follow(kit: FollowKit, key: TitleKey, name: string): Promise<"followed" | "already"> {
  // Listing first: re-following also restores a listing lost to a crash between the two writes.
  await call(kit, "PutItem", {
    Item: { ...followedKey(name, key.media_type, key.tmdb_id), name, media_type: key.media_type, tmdb_id: key.tmdb_id, v: SCHEMA_VERSION },
  });
  const out = await updateSet(kit, key, {
    UpdateExpression: "ADD #names :name SET #v = if_not_exists(#v, :v)",
    ExpressionAttributeNames: { "#names": "names", "#v": "v" },
    ExpressionAttributeValues: { ":name": new Set([name]), ":v": SCHEMA_VERSION },
    ReturnValues: "UPDATED_OLD",
  });
  const before = (out.Attributes as Doc | undefined)?.names;
  return before instanceof Set && before.has(name) ? "already" : "followed";
}

export async function unfollow(kit: FollowKit, key: TitleKey, name: string): Promise<boolean> {
  try {
    await updateSet(kit, key, {
      UpdateExpression: "DELETE #names :name",
      ConditionExpression: "contains(#names, :one)",
      ExpressionAttributeNames: { "#names": "names" },
      ExpressionAttributeValues: { ":name": new Set([name]), ":one": name },
    });
  } catch (error) {
    if (isConditionFailed(error)) return false;
    throw error;
  }
  await call(kit, "DeleteItem", { Key: followedKey(name, key.media_type, key.tmdb_id) });
  return true;
}

export async function followedBy(kit: FollowKit, name: string): Promise<TitleKey[]> {
  const listed = await kit.ctx.client.queryAll({
    TableName: kit.ctx.tableName,
    KeyConditionExpression: "pk = :pk",
    ExpressionAttributeValues: { ":pk": followedPk(name) },
    ConsistentRead: true,
  });
  // Exact name (a long name's partition is its hash); the sort key orders by type, then padded id.
  const keys = listed
    .filter((doc) => doc.name === name)
    .map((doc): TitleKey => ({ media_type: doc.media_type as MediaType, tmdb_id: Number(doc.tmdb_id) }));
  if (keys.length === 0) return [];
  // The title's set is the truth: a stray listing (a crash between two writes) is dropped.
  const followers = await kit.followersOf(keys);
  return keys.filter((_, i) => followers[i]!.includes(name));
}

/** The listings of a deleted title's followers (its set item is already gone). */
export async function dropListings(kit: FollowKit, key: TitleKey, names: Iterable<string>): Promise<void> {
  await kit.ctx.client.batchWrite(
    kit.ctx.tableName,
    [...names].map((name) => ({ DeleteRequest: { Key: followedKey(name, key.media_type, key.tmdb_id) } })),
  );
}
