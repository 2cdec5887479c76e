/**
 * Follows on DynamoDB: one item per followed title holding the names as a string set, so
 * follow/unfollow are single atomic ADD/DELETE updates and a page of requests gets its followers
 * with one BatchGetItem per 100 titles. Each follow is also listed in its name's partition
 * (`FOLLOWS#<name>`, one item per title) so "what does this name follow" is one strongly
 * consistent Query, no Scan. dynalite has no transactions, so the two are written in an order that
 * leaves at worst a stray listing (put before the ADD, deleted after the DELETE), and `followedBy`
 * keeps only titles whose set still holds the name. The writes and that read load on first use
 * (`follow-writes.ts`: the Lambda API's statically loaded code has a budget).
 */
import type { TitleKey } from "../../../ports/store/index.js";
import type { FollowStore } from "../../../ports/store/follows.js";
import type { Doc } from "./client.js";
import { send, type Ctx } from "./context.js";
import { followKey } from "./schema.js";
import type { FollowKit } from "./follow-writes.js";

export function createDynamoFollows(ctx: Ctx): FollowStore {
  async function followersOf(keys: readonly TitleKey[]): Promise<string[][]> {
    if (keys.length === 0) return [];
    const unique = new Map<string, Doc>();
    for (const k of keys) unique.set(`${k.media_type}#${k.tmdb_id}`, followKey(k.media_type, k.tmdb_id));
    const items = await ctx.client.batchGet(ctx.tableName, [...unique.values()], { consistent: true });
    const byPk = new Map(items.map((doc) => [String(doc.pk), doc.names instanceof Set ? [...(doc.names as Set<string>)].sort() : []]));
    return keys.map((k) => [...(byPk.get(followKey(k.media_type, k.tmdb_id).pk) ?? [])]);
  }

  const kit: FollowKit = { ctx, followersOf };
  const writes = () => import("./follow-writes.js");

  return {
    follow: async (key, name) => (await writes()).follow(kit, key, name),
    unfollow: async (key, name) => (await writes()).unfollow(kit, key, name),
    followedBy: async (name) => (await writes()).followedBy(kit, name),
    followersOf,
    async deleteFollows(key) {
      const out = await send(ctx, "DeleteItem", {
        TableName: ctx.tableName,
        Key: followKey(key.media_type, key.tmdb_id),
        ReturnValues: "ALL_OLD",
      });
      const names = (out.Attributes as Doc | undefined)?.names;
      if (names instanceof Set && names.size > 0) await (await writes()).dropListings(kit, key, names as Set<string>);
    },
  };
}
