/**
 * The library on DynamoDB: reads of the current generation, and webhook/incremental upserts that
 * land in the current generation and in every open resync's (full resync itself: `resync.ts`).
 */
import { sameGuidMapping, titleKey } from "../../../domain/titles/key.js";
import type { GuidMapping } from "../../../ports/store/guid-cache.js";
import type { MediaType, TitleKey } from "../../../ports/store/index.js";
import type { LibraryItem, LibrarySourceName, LibraryStore, UpsertOptions, UpsertResult } from "../../../ports/store/library.js";
import type { Doc } from "./client.js";
import type { Ctx } from "./context.js";
import { dedupe, fieldsOf, parsePointer, type Generations, type Pointer } from "./generations.js";
import { guidItem, guidMapping } from "./guid-cache.js";
import { createDynamoResync } from "./resync.js";
import {
  LIBRARY_SOURCE_NAMES,
  POINTER_PK,
  SCHEMA_VERSION,
  guidKey,
  initialGen,
  laneId,
  laneOfId,
  pointerKey,
  type Lane,
} from "./schema.js";

export function createDynamoLibrary(ctx: Ctx, gens: Generations): LibraryStore {
  const { known: knownGens, entryDoc, remember, readWithPointers, readPointer, generationIds, titleSources } = gens;
  const { resyncBatch, resyncCommit } = createDynamoResync(ctx, gens);

  async function libraryIds(type: MediaType, source?: LibrarySourceName): Promise<number[]> {
    if (source === undefined) return (await allLibraryIds([type]))[type];
    const ptr = await readPointer({ source, type });
    return generationIds(type, ptr.gen);
  }

  /**
   * One Query for every lane's pointer (they share a partition), then the pages of each lane's
   * current generation, all in parallel, merged into the union. Plex's lanes are always read (data
   * from before sources existed may have no pointer); another source's only when its pointer exists,
   * which its first write guarantees (see `upsertLibrary`), so a Plex-only library costs what it did.
   */
  async function allLibraryIds(types: readonly MediaType[] = ["movie", "tv"]): Promise<Record<MediaType, number[]>> {
    const current = new Map<string, string>();
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
        for (const item of items) {
          const lane = laneOfId(String(item.sk));
          if (lane) current.set(laneId(lane), parsePointer(item, lane).gen);
        }
      },
    );
    const reads: Promise<void>[] = [];
    const ids: Record<MediaType, Set<number>> = { movie: new Set(), tv: new Set() };
    for (const source of LIBRARY_SOURCE_NAMES) {
      for (const type of types) {
        const lane: Lane = { source, type };
        const gen = current.get(laneId(lane)) ?? (source === "plex" ? initialGen(lane) : undefined);
        if (gen === undefined) continue;
        reads.push(generationIds(type, gen).then((found) => found.forEach((id) => ids[type].add(id))));
      }
    }
    await Promise.all(reads);
    const sorted = (type: MediaType) => [...ids[type]].sort((a, b) => a - b);
    return { movie: sorted("movie"), tv: sorted("tv") };
  }

  /** One batched read of the page's titles across every lane (`Generations.titleSources`), aligned with `keys`. */
  async function librarySources(keys: readonly TitleKey[]): Promise<LibrarySourceName[][]> {
    if (keys.length === 0) return [];
    const { sources } = await titleSources(keys, []);
    return keys.map((k) => [...(sources.get(titleKey(k)) ?? [])]);
  }

  async function upsertLibrary(type: MediaType, rawItems: LibraryItem[], nowMs: number, opts: UpsertOptions = {}): Promise<UpsertResult> {
    const lane: Lane = { source: opts.source ?? "plex", type };
    const items = dedupe(rawItems);
    const guids = new Map<string, GuidMapping>();
    for (const { guid, mapping } of opts.guids ?? []) guids.set(guid, mapping);
    if (items.length === 0 && guids.size === 0) return { added: 0, changed: 0 };
    const ids = items.map((i) => i.tmdb_id);
    const liveGens = (ptr: Pointer) => [ptr.gen, ...ptr.open.filter((r) => r.x > nowMs).map((r) => r.gen)];
    // The GUID items ride in the same batch as the pointer and the entries: no call of their own.
    const { pointers, entries, extra } = await readWithPointers(
      [lane],
      [...guids.keys()].map(guidKey),
      () => {
        const known = knownGens.get(laneId(lane));
        return { gens: known ? [known.current, ...known.open] : [initialGen(lane)], ids };
      },
      (_lane, ptr) => liveGens(ptr),
    );
    const ptr = pointers.get(laneId(lane))!;
    remember(lane, ptr, nowMs);
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
    if (changed > 0 && !ptr.exists && lane.source !== "plex") {
      // A source's first entries create its pointer in the same batch, so library-status knows to
      // read the lane (see allLibraryIds). Unconditional, but only ever over an absent pointer: a
      // resync opening at this instant loses its registration, the known race below (docs/dynamodb.md).
      writes.push({ PutRequest: { Item: { ...pointerKey(lane), v: SCHEMA_VERSION } } });
    }
    if (writes.length > 0) await ctx.client.batchWrite(ctx.tableName, writes);
    return { added, changed };
  }

  return { libraryIds, allLibraryIds: () => allLibraryIds(), librarySources, upsertLibrary, resyncBatch, resyncCommit };
}
