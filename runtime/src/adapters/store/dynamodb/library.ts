/**
 * The library on DynamoDB: reads of the current generation, and webhook/incremental upserts that
 * land in the current generation and in every open resync's (full resync itself: `resync.ts`).
 */
import { sameGuidMapping } from "../../../domain/titles/key.js";
import type { GuidMapping } from "../../../ports/store/guid-cache.js";
import type { MediaType } from "../../../ports/store/index.js";
import type { LibraryItem, LibraryStore, UpsertOptions, UpsertResult } from "../../../ports/store/library.js";
import type { Doc } from "./client.js";
import type { Ctx } from "./context.js";
import { dedupe, fieldsOf, parsePointer, type Generations, type Pointer } from "./generations.js";
import { guidItem, guidMapping } from "./guid-cache.js";
import { createDynamoResync } from "./resync.js";
import { INITIAL_GEN, POINTER_PK, guidKey } from "./schema.js";

export function createDynamoLibrary(ctx: Ctx, gens: Generations): LibraryStore {
  const { known: knownGens, entryDoc, remember, readWithPointers, readPointer, generationIds } = gens;
  const { resyncBatch, resyncCommit } = createDynamoResync(ctx, gens);

  async function libraryIds(type: MediaType): Promise<number[]> {
    const ptr = await readPointer(type);
    return generationIds(type, ptr.gen);
  }

  /** One Query for both pointers (they share a partition), then each current generation's pages. */
  async function allLibraryIds(): Promise<Record<MediaType, number[]>> {
    const gens = new Map<string, string>();
    await ctx.client.queryAll(
      {
        TableName: ctx.tableName,
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: { ":pk": POINTER_PK },
        ProjectionExpression: "sk, #gen",
        ExpressionAttributeNames: { "#gen": "gen" },
        ConsistentRead: true,
      },
      (items) => {
        for (const item of items) gens.set(String(item.sk), parsePointer(item).gen);
      },
    );
    const current = (type: MediaType) => generationIds(type, gens.get(type) ?? INITIAL_GEN);
    const [movie, tv] = await Promise.all([current("movie"), current("tv")]);
    return { movie, tv };
  }

  async function upsertLibrary(type: MediaType, rawItems: LibraryItem[], nowMs: number, opts: UpsertOptions = {}): Promise<UpsertResult> {
    const items = dedupe(rawItems);
    const guids = new Map<string, GuidMapping>();
    for (const { guid, mapping } of opts.guids ?? []) guids.set(guid, mapping);
    if (items.length === 0 && guids.size === 0) return { added: 0, changed: 0 };
    const ids = items.map((i) => i.tmdb_id);
    const liveGens = (ptr: Pointer) => [ptr.gen, ...ptr.open.filter((r) => r.x > nowMs).map((r) => r.gen)];
    // The GUID items ride in the same batch as the pointer and the entries: no call of their own.
    const { pointers, entries, extra } = await readWithPointers(
      [type],
      [...guids.keys()].map(guidKey),
      () => {
        const known = knownGens.get(type);
        return { gens: known ? [known.current, ...known.open] : [INITIAL_GEN], ids };
      },
      (_type, ptr) => liveGens(ptr),
    );
    const ptr = pointers.get(type)!;
    remember(type, ptr, nowMs);
    const writes: Doc[] = [];
    for (const [guid, mapping] of guids) {
      const stored = guidMapping(
        extra.find((doc) => doc.guid === guid),
        guid,
      );
      if (!sameGuidMapping(stored, mapping)) writes.push({ PutRequest: { Item: guidItem(ctx, guid, mapping) } });
    }
    let added = 0;
    let changed = 0;
    for (const item of items) {
      let itemChanged = false;
      for (const gen of liveGens(ptr)) {
        const stored = entries.get(`${type}|${gen}|${item.tmdb_id}`);
        const before = fieldsOf(stored);
        const after = {
          tvdb_id: item.tvdb_id === undefined ? before.tvdb_id : item.tvdb_id,
          title: item.title === undefined ? before.title : item.title,
          plex_guid: item.plex_guid === undefined ? before.plex_guid : item.plex_guid,
        };
        if (gen === ptr.gen && !stored) added += 1;
        if (stored && after.tvdb_id === before.tvdb_id && after.title === before.title && after.plex_guid === before.plex_guid) {
          continue;
        }
        itemChanged = true;
        writes.push({ PutRequest: { Item: entryDoc(type, gen, { tmdb_id: item.tmdb_id, ...after }) } });
      }
      if (itemChanged) changed += 1;
    }
    if (writes.length > 0) await ctx.client.batchWrite(ctx.tableName, writes);
    return { added, changed };
  }

  return { libraryIds, allLibraryIds, upsertLibrary, resyncBatch, resyncCommit };
}
