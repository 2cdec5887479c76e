import Database from "better-sqlite3";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createSqliteStore, openDatabase } from "../../../src/adapters/store/sqlite/index.js";
import { MIGRATIONS } from "../../../src/adapters/store/sqlite/migrations.js";
import { FOLLOWED_BY_SQL } from "../../../src/adapters/store/sqlite/follows.js";
import { SOURCES_OF_SQL } from "../../../src/adapters/store/sqlite/library.js";
import { FEED_SQL } from "../../../src/adapters/store/sqlite/requests.js";
import { StoreUnavailableError } from "../../../src/ports/store/index.js";
import { runStoreContract, newRequest } from "../../ports/store/contract.js";
import { sqliteStoreFactory } from "@stellarr/testkit/stores";

runStoreContract(sqliteStoreFactory);

describe("sqlite specifics", () => {
  const dirs: string[] = [];
  const tmp = async () => {
    const d = await mkdtemp(join(tmpdir(), "stellarr-sqlite-x-"));
    dirs.push(d);
    return d;
  };
  afterEach(async () => {
    for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
  });

  it("applies migrations to an old schema file and keeps its data", async () => {
    const path = join(await tmp(), "old.db");
    const old = new Database(path);
    old.exec(MIGRATIONS[0]!);
    old.pragma("user_version = 1");
    old
      .prepare(
        "INSERT INTO requests (media_type, tmdb_id, title, created_at) VALUES ('movie', 11, 'Star Wars', '2026-01-01T00:00:00.000Z')",
      )
      .run();
    // A committed resync made generation 3 the movie library; one more resync is open.
    old.exec(`INSERT INTO generations (id) VALUES (3), (4);
      UPDATE library_current SET generation = 3 WHERE media_type = 'movie';
      INSERT INTO library (media_type, generation, tmdb_id, title) VALUES ('movie', 3, 11, 'Star Wars'), ('movie', 3, 12, NULL), ('movie', 4, 13, NULL), ('tv', 2, 1399, NULL);
      INSERT INTO resyncs (sync_id, media_type, generation, opened_seq, opened_at) VALUES ('open-before', 'movie', 4, 4, ${Date.now()});`);
    old.close();
    const store = createSqliteStore({ path });
    expect((await store.getRequest({ media_type: "movie", tmdb_id: 11 }))?.title).toBe("Star Wars");
    // The library before sources existed is Plex's; the new sources start empty.
    expect(await store.libraryIds("movie", "plex")).toEqual([11, 12]);
    expect(await store.libraryIds("tv", "plex")).toEqual([1399]);
    expect(await store.libraryIds("movie", "jellyfin")).toEqual([]);
    expect(await store.resyncBatch("movie", "open-before", [], Date.now(), { source: "emby" })).toEqual({
      ok: false,
      reason: "type_mismatch",
    });
    await store.resyncBatch("movie", "jf", [{ tmdb_id: 50 }], Date.now(), { source: "jellyfin" });
    await store.resyncCommit("movie", "jf", { allowEmpty: false, nowMs: Date.now(), source: "jellyfin" });
    expect(await store.resyncCommit("movie", "open-before", { allowEmpty: false, nowMs: Date.now() })).toMatchObject({
      ok: true,
      synced: 1,
    });
    expect(await store.allLibraryIds()).toEqual({ movie: [13, 50], tv: [1399] });
    await store.close();
    const check = new Database(path);
    expect(check.pragma("user_version", { simple: true })).toBe(MIGRATIONS.length);
    check.close();
  });

  it("reads the *arr lists and library-status ids from covering indexes in order: no table visit, no temp B-tree", () => {
    const db = openDatabase(":memory:");
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(" | ");
    const feedAll = plan(FEED_SQL.all.replace("?", "'movie'"));
    const feedPending = plan(FEED_SQL.pending.replace("?", "'movie'"));
    const libraryIds = plan(`SELECT tmdb_id FROM library WHERE media_type = 'movie' AND generation = 1 ORDER BY tmdb_id`);
    for (const p of [feedAll, feedPending]) expect(p).toMatch(/USING COVERING INDEX requests_(pending_)?feed/);
    expect(libraryIds).toMatch(/USING PRIMARY KEY|USING COVERING INDEX/);
    for (const p of [feedAll, feedPending, libraryIds]) expect(p).not.toMatch(/TEMP B-TREE/);
    db.close();
  });

  it("lists the titles a name follows from the follows_by_name covering index, in order", () => {
    const db = openDatabase(":memory:");
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${FOLLOWED_BY_SQL}`).all("bob") as { detail: string }[]).map((r) => r.detail).join(" | ");
    expect(plan).toMatch(/SEARCH follows USING COVERING INDEX follows_by_name \(name=\?\)/);
    expect(plan).not.toMatch(/TEMP B-TREE/);
    db.close();
  });

  it("finds a page's sources key by key through the library's primary key, never walking a whole generation", () => {
    const db = openDatabase(":memory:");
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${SOURCES_OF_SQL}`).all('[["movie", 1]]') as { detail: string }[]).map((r) => r.detail);
    // Keys first (the page), then the library row by its full primary key.
    expect(plan[0]).toMatch(/^SCAN k/);
    expect(plan.find((d) => / l /.test(` ${d} `))).toMatch(/SEARCH l USING PRIMARY KEY \(media_type=\? AND generation=\? AND tmdb_id=\?\)/);
    db.close();
  });

  it("reads requests stored before the *arr fields as profile default, all seasons, not anime, season list unknown", async () => {
    const path = join(await tmp(), "v1.db");
    const old = new Database(path);
    old.exec(MIGRATIONS[0]!);
    old.pragma("user_version = 1");
    old
      .prepare(
        "INSERT INTO requests (media_type, tmdb_id, title, created_at) VALUES ('tv', 1396, 'Breaking Bad', '2026-01-01T00:00:00.000Z')",
      )
      .run();
    old.close();
    const store = createSqliteStore({ path });
    const key = { media_type: "tv" as const, tmdb_id: 1396 };
    expect(await store.getRequest(key)).toMatchObject({
      profile: "default",
      seasons: { all: true, seasons: [] },
      anime: false,
      tmdb_seasons: null,
    });
    // And a later request's seasons merge into it.
    const all = { all: true, seasons: [] };
    expect(
      (await store.updateSeasons(key, { expected: all, seasons: { all: true, seasons: [0] }, tmdb_seasons: [0, 1] }))?.seasons,
    ).toEqual({
      all: true,
      seasons: [0],
    });
    await store.close();
  });

  it("migrates a fresh (version 0) file", async () => {
    const path = join(await tmp(), "new.db");
    new Database(path).close();
    const store = createSqliteStore({ path });
    await store.insertRequest(newRequest());
    await store.close();
  });

  it("refuses a database newer than the code", async () => {
    const path = join(await tmp(), "future.db");
    const db = new Database(path);
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    db.close();
    expect(() => createSqliteStore({ path })).toThrow(/newer than this Stellarr knows/);
  });

  it("reports a closed, read-only or full database as unavailable", async () => {
    const dir = await tmp();
    const path = join(dir, "x.db");
    const closed = createSqliteStore({ path });
    await closed.close();
    await expect(closed.ping()).rejects.toBeInstanceOf(StoreUnavailableError);

    const readonly = createSqliteStore({ path, pragmas: ["query_only = ON"] });
    await expect(readonly.insertRequest(newRequest())).rejects.toBeInstanceOf(StoreUnavailableError);
    await readonly.close();

    const full = createSqliteStore({ path: join(dir, "full.db"), pragmas: ["max_page_count = 40"] });
    const big = "x".repeat(3000);
    await expect(
      (async () => {
        for (let i = 1; i < 500; i++) await full.insertRequest(newRequest({ tmdb_id: i, overview: big }));
      })(),
    ).rejects.toBeInstanceOf(StoreUnavailableError);
    // What was acknowledged before the disk filled is still there.
    expect((await full.getRequest({ media_type: "movie", tmdb_id: 1 }))?.overview).toBe(big);
    await full.close();
  });
});
