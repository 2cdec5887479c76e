/**
 * Library, title status and full resync on DynamoDB: generation partitions behind a pointer item
 * (see the design comment in `schema.ts`).
 */
import { GetItemCommand, PutItemCommand } from "dynamodb-toolbox";
import {
  sameGuidMapping,
  titleKey,
  type GuidMapping,
  type LibraryItem,
  type MediaType,
  type ResyncBatchResult,
  type ResyncCommitResult,
  type TitleKey,
  type TitleStatus,
  type UpsertOptions,
  type UpsertResult,
} from "../../../ports/store.js";
import { isConditionFailed, type Doc } from "./client.js";
import { send, type Ctx } from "./context.js";
import { guidItem, guidMapping } from "./records.js";
import { nextCounter } from "./requests.js";
import {
  INITIAL_GEN,
  POINTER_PK,
  REQ_PK,
  SCHEMA_VERSION,
  guidKey,
  libraryKey,
  libraryPk,
  pointerKey,
  requestSk,
  ttlSeconds,
} from "./schema.js";

/** Staged data of an abandoned resync becomes unreachable this long after the resync opened. */
export const RESYNC_TTL_MS = 24 * 60 * 60 * 1000;
/** Entries of unreachable generations deleted per resync call (40 BatchWriteItem calls at most). */
const GC_BUDGET = 1000;
const OPEN_PREFIX = "o_";

interface OpenResync {
  syncId: string;
  gen: string;
  /** Open order. */
  o: number;
  /** Expiry, ms. */
  x: number;
}

interface Pointer {
  exists: boolean;
  gen: string;
  /** Open order of the committed resync, when any. */
  co: number | null;
  open: OpenResync[];
  dead: string[];
  lastSynced: number;
  lastRemoved: number;
}

function parsePointer(doc: Doc | undefined): Pointer {
  if (!doc) return { exists: false, gen: INITIAL_GEN, co: null, open: [], dead: [], lastSynced: 0, lastRemoved: 0 };
  const open: OpenResync[] = [];
  for (const [name, value] of Object.entries(doc)) {
    if (!name.startsWith(OPEN_PREFIX) || typeof value !== "object" || value === null) continue;
    const v = value as Doc;
    open.push({ syncId: name.slice(OPEN_PREFIX.length), gen: String(v.g), o: Number(v.o), x: Number(v.x) });
  }
  const dead = doc.dead instanceof Set ? [...(doc.dead as Set<string>)] : [];
  return {
    exists: true,
    gen: typeof doc.gen === "string" ? doc.gen : INITIAL_GEN,
    co: typeof doc.co === "number" ? doc.co : null,
    open,
    dead,
    lastSynced: Number(doc.ls ?? 0),
    lastRemoved: Number(doc.lr ?? 0),
  };
}

interface ResyncRecord {
  media_type: MediaType;
  gen: string;
  o: number;
  state: "open" | "committed";
  exp_ms: number | null;
  synced: number;
  removed: number;
}

const fieldsOf = (doc: Doc | undefined) => ({
  tvdb_id: typeof doc?.tvdb_id === "number" ? doc.tvdb_id : null,
  title: typeof doc?.title === "string" ? doc.title : null,
  plex_guid: typeof doc?.plex_guid === "string" ? doc.plex_guid : null,
});

/** Later items win; fields an item leaves undefined are kept from earlier ones. */
function dedupe(items: LibraryItem[]): LibraryItem[] {
  const byId = new Map<number, LibraryItem>();
  for (const item of items) {
    const prev = byId.get(item.tmdb_id);
    const merged: LibraryItem = { ...prev, tmdb_id: item.tmdb_id };
    for (const k of ["tvdb_id", "title", "plex_guid"] as const) if (item[k] !== undefined) (merged as unknown as Doc)[k] = item[k];
    byId.set(item.tmdb_id, merged);
  }
  return [...byId.values()];
}

export function createLibraryOps(ctx: Ctx) {
  const { LibraryEntryEntity, ResyncEntity } = ctx.model;
  /**
   * Generations last seen per type (current + open resyncs). Only a prediction that lets a single
   * BatchGetItem fetch the pointer AND the entries together; the pointer read in that same batch is
   * authoritative, and a wrong prediction (a fresh process, or a commit by another one) costs one more batch.
   */
  const knownGens = new Map<MediaType, { current: string; open: string[] }>();

  const entryKey = (type: MediaType, gen: string, tmdbId: number) => libraryKey(type, gen, tmdbId);
  const entryDoc = (
    type: MediaType,
    gen: string,
    item: { tmdb_id: number; tvdb_id: number | null; title: string | null; plex_guid: string | null },
  ) => {
    const { ToolboxItem: _ignored, ...params } = LibraryEntryEntity.build(PutItemCommand)
      .item({
        media_type: type,
        gen,
        tmdb_id: item.tmdb_id,
        tvdb_id: item.tvdb_id ?? undefined,
        title: item.title ?? undefined,
        plex_guid: item.plex_guid ?? undefined,
      })
      .params();
    return params.Item as Doc;
  };

  const remember = (type: MediaType, ptr: Pointer, nowMs: number | null) => {
    knownGens.set(type, {
      current: ptr.gen,
      open: ptr.open.filter((r) => nowMs === null || r.x > nowMs).map((r) => r.gen),
    });
  };

  /**
   * One BatchGetItem (per 100 keys) reading the pointers of `types` and, for each requested
   * (type, gen) pair, the entries of `ids`; more gens are fetched only when the pointer disagrees
   * with the prediction. Returns pointers and entries by `${type}|${gen}|${tmdbId}`.
   */
  async function readWithPointers(
    types: MediaType[],
    extraKeys: Doc[],
    entryWanted: (type: MediaType) => { gens: string[]; ids: number[] },
    gensFromPointer: (type: MediaType, ptr: Pointer) => string[],
  ): Promise<{ pointers: Map<MediaType, Pointer>; entries: Map<string, Doc>; extra: Doc[] }> {
    const entries = new Map<string, Doc>();
    const keys: Doc[] = [...types.map(pointerKey), ...extraKeys];
    const fetched = new Set<string>();
    for (const type of types) {
      const { gens, ids } = entryWanted(type);
      for (const gen of gens) {
        fetched.add(`${type}|${gen}`);
        for (const id of ids) keys.push(entryKey(type, gen, id));
      }
    }
    const items = await ctx.client.batchGet(ctx.tableName, keys, { consistent: true });
    const pointerDocs = new Map<string, Doc>();
    const extra: Doc[] = [];
    const collect = (docs: Doc[]) => {
      for (const doc of docs) {
        const pk = String(doc.pk);
        if (pk === POINTER_PK) pointerDocs.set(String(doc.sk), doc);
        else if (pk.startsWith("LIB#")) {
          const [, type, gen] = pk.split("#");
          entries.set(`${type}|${gen}|${Number(doc.tmdb_id)}`, doc);
        } else extra.push(doc);
      }
    };
    collect(items);
    const pointers = new Map<MediaType, Pointer>();
    const missing: Doc[] = [];
    for (const type of types) {
      const ptr = parsePointer(pointerDocs.get(type));
      pointers.set(type, ptr);
      const { ids } = entryWanted(type);
      for (const gen of gensFromPointer(type, ptr)) {
        if (fetched.has(`${type}|${gen}`)) continue;
        for (const id of ids) missing.push(entryKey(type, gen, id));
      }
    }
    if (missing.length > 0) collect(await ctx.client.batchGet(ctx.tableName, missing, { consistent: true }));
    return { pointers, entries, extra };
  }

  async function titleStatus(keys: TitleKey[]): Promise<Map<string, TitleStatus>> {
    const unique = new Map<string, TitleKey>();
    for (const k of keys) unique.set(titleKey(k), { media_type: k.media_type, tmdb_id: k.tmdb_id });
    const result = new Map<string, TitleStatus>();
    if (unique.size === 0) return result;
    const types = [...new Set([...unique.values()].map((k) => k.media_type))];
    const idsOf = (type: MediaType) => [...unique.values()].filter((k) => k.media_type === type).map((k) => k.tmdb_id);
    const { pointers, entries, extra } = await readWithPointers(
      types,
      [...unique.values()].map((k) => ({ pk: REQ_PK, sk: requestSk(k.media_type, k.tmdb_id) })),
      (type) => ({ gens: [knownGens.get(type)?.current ?? INITIAL_GEN], ids: idsOf(type) }),
      (_type, ptr) => [ptr.gen],
    );
    for (const [type, ptr] of pointers) {
      const known = knownGens.get(type);
      knownGens.set(type, { current: ptr.gen, open: known?.open ?? [] });
    }
    const requests = new Map<string, Doc>();
    for (const doc of extra) if (doc.pk === REQ_PK) requests.set(String(doc.sk).replace("#", ":"), doc);
    for (const [key, k] of unique) {
      const request = requests.get(key);
      const gen = pointers.get(k.media_type)!.gen;
      result.set(key, {
        requested: request !== undefined,
        pending: request !== undefined && typeof request.added_at !== "string",
        in_library: entries.has(`${k.media_type}|${gen}|${k.tmdb_id}`),
      });
    }
    return result;
  }

  async function readPointer(type: MediaType): Promise<Pointer> {
    const out = await send(ctx, "GetItem", { TableName: ctx.tableName, Key: pointerKey(type), ConsistentRead: true });
    return parsePointer(out.Item as Doc | undefined);
  }

  /** Every tmdb id of one generation, ascending (sort key order), complete over all Query pages. */
  async function generationIds(type: MediaType, gen: string): Promise<number[]> {
    const ids: number[] = [];
    await ctx.client.queryAll(
      {
        TableName: ctx.tableName,
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: { ":pk": libraryPk(type, gen) },
        ProjectionExpression: "sk",
        ConsistentRead: true,
      },
      (items) => {
        for (const item of items) ids.push(Number(item.sk));
      },
    );
    return ids;
  }

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

  // ---- full resync -------------------------------------------------------------------------------

  async function readResync(syncId: string, nowMs: number): Promise<ResyncRecord | null> {
    const params = ResyncEntity.build(GetItemCommand).key({ sync_id: syncId }).options({ consistent: true }).params();
    const out = await send(ctx, "GetItem", params);
    const doc = out.Item as Doc | undefined;
    if (!doc) return null;
    const record: ResyncRecord = {
      media_type: doc.media_type as MediaType,
      gen: String(doc.gen),
      o: Number(doc.o),
      state: doc.state === "committed" ? "committed" : "open",
      exp_ms: typeof doc.exp_ms === "number" ? doc.exp_ms : null,
      synced: Number(doc.synced ?? 0),
      removed: Number(doc.removed ?? 0),
    };
    // Read-time TTL: DynamoDB deletes expired items late (and dynalite never).
    if (record.state === "open" && record.exp_ms !== null && record.exp_ms <= nowMs) return null;
    return record;
  }

  /** Opens a resync: a fresh generation, a 24 h record, and a registration in the pointer's open set. */
  async function openResync(type: MediaType, syncId: string, nowMs: number): Promise<ResyncRecord | "retry"> {
    const o = await nextCounter(ctx, "rs");
    const gen = `r${o}`;
    const exp = nowMs + RESYNC_TTL_MS;
    const { ToolboxItem: _ignored, ...params } = ResyncEntity.build(PutItemCommand)
      .item({ sync_id: syncId, media_type: type, gen, o, state: "open", exp_ms: exp, expires_at: ttlSeconds(exp) })
      .options({
        condition: {
          or: [
            { attr: "sync_id", exists: false },
            { attr: "exp_ms", lte: nowMs },
          ],
        },
      })
      .params();
    try {
      await send(ctx, "PutItem", params);
    } catch (error) {
      if (isConditionFailed(error)) return "retry"; // opened concurrently: read it again
      throw error;
    }
    const ptr = await readPointer(type);
    const previous = ptr.open.find((r) => r.syncId === syncId);
    const names: Record<string, string> = { "#open": OPEN_PREFIX + syncId, "#v": "v" };
    const values: Doc = { ":open": { g: gen, o, x: exp }, ":v": SCHEMA_VERSION };
    let update = "SET #open = :open, #v = :v";
    if (previous) {
      // An expired earlier resync with the same id: its generation becomes garbage.
      names["#dead"] = "dead";
      values[":dead"] = new Set([previous.gen]);
      update += " ADD #dead :dead";
    }
    await send(ctx, "UpdateItem", {
      TableName: ctx.tableName,
      Key: pointerKey(type),
      UpdateExpression: update,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    });
    return { media_type: type, gen, o, state: "open", exp_ms: exp, synced: 0, removed: 0 };
  }

  async function resyncBatch(type: MediaType, syncId: string, rawItems: LibraryItem[], nowMs: number): Promise<ResyncBatchResult> {
    let record = await readResync(syncId, nowMs);
    for (let attempt = 0; !record && attempt < 3; attempt++) {
      const opened = await openResync(type, syncId, nowMs);
      record = opened === "retry" ? await readResync(syncId, nowMs) : opened;
    }
    if (!record) throw new Error("resync could not be opened");
    if (record.media_type !== type) return { ok: false, reason: "type_mismatch" };
    if (record.state === "committed") return { ok: false, reason: "committed" };
    const items = dedupe(rawItems);
    await ctx.client.batchWrite(
      ctx.tableName,
      items.map((item) => ({
        PutRequest: {
          Item: entryDoc(type, record.gen, {
            tmdb_id: item.tmdb_id,
            tvdb_id: item.tvdb_id ?? null,
            title: item.title ?? null,
            plex_guid: item.plex_guid ?? null,
          }),
        },
      })),
    );
    await collectGarbage(type, nowMs);
    return { ok: true, staged: items.length };
  }

  async function resyncCommit(type: MediaType, syncId: string, opts: { allowEmpty: boolean; nowMs: number }): Promise<ResyncCommitResult> {
    const record = await readResync(syncId, opts.nowMs);
    if (!record) return { ok: false, reason: "unknown" };
    if (record.media_type !== type) return { ok: false, reason: "type_mismatch" };
    if (record.state === "committed") return { ok: true, synced: record.synced, removed: record.removed, repeated: true };
    for (let attempt = 0; attempt < 5; attempt++) {
      const ptr = await readPointer(type);
      if (ptr.co !== null && ptr.gen === record.gen) {
        // The pointer flip of this resync landed but marking its record did not (crash): finish it.
        await markCommitted(syncId, ptr.lastSynced, ptr.lastRemoved);
        return { ok: true, synced: ptr.lastSynced, removed: ptr.lastRemoved, repeated: true };
      }
      if (ptr.co !== null && ptr.co > record.o) return { ok: false, reason: "stale" };
      // Reads only: the counts. The switch itself is the single conditional UpdateItem below.
      const [staged, current] = await Promise.all([generationIds(type, record.gen), generationIds(type, ptr.gen)]);
      if (staged.length === 0 && !opts.allowEmpty) return { ok: false, reason: "empty" };
      const stagedSet = new Set(staged);
      const removed = current.filter((id) => !stagedSet.has(id)).length;
      const names: Record<string, string> = {
        "#gen": "gen",
        "#co": "co",
        "#ls": "ls",
        "#lr": "lr",
        "#dead": "dead",
        "#open": OPEN_PREFIX + syncId,
        "#v": "v",
      };
      const values: Doc = {
        ":gen": record.gen,
        ":o": record.o,
        ":ls": staged.length,
        ":lr": removed,
        ":dead": new Set([ptr.gen]),
        ":v": SCHEMA_VERSION,
      };
      let condition = "(attribute_not_exists(#co) OR #co < :o)";
      if (ptr.exists && ptr.gen !== INITIAL_GEN) {
        values[":old"] = ptr.gen;
        condition += " AND #gen = :old";
      } else {
        condition += " AND attribute_not_exists(#gen)";
      }
      try {
        await send(ctx, "UpdateItem", {
          TableName: ctx.tableName,
          Key: pointerKey(type),
          UpdateExpression: "SET #gen = :gen, #co = :o, #ls = :ls, #lr = :lr, #v = :v REMOVE #open ADD #dead :dead",
          ConditionExpression: condition,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        });
      } catch (error) {
        if (isConditionFailed(error)) continue; // another commit won the race: re-evaluate
        throw error;
      }
      knownGens.set(type, {
        current: record.gen,
        open: ptr.open.filter((r) => r.syncId !== syncId && r.x > opts.nowMs).map((r) => r.gen),
      });
      await markCommitted(syncId, staged.length, removed);
      return { ok: true, synced: staged.length, removed, repeated: false };
    }
    throw new Error("resync commit did not settle after 5 attempts");
  }

  async function markCommitted(syncId: string, synced: number, removed: number) {
    await send(ctx, "UpdateItem", {
      TableName: ctx.tableName,
      Key: { pk: `RESYNC#${syncId}`, sk: "RESYNC" },
      UpdateExpression: "SET #state = :c, #synced = :s, #removed = :r REMOVE #exp, #ttl",
      ExpressionAttributeNames: {
        "#state": "state",
        "#synced": "synced",
        "#removed": "removed",
        "#exp": "exp_ms",
        "#ttl": "expires_at",
      },
      ExpressionAttributeValues: { ":c": "committed", ":s": synced, ":r": removed },
    });
  }

  /**
   * Bounded clean-up of unreachable generations: expired open resyncs are moved to `dead`, then up
   * to GC_BUDGET entries of one dead generation are deleted; an emptied generation leaves `dead`.
   */
  async function collectGarbage(type: MediaType, nowMs: number): Promise<void> {
    const ptr = await readPointer(type);
    const expired = ptr.open.filter((r) => r.x <= nowMs);
    if (expired.length > 0) {
      const names: Record<string, string> = { "#dead": "dead" };
      const values: Doc = { ":dead": new Set(expired.map((r) => r.gen)) };
      const conditions: string[] = [];
      expired.forEach((r, i) => {
        names[`#o${i}`] = OPEN_PREFIX + r.syncId;
        names["#g"] = "g";
        values[`:g${i}`] = r.gen;
        conditions.push(`#o${i}.#g = :g${i}`);
      });
      try {
        await send(ctx, "UpdateItem", {
          TableName: ctx.tableName,
          Key: pointerKey(type),
          UpdateExpression: `REMOVE ${expired.map((_, i) => `#o${i}`).join(", ")} ADD #dead :dead`,
          ConditionExpression: conditions.join(" AND "),
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        });
      } catch (error) {
        if (!isConditionFailed(error)) throw error;
      }
    }
    const live = new Set([ptr.gen, ...ptr.open.filter((r) => r.x > nowMs).map((r) => r.gen)]);
    const victim = ptr.dead.find((gen) => !live.has(gen));
    if (!victim) return;
    const out = await send(ctx, "Query", {
      TableName: ctx.tableName,
      KeyConditionExpression: "pk = :pk",
      ExpressionAttributeValues: { ":pk": libraryPk(type, victim) },
      ProjectionExpression: "pk, sk",
      Limit: GC_BUDGET,
    });
    const keys = (out.Items as Doc[]) ?? [];
    await ctx.client.batchWrite(
      ctx.tableName,
      keys.map((k) => ({ DeleteRequest: { Key: { pk: k.pk, sk: k.sk } } })),
    );
    if (!out.LastEvaluatedKey) {
      await send(ctx, "UpdateItem", {
        TableName: ctx.tableName,
        Key: pointerKey(type),
        UpdateExpression: "DELETE #dead :gen",
        ExpressionAttributeNames: { "#dead": "dead" },
        ExpressionAttributeValues: { ":gen": new Set([victim]) },
      });
    }
  }

  return { titleStatus, libraryIds, allLibraryIds, upsertLibrary, resyncBatch, resyncCommit, collectGarbage };
}
