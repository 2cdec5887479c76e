/**
 * The DynamoDB adapter against dynalite: the shared storage contract, then what only this adapter
 * can get wrong — round-trip budgets (product.md §12), no Scan ever, retries and outages, the
 * generation pointer under concurrency, garbage collection, and read-time TTL filtering.
 */
import { describe, expect, it } from "vitest";
import { StoreUnavailableError, type Store } from "../../../src/ports/store/index.js";
import { ROLL_MS, SETTLE_MS, SKIP_MS } from "../../../src/adapters/store/dynamodb/changes.js";
import { createDynamoClient } from "../../../src/adapters/store/dynamodb/client.js";
import { createDynamoStore } from "../../../src/adapters/store/dynamodb/index.js";
import { createModel } from "../../../src/adapters/store/dynamodb/schema.js";
import {
  BatchWriteCommand as StubBatchWriteCommand,
  GetCommand as StubGetCommand,
} from "../../../src/adapters/store/dynamodb/lib-dynamodb-stub.js";
import { GetItemCommand, PutItemCommand } from "dynamodb-toolbox";
import { runStoreContract, newRequest } from "../../ports/store/contract.js";
import { createDynaliteStore, type DynaliteTable } from "@stellarr/testkit/dynalite";
import { createTestApp } from "@stellarr/testkit/app";

const T0 = Date.UTC(2026, 10, 1, 12, 0, 0);
const HOUR = 3600_000;

/** A fetch that records the DynamoDB operation of every call (`X-Amz-Target` suffix). */
function recordingFetch(log: string[]): typeof fetch {
  return async (input, init) => {
    const request = input instanceof Request ? input : new Request(input, init);
    log.push(String(request.headers.get("x-amz-target")).split(".")[1] ?? "?");
    return fetch(request);
  };
}

const allOperations: string[] = [];
runStoreContract({
  name: "dynamodb",
  async create() {
    const { store, cleanup } = await createDynaliteStore({ fetch: recordingFetch(allOperations) });
    return { store, cleanup };
  },
});

describe("DynamoDB adapter: access patterns", () => {
  it("served the whole contract suite without a single Scan", (ctx) => {
    if (allOperations.length === 0) ctx.skip(); // the contract suite was filtered out of this run
    expect(allOperations.length).toBeGreaterThan(100);
    expect(allOperations).not.toContain("Scan");
    const allowed = new Set(["GetItem", "BatchGetItem", "Query", "PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem"]);
    expect([...new Set(allOperations)].filter((op) => !allowed.has(op))).toEqual([]);
  });

  async function tracked(): Promise<DynaliteTable & { ops: string[] }> {
    const ops: string[] = [];
    const table = await createDynaliteStore({ fetch: recordingFetch(ops) });
    return { ...table, ops };
  }

  async function seed(store: Store) {
    for (let i = 1; i <= 10; i++) await store.insertRequest(newRequest({ tmdb_id: i, media_type: i % 2 ? "movie" : "tv" }));
    await store.markAdded({ media_type: "movie", tmdb_id: 1 }, new Date(T0).toISOString(), null);
    await store.upsertLibrary("movie", [{ tmdb_id: 1 }, { tmdb_id: 11 }], T0);
    await store.upsertLibrary("tv", [{ tmdb_id: 2 }], T0);
  }

  it("answers a search page's status with exactly one BatchGetItem", async () => {
    const t = await tracked();
    try {
      await seed(t.store);
      const keys = Array.from({ length: 20 }, (_, i) => ({ media_type: i % 2 ? ("tv" as const) : ("movie" as const), tmdb_id: i + 1 }));
      t.ops.length = 0;
      const status = await t.store.titleStatus(keys);
      expect(t.ops).toEqual(["BatchGetItem"]);
      expect(status.get("movie:1")).toEqual({ requested: true, pending: false, in_library: true });
      expect(status.get("tv:2")).toEqual({ requested: true, pending: true, in_library: true });
      expect(status.get("movie:11")).toEqual({ requested: false, pending: false, in_library: true });
      expect(status.get("movie:13")).toEqual({ requested: false, pending: false, in_library: false });
    } finally {
      await t.cleanup();
    }
  });

  it("stays correct when another process switched the generation, then returns to one batch", async () => {
    const t = await tracked();
    try {
      await seed(t.store);
      await t.store.titleStatus([{ media_type: "movie", tmdb_id: 1 }]);
      // Another Lambda commits a full resync: this process still predicts the old generation.
      const other = createDynamoStore(t.options);
      await other.resyncBatch("movie", "nightly", [{ tmdb_id: 3 }], T0);
      await other.resyncCommit("movie", "nightly", { allowEmpty: false, nowMs: T0 });
      t.ops.length = 0;
      const keys = [1, 3].map((tmdb_id) => ({ media_type: "movie" as const, tmdb_id }));
      const first = await t.store.titleStatus(keys);
      expect(first.get("movie:1")?.in_library).toBe(false);
      expect(first.get("movie:3")?.in_library).toBe(true);
      expect(t.ops).toEqual(["BatchGetItem", "BatchGetItem"]);
      t.ops.length = 0;
      expect((await t.store.titleStatus(keys)).get("movie:3")?.in_library).toBe(true);
      expect(t.ops).toEqual(["BatchGetItem"]);
    } finally {
      await t.cleanup();
    }
  });

  it("answers a requests page's sources with BatchGetItem only, at most 100 keys a call, never a read per title", async () => {
    const keyCounts: number[] = [];
    const ops: string[] = [];
    const t = await createDynaliteStore({
      fetch: async (input, init) => {
        const request = input instanceof Request ? input : new Request(input, init);
        const op = String(request.headers.get("x-amz-target")).split(".")[1] ?? "?";
        ops.push(op);
        if (op === "BatchGetItem") {
          const body = JSON.parse(await request.clone().text()) as { RequestItems: Record<string, { Keys: unknown[] }> };
          keyCounts.push(Object.values(body.RequestItems)[0]!.Keys.length);
        }
        return fetch(request);
      },
    });
    try {
      const ids = Array.from({ length: 250 }, (_, i) => i + 1);
      await t.store.upsertLibrary(
        "movie",
        ids.map((tmdb_id) => ({ tmdb_id })),
        T0,
      );
      await t.store.upsertLibrary("movie", [{ tmdb_id: 7 }], T0, { source: "jellyfin" });
      const page = ids.map((tmdb_id) => ({ media_type: "movie" as const, tmdb_id }));
      // A fresh process: its prediction misses Jellyfin's lane, which costs a second batch.
      const fresh = createDynamoStore(t.options);
      ops.length = 0;
      keyCounts.length = 0;
      const sources = await fresh.librarySources(page);
      expect(sources[6]).toEqual(["plex", "jellyfin"]);
      expect(sources.filter((s) => s.length === 1)).toHaveLength(249);
      expect(new Set(ops)).toEqual(new Set(["BatchGetItem"]));
      expect(Math.max(...keyCounts)).toBeLessThanOrEqual(100);
      // 3 pointers + 250 Plex entries, then the 250 Jellyfin entries the pointer revealed.
      expect(keyCounts.reduce((a, b) => a + b, 0)).toBe(3 + 250 + 250);
      // Predicted right the next time: one pass of ceil(503 / 100) calls.
      ops.length = 0;
      expect(await fresh.librarySources(page)).toEqual(sources);
      expect(ops).toEqual(Array(6).fill("BatchGetItem"));
    } finally {
      await t.cleanup();
    }
  });

  it("serves library-status, request pages and feeds with Queries only", async () => {
    const t = await tracked();
    try {
      await seed(t.store);
      // A committed resync gives the pointer partition a real generation to follow.
      await t.store.resyncBatch("tv", "nightly", [{ tmdb_id: 2 }, { tmdb_id: 4 }], T0);
      await t.store.resyncCommit("tv", "nightly", { allowEmpty: false, nowMs: T0 });
      t.ops.length = 0;
      // library-status: both pointers in one Query, each current generation, the pending requests.
      const [library, pending] = await Promise.all([t.store.allLibraryIds(), t.store.allRequests({ status: "pending" })]);
      expect(library).toEqual({ movie: [1, 11], tv: [2, 4] });
      expect(pending).toHaveLength(9);
      expect(t.ops).toEqual(["Query", "Query", "Query", "Query"]);

      t.ops.length = 0;
      await t.store.listRequests({ limit: 3, status: "pending", media_type: "tv" });
      await t.store.listRequests({ limit: 50 });
      await t.store.countRequests();
      await t.store.allRequests({ media_type: "movie", status: "pending" });
      await t.store.allRequests({ media_type: "tv" });
      expect(t.ops).toEqual(["Query", "Query", "Query", "Query", "Query"]);
    } finally {
      await t.cleanup();
    }
  });

  it("lists a name's follows with one Query of its partition and one BatchGetItem, dropping a stray listing", async () => {
    const t = await tracked();
    try {
      await t.store.follow({ media_type: "tv", tmdb_id: 1396 }, "bob");
      await t.store.follow({ media_type: "movie", tmdb_id: 603 }, "bob");
      await t.store.follow({ media_type: "movie", tmdb_id: 603 }, "carol");
      // A crash between a follow's two writes leaves a listing whose title set lacks the name.
      const client = createDynamoClient(t.options);
      await client.call("PutItem", {
        TableName: t.options.tableName,
        Item: { pk: "FOLLOWS#bob", sk: `movie#${"9".padStart(16, "0")}`, name: "bob", media_type: "movie", tmdb_id: 9, v: 1 },
      });
      t.ops.length = 0;
      expect(await t.store.followedBy("bob")).toEqual([
        { media_type: "movie", tmdb_id: 603 },
        { media_type: "tv", tmdb_id: 1396 },
      ]);
      expect(t.ops).toEqual(["Query", "BatchGetItem"]);
      // Deleting a title drops its followers' listings too, not only its set.
      await t.store.deleteFollows({ media_type: "movie", tmdb_id: 603 });
      const listing = await client.call("GetItem", {
        TableName: t.options.tableName,
        Key: { pk: "FOLLOWS#carol", sk: `movie#${"603".padStart(16, "0")}` },
        ConsistentRead: true,
      });
      expect(listing.Item).toBeUndefined();
    } finally {
      await t.cleanup();
    }
  });

  it("creates a request (POST /api/request) in 4 calls: status check, sequence number, conditional put, library re-check", async () => {
    const t = await tracked();
    try {
      const api = await createTestApp({ store: t.store });
      t.ops.length = 0;
      const before = t.store.stats.roundTrips;
      const res = await api.request("/api/request", { json: { tmdb_id: 603, media_type: "movie" }, token: api.login() });
      expect(res.status).toBe(201);
      expect(t.ops).toEqual(["BatchGetItem", "UpdateItem", "PutItem", "BatchGetItem"]);
      expect(t.store.stats.roundTrips - before).toBe(4);
    } finally {
      await t.cleanup();
    }
  });

  const SHOW_GUID = "plex://show/5d9c086c46115600200aa2fe";
  const BREAKING_BAD = { media_type: "tv" as const, tmdb_id: 1396, tvdb_id: 81189 };

  it("keeps a webhook within 6 round trips even on the title fallback, and a repeated one writes nothing", async () => {
    const t = await tracked();
    try {
      await t.store.insertRequest(newRequest({ media_type: "tv", tmdb_id: 1396, title: "Breaking Bad" }));
      await t.store.putSubscription({
        endpoint: "https://push.example/1",
        owner: "alice",
        p256dh: "k",
        auth: "a",
        locale: "en",
        vapid_key_id: "v",
        created_at: new Date(T0).toISOString(),
      });
      // The longest path (product.md §5.1): GUID miss, title fallback over the pending requests,
      // library upsert carrying the GUID write, flip, the notifier's subscription read.
      const webhook = async () => {
        const cached = await t.store.getGuid(SHOW_GUID);
        if (!cached) await t.store.allRequests({ media_type: "tv", status: "pending" });
        const upsert = await t.store.upsertLibrary(
          "tv",
          [{ tmdb_id: 1396, tvdb_id: 81189, title: "Breaking Bad", plex_guid: SHOW_GUID }],
          T0,
          { guids: [{ guid: SHOW_GUID, mapping: BREAKING_BAD }] },
        );
        const flipped = await t.store.markAdded({ media_type: "tv", tmdb_id: 1396 }, new Date(T0).toISOString(), SHOW_GUID);
        if (flipped) await t.store.listSubscriptions("alice");
        return { upsert, flipped };
      };
      t.ops.length = 0;
      const first = await webhook();
      expect(first.upsert).toEqual({ added: 1, changed: 1 });
      expect(first.flipped?.added_at).not.toBeNull();
      expect(t.ops).toEqual(["GetItem", "Query", "BatchGetItem", "BatchWriteItem", "UpdateItem", "Query"]);
      expect(await t.store.getGuid(SHOW_GUID)).toEqual(BREAKING_BAD);
      t.ops.length = 0;
      const again = await webhook();
      expect(again).toEqual({ upsert: { added: 0, changed: 0 }, flipped: null });
      expect(t.ops).toEqual(["GetItem", "BatchGetItem", "UpdateItem"]);
    } finally {
      await t.cleanup();
    }
  });

  it("writes a GUID mapping in the library's batches only when it is new or different", async () => {
    const t = await tracked();
    try {
      const entry = [{ tmdb_id: 1396, title: "Breaking Bad" }];
      await t.store.upsertLibrary("tv", entry, T0);
      t.ops.length = 0;
      // Library entry unchanged, mapping new: the one write batch carries only the GUID item.
      expect(await t.store.upsertLibrary("tv", entry, T0, { guids: [{ guid: SHOW_GUID, mapping: BREAKING_BAD }] })).toEqual({
        added: 0,
        changed: 0,
      });
      expect(t.ops).toEqual(["BatchGetItem", "BatchWriteItem"]);
      t.ops.length = 0;
      await t.store.upsertLibrary("tv", entry, T0, { guids: [{ guid: SHOW_GUID, mapping: BREAKING_BAD }] });
      expect(t.ops).toEqual(["BatchGetItem"]);
      t.ops.length = 0;
      const moved = { ...BREAKING_BAD, tvdb_id: null };
      await t.store.upsertLibrary("tv", entry, T0, { guids: [{ guid: SHOW_GUID, mapping: moved }] });
      expect(t.ops).toEqual(["BatchGetItem", "BatchWriteItem"]);
      expect(await t.store.getGuid(SHOW_GUID)).toEqual(moved);
    } finally {
      await t.cleanup();
    }
  });
});

describe("DynamoDB adapter: items and the toolbox document client", () => {
  it("tags every item with its kind and schema version", async () => {
    const t = await createDynaliteStore();
    try {
      await t.store.insertRequest(newRequest());
      await t.store.upsertLibrary("movie", [{ tmdb_id: 603 }], T0);
      await t.store.putGuid("plex://movie/1", { media_type: "movie", tmdb_id: 603, tvdb_id: null });
      const client = createDynamoClient(t.options);
      const get = async (pk: string, sk: string) =>
        (await client.call("GetItem", { TableName: t.options.tableName, Key: { pk, sk } })).Item;
      expect(await get("REQ", "movie#603")).toMatchObject({
        _et: "Request",
        v: 1,
        seq: 1,
        by_type_status: `movie#P#${"1".padStart(16, "0")}`,
      });
      expect(await get("LIB#movie#0", "603".padStart(16, "0"))).toMatchObject({ _et: "LibraryEntry", v: 1, tmdb_id: 603 });
      expect(await get("GUID#plex://movie/1", "GUID")).toMatchObject({ _et: "Guid", v: 1, tmdb_id: 603 });
    } finally {
      await t.cleanup();
    }
  });

  it("serves toolbox's own .send() through the signed client, with SDK or stub command classes", async () => {
    const t = await createDynaliteStore();
    try {
      const client = createDynamoClient(t.options);
      const model = createModel(t.options.tableName);
      (model.table as unknown as { documentClient: unknown }).documentClient = client.documentClient;
      await model.GuidEntity.build(PutItemCommand).item({ guid: "plex://show/1", media_type: "tv", tmdb_id: 1396 }).send();
      const { Item } = await model.GuidEntity.build(GetItemCommand).key({ guid: "plex://show/1" }).send();
      expect(Item).toMatchObject({ guid: "plex://show/1", media_type: "tv", tmdb_id: 1396 });
      // The Lambda bundle aliases lib-dynamodb to the stub: its commands carry `op` (minification-proof).
      const out = await client.documentClient.send(
        new StubGetCommand({ TableName: t.options.tableName, Key: { pk: "GUID#plex://show/1", sk: "GUID" } }),
      );
      expect(out.Item).toMatchObject({ tmdb_id: 1396 });
      expect(new StubBatchWriteCommand({}).op).toBe("BatchWriteItem");
    } finally {
      await t.cleanup();
    }
  });
});

describe("DynamoDB adapter: library generations", () => {
  it("returns a 100,000-title library complete, over many Query pages, through library-status", { timeout: 180_000 }, async () => {
    const ops: string[] = [];
    const t = await createDynaliteStore({ fetch: recordingFetch(ops) });
    try {
      // Seed generation 0 (the library before any resync) directly with BatchWriteItem.
      const client = createDynamoClient(t.options);
      const N = 100_000;
      const puts = Array.from({ length: N }, (_, i) => ({
        PutRequest: {
          Item: {
            pk: "LIB#movie#0",
            sk: String(i + 1).padStart(16, "0"),
            _et: "LibraryEntry",
            v: 1,
            media_type: "movie",
            gen: "0",
            tmdb_id: i + 1,
          },
        },
      }));
      const lanes = 4;
      const size = Math.ceil(N / lanes);
      await Promise.all(
        Array.from({ length: lanes }, (_, c) => client.batchWrite(t.options.tableName, puts.slice(c * size, (c + 1) * size))),
      );
      // What library-status reads.
      const before = t.store.stats.roundTrips;
      const { movie: ids, tv } = await t.store.allLibraryIds();
      const pages = t.store.stats.roundTrips - before - 2; // minus the pointer Query and the empty tv Query
      expect(tv).toEqual([]);
      expect(ids).toHaveLength(N);
      expect(ids[0]).toBe(1);
      expect(ids[N - 1]).toBe(N);
      expect(ids.every((id, i) => id === i + 1)).toBe(true);
      expect(pages).toBeGreaterThan(1); // a single unpaginated Query would stop at 1 MB
      const status = await t.store.titleStatus([{ media_type: "movie", tmdb_id: 77_777 }]);
      expect(status.get("movie:77777")?.in_library).toBe(true);

      // And the route itself, as the UI asks for it: complete, by Queries only.
      const api = await createTestApp({ store: t.store });
      ops.length = 0;
      const res = await api.request("/api/library-status", { token: api.login() });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { library: { movie: number[]; tv: number[] }; requests: unknown[] };
      expect(body.library.movie).toHaveLength(N);
      expect(body.library.movie[N - 1]).toBe(N);
      expect(body.library.tv).toEqual([]);
      expect(body.requests).toEqual([]);
      expect(ops.length).toBeGreaterThan(4);
      expect(ops[0]).toBe("BatchGetItem"); // the change token
      expect(new Set(ops.slice(1))).toEqual(new Set(["Query"]));
    } finally {
      await t.cleanup();
    }
  });

  it("reads a library written before sources existed as Plex's, in place, and keeps it through another source's resync", async () => {
    const t = await createDynaliteStore();
    try {
      // Items exactly as the layout before sources wrote them: pointer `movie`, generation r7, a
      // committed resync record without `source`, and an open one (also plex).
      const client = createDynamoClient(t.options);
      const entry = (gen: string, id: number) => ({
        PutRequest: {
          Item: {
            pk: `LIB#movie#${gen}`,
            sk: String(id).padStart(16, "0"),
            _et: "LibraryEntry",
            v: 1,
            media_type: "movie",
            gen,
            tmdb_id: id,
          },
        },
      });
      await client.batchWrite(t.options.tableName, [
        entry("r7", 11),
        entry("r7", 12),
        entry("r8", 13),
        {
          PutRequest: { Item: { pk: "LIBPTR", sk: "movie", v: 1, gen: "r7", co: 7, ls: 2, lr: 0, o_old: { g: "r8", o: 8, x: T0 + HOUR } } },
        },
        {
          PutRequest: {
            Item: {
              pk: "RESYNC#old",
              sk: "RESYNC",
              _et: "Resync",
              v: 1,
              media_type: "movie",
              gen: "r8",
              o: 8,
              state: "open",
              exp_ms: T0 + HOUR,
            },
          },
        },
        { PutRequest: { Item: { pk: "META", sk: "SEQ", rs: 8 } } },
      ]);
      expect(await t.store.libraryIds("movie")).toEqual([11, 12]);
      expect(await t.store.libraryIds("movie", "plex")).toEqual([11, 12]);
      expect((await t.store.titleStatus([{ media_type: "movie", tmdb_id: 11 }])).get("movie:11")?.in_library).toBe(true);
      // The old open resync is Plex's and still commits.
      expect(await t.store.resyncBatch("movie", "old", [], T0, { source: "jellyfin" })).toEqual({ ok: false, reason: "type_mismatch" });
      await t.store.resyncBatch("movie", "jf", [{ tmdb_id: 99 }], T0, { source: "jellyfin" });
      await t.store.resyncCommit("movie", "jf", { allowEmpty: false, nowMs: T0, source: "jellyfin" });
      expect(await t.store.resyncCommit("movie", "old", { allowEmpty: false, nowMs: T0 })).toEqual({
        ok: true,
        synced: 1,
        removed: 2,
        repeated: false,
      });
      expect(await t.store.allLibraryIds()).toEqual({ movie: [13, 99], tv: [] });
      // Nothing of the old layout was rewritten: Plex's pointer is still the `movie` item.
      const ptr = (await client.call("GetItem", { TableName: t.options.tableName, Key: { pk: "LIBPTR", sk: "movie" } })).Item;
      expect(ptr).toMatchObject({ gen: "r8" });
    } finally {
      await t.cleanup();
    }
  });

  it("costs a Plex-only library-status nothing extra, and reads another source's lane once it exists", async () => {
    const t = await createDynaliteStore();
    try {
      await t.store.upsertLibrary("movie", [{ tmdb_id: 1 }], T0);
      let before = t.store.stats.roundTrips;
      expect(await t.store.allLibraryIds()).toEqual({ movie: [1], tv: [] });
      expect(t.store.stats.roundTrips - before).toBe(3); // the pointers, and Plex's two lanes
      // A source's first upsert creates its pointer in the same BatchWriteItem (no extra call).
      before = t.store.stats.roundTrips;
      await t.store.upsertLibrary("tv", [{ tmdb_id: 2 }], T0, { source: "emby" });
      expect(t.store.stats.roundTrips - before).toBe(2);
      before = t.store.stats.roundTrips;
      expect(await t.store.allLibraryIds()).toEqual({ movie: [1], tv: [2] });
      expect(t.store.stats.roundTrips - before).toBe(4);
    } finally {
      await t.cleanup();
    }
  });

  it("lets concurrent readers see the old or the new library during a commit, never a mix", async () => {
    const t = await createDynaliteStore();
    try {
      const old = Array.from({ length: 60 }, (_, i) => ({ tmdb_id: i + 1 }));
      const next = Array.from({ length: 60 }, (_, i) => ({ tmdb_id: i + 31 }));
      await t.store.upsertLibrary("movie", old, T0);
      await t.store.resyncBatch("movie", "s", next, T0);
      const reader = createDynamoStore(t.options);
      const [commit, ...views] = await Promise.all([
        t.store.resyncCommit("movie", "s", { allowEmpty: false, nowMs: T0 }),
        ...Array.from({ length: 6 }, () => reader.libraryIds("movie")),
        ...Array.from({ length: 6 }, async () => (await reader.allLibraryIds()).movie),
      ]);
      expect(commit).toEqual({ ok: true, synced: 60, removed: 30, repeated: false });
      const oldIds = old.map((i) => i.tmdb_id);
      const newIds = next.map((i) => i.tmdb_id);
      for (const view of views) expect([oldIds, newIds]).toContainEqual(view);
      expect(await reader.libraryIds("movie")).toEqual(newIds);
    } finally {
      await t.cleanup();
    }
  });

  it("resolves racing commits by open order: the newest resync wins", async () => {
    const t = await createDynaliteStore();
    try {
      await t.store.resyncBatch("tv", "older", [{ tmdb_id: 1 }], T0);
      await t.store.resyncBatch("tv", "newer", [{ tmdb_id: 2 }], T0);
      const other = createDynamoStore(t.options);
      const [a, b] = await Promise.all([
        t.store.resyncCommit("tv", "older", { allowEmpty: false, nowMs: T0 }),
        other.resyncCommit("tv", "newer", { allowEmpty: false, nowMs: T0 }),
      ]);
      expect(b.ok).toBe(true);
      expect(a.ok || (!a.ok && a.reason === "stale")).toBe(true);
      expect(await t.store.libraryIds("tv")).toEqual([2]);
    } finally {
      await t.cleanup();
    }
  });

  it("deletes replaced and abandoned generations on later resync calls", async () => {
    const t = await createDynaliteStore();
    const client = createDynamoClient(t.options);
    const partition = async (pk: string) =>
      (
        await client.queryAll({
          TableName: t.options.tableName,
          KeyConditionExpression: "pk = :pk",
          ExpressionAttributeValues: { ":pk": pk },
        })
      ).length;
    try {
      await t.store.upsertLibrary("movie", [{ tmdb_id: 1 }, { tmdb_id: 2 }], T0);
      await t.store.resyncBatch("movie", "abandoned", [{ tmdb_id: 5 }], T0);
      await t.store.resyncBatch("movie", "first", [{ tmdb_id: 2 }, { tmdb_id: 3 }], T0 + 1);
      await t.store.resyncCommit("movie", "first", { allowEmpty: false, nowMs: T0 + 1 });
      expect(await partition("LIB#movie#0")).toBe(2); // replaced, not yet collected
      const later = T0 + 25 * HOUR;
      await t.store.resyncBatch("movie", "second", [{ tmdb_id: 3 }], later);
      await t.store.resyncBatch("movie", "second", [], later);
      expect(await partition("LIB#movie#0")).toBe(0);
      expect(await partition("LIB#movie#r1")).toBe(0); // the abandoned resync's staged entries
      expect(await t.store.libraryIds("movie")).toEqual([2, 3]);
      expect(await t.store.resyncCommit("movie", "abandoned", { allowEmpty: false, nowMs: later })).toEqual({
        ok: false,
        reason: "unknown",
      });
    } finally {
      await t.cleanup();
    }
  });
});

describe("DynamoDB adapter: TTL, retries and outages", () => {
  it("ignores expired items that DynamoDB has not deleted yet (dynalite never does)", async () => {
    const t = await createDynaliteStore();
    try {
      expect(await t.store.consumeChallenge("c1", T0 + 1000, T0)).toBe(true);
      expect(await t.store.consumeChallenge("c1", T0 + 1000, T0 + 500)).toBe(false);
      const raw = await createDynamoClient(t.options).call("GetItem", {
        TableName: t.options.tableName,
        Key: { pk: "CHAL#c1", sk: "CHAL" },
      });
      expect(raw.Item).toMatchObject({ exp_ms: T0 + 1000, expires_at: Math.ceil((T0 + 1000) / 1000) });
      // Physically still there, logically expired: the id may be used again.
      expect(await t.store.consumeChallenge("c1", T0 + 5000, T0 + 2000)).toBe(true);
      await t.store.hitRateLimit("k", 1000, T0);
      expect(await t.store.getRateLimit("k", T0 + 1000)).toBeNull();
    } finally {
      await t.cleanup();
    }
  });

  const throttled = () =>
    new Response(
      JSON.stringify({ __type: "com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException", message: "slow down" }),
      {
        status: 400,
        headers: { "content-type": "application/x-amz-json-1.0" },
      },
    );

  it("retries throttling with backoff and counts every attempt", async () => {
    let failures = 2;
    const t = await createDynaliteStore({ fetch: async (input, init) => (failures-- > 0 ? throttled() : fetch(input as Request, init)) });
    try {
      const before = t.store.stats.roundTrips;
      expect(await t.store.getRequest({ media_type: "movie", tmdb_id: 1 })).toBeNull();
      expect(t.store.stats.roundTrips - before).toBe(3);
    } finally {
      await t.cleanup();
    }
  });

  it("turns exhausted throttling and network failures into StoreUnavailableError", async () => {
    const t = await createDynaliteStore({ fetch: async () => throttled() });
    try {
      await expect(t.store.ping()).rejects.toBeInstanceOf(StoreUnavailableError);
      expect(t.store.stats.roundTrips).toBe(4); // the test factory allows 4 attempts
    } finally {
      await t.cleanup();
    }
    const down = createDynamoStore({
      ...t.options,
      fetch: async () => {
        throw new TypeError("fetch failed");
      },
    });
    await expect(down.listRequests({ limit: 5 })).rejects.toBeInstanceOf(StoreUnavailableError);
    const missingTable = createDynamoStore({ ...t.options, tableName: "no-such-table", fetch: undefined });
    await expect(missingTable.ping()).rejects.toBeInstanceOf(StoreUnavailableError);
  });

  it("gives up on a hung connection after the attempt time limit", async () => {
    const hung: typeof fetch = (_input, init) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener("abort", () => reject(init.signal?.reason)));
    const store = createDynamoStore({
      tableName: "t",
      region: "us-east-1",
      endpoint: "http://127.0.0.1:9/",
      credentials: { accessKeyId: "a", secretAccessKey: "b" },
      fetch: hung,
      attemptTimeoutMs: 20,
      retry: { attempts: 2, baseMs: 1 },
    });
    await expect(store.getGuid("plex://x")).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(store.stats.roundTrips).toBe(2);
  });

  it("reports an insert as inserted when its first attempt landed but the answer was lost", async () => {
    let lose = 1;
    const t = await createDynaliteStore({
      fetch: async (input, init) => {
        const request = input instanceof Request ? input : new Request(input, init);
        const response = await fetch(request);
        const op = String(request.headers.get("x-amz-target")).split(".")[1];
        if (op === "PutItem" && lose-- > 0) return new Response('{"__type":"InternalServerError"}', { status: 500 });
        return response;
      },
    });
    try {
      const result = await t.store.insertRequest(newRequest());
      expect(result.inserted).toBe(true);
      expect((await t.store.insertRequest(newRequest())).inserted).toBe(false);
      expect(await t.store.allRequests()).toHaveLength(1);
    } finally {
      await t.cleanup();
    }
  });

  it("takes a conflicting request from AWS's conditional-failure answer instead of reading it again", async () => {
    // dynalite ignores ReturnValuesOnConditionCheckFailure; this fake answers like DynamoDB does.
    const ops: string[] = [];
    const existing = {
      pk: { S: "REQ" },
      sk: { S: "movie#603" },
      media_type: { S: "movie" },
      tmdb_id: { N: "603" },
      title: { S: "The Matrix" },
      requested_by: { S: "alice" },
      created_at: { S: new Date(T0).toISOString() },
      seq: { N: "3" },
    };
    const store = createDynamoStore({
      tableName: "t",
      region: "us-east-1",
      endpoint: "http://127.0.0.1:9/",
      credentials: { accessKeyId: "a", secretAccessKey: "b" },
      fetch: async (input) => {
        const request = input as Request;
        const op = String(request.headers.get("x-amz-target")).split(".")[1]!;
        ops.push(op);
        const body = JSON.parse(await request.text()) as Record<string, unknown>;
        if (op === "UpdateItem") return Response.json({ Attributes: { req: { N: "9" } } });
        expect(body.ReturnValuesOnConditionCheckFailure).toBe("ALL_OLD");
        const type = "com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException";
        return Response.json({ __type: type, message: "The conditional request failed", Item: existing }, { status: 400 });
      },
    });
    const result = await store.insertRequest(newRequest({ requested_by: "bob" }));
    expect(result).toMatchObject({ inserted: false, existing: { tmdb_id: 603, requested_by: "alice", seq: 3, year: null } });
    expect(ops).toEqual(["UpdateItem", "PutItem"]);
  });

  it("re-sends unprocessed batch keys and items", async () => {
    let held = { get: 1, write: 1 };
    const t = await createDynaliteStore({
      fetch: async (input, init) => {
        const request = input instanceof Request ? input : new Request(input, init);
        const op = String(request.headers.get("x-amz-target")).split(".")[1];
        const body = JSON.parse(await request.clone().text()) as { RequestItems: Record<string, unknown> };
        const reply = (json: unknown) => new Response(JSON.stringify(json), { status: 200 });
        // DynamoDB may process nothing of a batch under load: hand everything back once.
        if (op === "BatchWriteItem" && held.write-- > 0) return reply({ UnprocessedItems: body.RequestItems });
        if (op === "BatchGetItem" && held.get-- > 0) {
          const table = Object.keys(body.RequestItems)[0]!;
          return reply({ Responses: { [table]: [] }, UnprocessedKeys: body.RequestItems });
        }
        return fetch(request);
      },
    });
    try {
      expect(await t.store.upsertLibrary("movie", [{ tmdb_id: 7, title: "Seven" }], T0)).toEqual({ added: 1, changed: 1 });
      expect(await t.store.libraryIds("movie")).toEqual([7]);
      expect((await t.store.titleStatus([{ media_type: "movie", tmdb_id: 7 }])).get("movie:7")?.in_library).toBe(true);
      held = { get: 1, write: 0 };
      expect((await t.store.titleStatus([{ media_type: "movie", tmdb_id: 7 }])).get("movie:7")?.in_library).toBe(true);
      held = { get: 1, write: 0 };
      expect(await t.store.librarySources([{ media_type: "movie", tmdb_id: 7 }])).toEqual([["plex"]]);
      expect(held.get).toBe(-1);
    } finally {
      await t.cleanup();
    }
  });
});

describe("DynamoDB adapter: change token", () => {
  /** A store whose change clock the test moves; `settle()` jumps past the settle window. */
  async function clocked() {
    let now = T0;
    const table = await createDynaliteStore({ changeClock: () => now });
    return { ...table, settle: () => (now += SETTLE_MS), step: (ms: number) => (now += ms) };
  }

  it("settles SETTLE_MS after the newest bump, then moves with every kind of write", async () => {
    const { store, cleanup, settle } = await clocked();
    try {
      const seen = new Set<string>();
      const next = async (write: () => Promise<unknown>) => {
        await write();
        expect((await store.changeToken()).settled).toBe(false);
        settle();
        const token = await store.changeToken();
        expect(token.settled).toBe(true);
        expect(seen.has(token.value)).toBe(false);
        seen.add(token.value);
      };
      settle();
      seen.add((await store.changeToken()).value);
      await next(() => store.insertRequest(newRequest({ tmdb_id: 1 })));
      await next(() => store.setExternalIds({ media_type: "movie", tmdb_id: 1 }, { tvdb_id: 9 }));
      await next(() => store.markAdded({ media_type: "movie", tmdb_id: 1 }, new Date(T0).toISOString(), null));
      await next(() => store.deleteRequest({ media_type: "movie", tmdb_id: 1 }));
      await next(() => store.upsertLibrary("movie", [{ tmdb_id: 2 }], T0));
    } finally {
      await cleanup();
    }
  });

  it("a write right after another bump rides on it: no call of its own, the token unsettled until both have landed", async () => {
    const { store, cleanup, settle, step } = await clocked();
    try {
      await store.insertRequest(newRequest({ tmdb_id: 1 }));
      settle();
      const before = await store.changeToken();
      await store.upsertLibrary("movie", [{ tmdb_id: 1 }], T0);
      step(SKIP_MS - 1);
      const calls = store.stats.roundTrips;
      expect(await store.markAdded({ media_type: "movie", tmdb_id: 1 }, new Date(T0).toISOString(), null)).not.toBeNull();
      expect(store.stats.roundTrips - calls).toBe(1);
      expect((await store.changeToken()).settled).toBe(false);
      settle();
      const after = await store.changeToken();
      expect(after.settled).toBe(true);
      expect(after.value).not.toBe(before.value);
      // A lone flip long after any bump pays its own UpdateItem of the counter.
      await store.insertRequest(newRequest({ tmdb_id: 3 }));
      settle();
      const lone = store.stats.roundTrips;
      await store.markAdded({ media_type: "movie", tmdb_id: 3 }, new Date(T0).toISOString(), null);
      expect(store.stats.roundTrips - lone).toBe(2);
      // A flip whose condition fails changes nothing and bumps nothing.
      const failed = store.stats.roundTrips;
      expect(await store.markAdded({ media_type: "movie", tmdb_id: 3 }, new Date(T0).toISOString(), null)).toBeNull();
      expect(store.stats.roundTrips - failed).toBe(1);
    } finally {
      await cleanup();
    }
  });

  it("library-status and the feeds: once settled, a 304 is ONE BatchGetItem and a repeated 200 reads nothing more", async () => {
    const ops: string[] = [];
    let now = T0;
    const t = await createDynaliteStore({ fetch: recordingFetch(ops), changeClock: () => now });
    try {
      const api = await createTestApp({ store: t.store });
      const token = api.login();
      expect((await api.request("/api/request", { json: { tmdb_id: 603, media_type: "movie" }, token })).status).toBe(201);
      await t.store.upsertLibrary("tv", [{ tmdb_id: 1399 }], T0);
      // Unsettled: built and hashed every time, as before the token.
      const fresh = await api.request("/api/library-status", { token });
      expect((await api.request("/api/library-status", { token, headers: { "if-none-match": fresh.headers.get("etag")! } })).status).toBe(
        304,
      );
      now += SETTLE_MS;
      for (const path of ["/api/library-status", "/list/radarr?status=all"]) {
        const first = await api.request(path, { token });
        const body = await first.text();
        ops.length = 0;
        const again = await api.request(path, { token });
        expect(await again.text()).toBe(body);
        expect(ops).toEqual(["BatchGetItem"]);
        ops.length = 0;
        const cached = await api.request(path, { token, headers: { "if-none-match": first.headers.get("etag")! } });
        expect(cached.status).toBe(304);
        expect(ops).toEqual(["BatchGetItem"]);
      }
      expect(JSON.parse(await (await api.request("/api/library-status", { token })).text()).library.tv).toEqual([1399]);
    } finally {
      await t.cleanup();
    }
  });

  it("rolls over every ROLL_MS even without writes (bounds a bump lost with its process)", async () => {
    const { store, cleanup, step } = await clocked();
    try {
      const first = await store.changeToken();
      step(ROLL_MS);
      expect((await store.changeToken()).value).not.toBe(first.value);
    } finally {
      await cleanup();
    }
  });
});
