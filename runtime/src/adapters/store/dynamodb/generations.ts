/**
 * Library generations on DynamoDB (design in `schema.ts`): the library of a lane (source and type)
 * is the partition of the generation its pointer item names; a full resync stages into a fresh generation and
 * commit flips the pointer. This module reads pointers and entries for the library, title-status
 * and resync modules, and keeps the per-process prediction of each lane's generations.
 */
import { PutItemCommand } from "dynamodb-toolbox";
import { titleKey } from "../../../domain/titles/key.js";
import type { MediaType, TitleKey } from "../../../ports/store/index.js";
import type { LibraryItem, LibrarySourceName } from "../../../ports/store/library.js";
import type { Doc } from "./client.js";
import { send, type Ctx } from "./context.js";
import { LIBRARY_SOURCE_NAMES, POINTER_PK, initialGen, laneId, libraryKey, libraryPk, pointerKey, type Lane } from "./schema.js";

export const OPEN_PREFIX = "o_";

export interface OpenResync {
  syncId: string;
  gen: string;
  /** Open order. */
  o: number;
  /** Expiry, ms. */
  x: number;
}

export interface Pointer {
  exists: boolean;
  gen: string;
  /** Open order of the committed resync, when any. */
  co: number | null;
  open: OpenResync[];
  dead: string[];
  lastSynced: number;
  lastRemoved: number;
}

export function parsePointer(doc: Doc | undefined, lane: Lane): Pointer {
  const INITIAL_GEN = initialGen(lane);
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

export const fieldsOf = (doc: Doc | undefined) => ({
  tvdb_id: typeof doc?.tvdb_id === "number" ? doc.tvdb_id : null,
  title: typeof doc?.title === "string" ? doc.title : null,
  plex_guid: typeof doc?.plex_guid === "string" ? doc.plex_guid : null,
});

/** Later items win; fields an item leaves undefined are kept from earlier ones. */
export function dedupe(items: LibraryItem[]): LibraryItem[] {
  const byId = new Map<number, LibraryItem>();
  for (const item of items) {
    const prev = byId.get(item.tmdb_id);
    const merged: LibraryItem = { ...prev, tmdb_id: item.tmdb_id };
    for (const k of ["tvdb_id", "title", "plex_guid"] as const) if (item[k] !== undefined) (merged as unknown as Doc)[k] = item[k];
    byId.set(item.tmdb_id, merged);
  }
  return [...byId.values()];
}

export type LibraryEntryFields = { tmdb_id: number; tvdb_id: number | null; title: string | null; plex_guid: string | null };

export interface Generations {
  /**
   * Generations last seen per lane (`laneId`: current + open resyncs; `exists` false when the
   * pointer was absent). Only a prediction that lets a single BatchGetItem fetch the pointer AND
   * the entries together; the pointer read in that same batch is authoritative, and a wrong
   * prediction (a fresh process, or a commit by another one) costs one more batch.
   */
  readonly known: Map<string, { current: string; open: string[]; exists?: boolean }>;
  /** The item of one library entry of a generation (for BatchWriteItem). */
  entryDoc(type: MediaType, gen: string, item: LibraryEntryFields): Doc;
  /** Records what a pointer read said (open resyncs that expired by `nowMs` are left out). */
  remember(lane: Lane, ptr: Pointer, nowMs: number | null): void;
  /** Pointers are keyed by `laneId`. */
  readWithPointers(
    lanes: Lane[],
    extraKeys: Doc[],
    entryWanted: (lane: Lane) => { gens: string[]; ids: number[] },
    gensFromPointer: (lane: Lane, ptr: Pointer) => string[],
  ): Promise<{ pointers: Map<string, Pointer>; entries: Map<string, Doc>; extra: Doc[] }>;
  /**
   * The sources whose current library holds each title (keyed by `titleKey`, in source order; a
   * title none holds is absent), plus the docs of `extraKeys`, from ONE BatchGetItem of every lane's
   * pointer, the predicted generations' entries and the extra keys (a second only when a
   * prediction was wrong). The read behind title status and the requests page's "available on".
   */
  titleSources(keys: readonly TitleKey[], extraKeys: Doc[]): Promise<{ sources: Map<string, LibrarySourceName[]>; extra: Doc[] }>;
  readPointer(lane: Lane): Promise<Pointer>;
  /** Every tmdb id of one generation, ascending (sort key order), complete over all Query pages. */
  generationIds(type: MediaType, gen: string): Promise<number[]>;
}

export function createGenerations(ctx: Ctx): Generations {
  const { LibraryEntryEntity } = ctx.model;
  const knownGens = new Map<string, { current: string; open: string[]; exists?: boolean }>();

  const entryKey = (type: MediaType, gen: string, tmdbId: number) => libraryKey(type, gen, tmdbId);
  const entryDoc = (type: MediaType, gen: string, item: LibraryEntryFields) => {
    const params = LibraryEntryEntity.build(PutItemCommand)
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

  const remember = (lane: Lane, ptr: Pointer, nowMs: number | null) => {
    knownGens.set(laneId(lane), {
      current: ptr.gen,
      open: ptr.open.filter((r) => nowMs === null || r.x > nowMs).map((r) => r.gen),
      exists: ptr.exists,
    });
  };

  /**
   * One BatchGetItem (per 100 keys) reading the pointers of `types` and, for each requested
   * (type, gen) pair, the entries of `ids`; more gens are fetched only when the pointer disagrees
   * with the prediction. Returns pointers and entries by `${type}|${gen}|${tmdbId}`.
   */
  async function readWithPointers(
    lanes: Lane[],
    extraKeys: Doc[],
    entryWanted: (lane: Lane) => { gens: string[]; ids: number[] },
    gensFromPointer: (lane: Lane, ptr: Pointer) => string[],
  ): Promise<{ pointers: Map<string, Pointer>; entries: Map<string, Doc>; extra: Doc[] }> {
    const entries = new Map<string, Doc>();
    const keys: Doc[] = [...lanes.map(pointerKey), ...extraKeys];
    const fetched = new Set<string>();
    for (const lane of lanes) {
      const { gens, ids } = entryWanted(lane);
      for (const gen of gens) {
        fetched.add(`${lane.type}|${gen}`);
        for (const id of ids) keys.push(entryKey(lane.type, gen, id));
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
    const pointers = new Map<string, Pointer>();
    const missing: Doc[] = [];
    for (const lane of lanes) {
      const ptr = parsePointer(pointerDocs.get(laneId(lane)), lane);
      pointers.set(laneId(lane), ptr);
      const { ids } = entryWanted(lane);
      for (const gen of gensFromPointer(lane, ptr)) {
        if (fetched.has(`${lane.type}|${gen}`)) continue;
        fetched.add(`${lane.type}|${gen}`);
        for (const id of ids) missing.push(entryKey(lane.type, gen, id));
      }
    }
    if (missing.length > 0) collect(await ctx.client.batchGet(ctx.tableName, missing, { consistent: true }));
    return { pointers, entries, extra };
  }

  async function titleSources(
    keys: readonly TitleKey[],
    extraKeys: Doc[],
  ): Promise<{ sources: Map<string, LibrarySourceName[]>; extra: Doc[] }> {
    const unique = new Map<string, TitleKey>();
    for (const k of keys) unique.set(titleKey(k), { media_type: k.media_type, tmdb_id: k.tmdb_id });
    const sources = new Map<string, LibrarySourceName[]>();
    if (unique.size === 0 && extraKeys.length === 0) return { sources, extra: [] };
    const types = [...new Set([...unique.values()].map((k) => k.media_type))];
    const lanes: Lane[] = types.flatMap((type) => LIBRARY_SOURCE_NAMES.map((source) => ({ source, type })));
    const idsOf = (type: MediaType) => [...unique.values()].filter((k) => k.media_type === type).map((k) => k.tmdb_id);
    // A lane other than Plex's has entries only once its pointer exists (see library.ts).
    const counts = (lane: Lane, ptr: { exists: boolean }) => lane.source === "plex" || ptr.exists;
    const { pointers, entries, extra } = await readWithPointers(
      lanes,
      extraKeys,
      (lane) => {
        const known = knownGens.get(laneId(lane));
        const gens = lane.source === "plex" ? [known?.current ?? initialGen(lane)] : known?.exists ? [known.current] : [];
        return { gens, ids: idsOf(lane.type) };
      },
      (lane, ptr) => (counts(lane, ptr) ? [ptr.gen] : []),
    );
    for (const lane of lanes) {
      const ptr = pointers.get(laneId(lane))!;
      const known = knownGens.get(laneId(lane));
      knownGens.set(laneId(lane), { current: ptr.gen, open: known?.open ?? [], exists: ptr.exists });
    }
    for (const [key, k] of unique) {
      const held = LIBRARY_SOURCE_NAMES.filter((source) => {
        const lane: Lane = { source, type: k.media_type };
        const ptr = pointers.get(laneId(lane))!;
        return counts(lane, ptr) && entries.has(`${k.media_type}|${ptr.gen}|${k.tmdb_id}`);
      });
      if (held.length > 0) sources.set(key, held);
    }
    return { sources, extra };
  }

  async function readPointer(lane: Lane): Promise<Pointer> {
    const out = await send(ctx, "GetItem", { TableName: ctx.tableName, Key: pointerKey(lane), ConsistentRead: true });
    return parsePointer(out.Item as Doc | undefined, lane);
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

  return { known: knownGens, entryDoc, remember, readWithPointers, titleSources, readPointer, generationIds };
}
