/**
 * `GET /api/ready` answers 503 `store_unavailable` when the store cannot serve — a database whose
 * table pages cannot be read, a DynamoDB table that is gone — and never 500. A `SELECT 1` reads no
 * table, so it said "ready" while every route failed.
 */
import { mkdtemp, open, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { createDynamoClient } from "../../../src/adapters/store/dynamodb/client.js";
import { createSqliteStore } from "../../../src/adapters/store/sqlite/index.js";
import type { Store } from "../../../src/ports/store/index.js";
import { newRequest } from "@stellarr/testkit/plex";
import { createDynaliteStore } from "@stellarr/testkit/dynalite";
import { createTestApp } from "@stellarr/testkit/app";

const T0 = Date.UTC(2026, 0, 1);
const CORE_TABLES = [
  "requests",
  "library_current",
  "library",
  "generations",
  "resyncs",
  "guid_cache",
  "push_subscriptions",
  "challenges",
  "rate_limits",
];

async function readyOf(store: Store) {
  const t = await createTestApp({ store });
  const res = await t.request("/api/ready");
  return { status: res.status, body: await res.json() };
}

describe("/api/ready on SQLite", () => {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
  });

  /** A database with a row in every core table, closed (checkpointed into the main file). */
  async function populated(): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), "stellarr-ready-"));
    dirs.push(dir);
    const path = join(dir, "stellarr.db");
    const store = createSqliteStore({ path });
    await store.insertRequest(newRequest("movie", 603, "The Matrix"));
    await store.upsertLibrary("movie", [{ tmdb_id: 603, title: "The Matrix" }], T0, {
      guids: [{ guid: "plex://movie/1", mapping: { media_type: "movie", tmdb_id: 603, tvdb_id: null } }],
    });
    await store.resyncBatch("tv", "sync-1", [{ tmdb_id: 1 }], T0);
    await store.putSubscription({
      endpoint: "https://push.example/1",
      owner: "alice",
      p256dh: "k",
      auth: "a",
      locale: "en",
      vapid_key_id: "v",
      created_at: new Date(T0).toISOString(),
    });
    await store.consumeChallenge("c1", T0 + 60_000, T0);
    await store.hitRateLimit("login:1.2.3.4", 60_000, T0);
    await store.close();
    return path;
  }

  /** Overwrites every page of `table` (its b-tree roots: the table and its indexes) with garbage. */
  async function corrupt(path: string, table: string): Promise<void> {
    const db = new Database(path, { readonly: true });
    const pageSize = db.pragma("page_size", { simple: true }) as number;
    const roots = db.prepare("SELECT rootpage FROM sqlite_master WHERE tbl_name = ? AND rootpage > 0").pluck().all(table) as number[];
    db.close();
    expect(roots.length).toBeGreaterThan(0);
    const file = await open(path, "r+");
    for (const page of roots) await file.write(Buffer.alloc(pageSize, 0xa5), 0, pageSize, (page - 1) * pageSize);
    await file.close();
  }

  it("is ready on an intact database", async () => {
    const store = createSqliteStore({ path: await populated() });
    expect(await readyOf(store)).toEqual({ status: 200, body: { status: "ready", storage: "sqlite" } });
    await store.close();
  });

  it.each(CORE_TABLES)("answers 503 store_unavailable when the pages of %s cannot be read", async (table) => {
    const path = await populated();
    await corrupt(path, table);
    const store = createSqliteStore({ path });
    const ready = await readyOf(store);
    expect(ready).toEqual({ status: 503, body: { detail: "Storage is temporarily unavailable", code: "store_unavailable" } });
    await store.close().catch(() => {});
  });
});

describe("/api/ready on DynamoDB", () => {
  it("answers 503 store_unavailable when the table is gone (the ping reads the table)", async () => {
    const table = await createDynaliteStore();
    expect((await readyOf(table.store)).status).toBe(200);
    await createDynamoClient({ ...table.options, fetch: undefined }).call("DeleteTable", { TableName: table.options.tableName });
    expect(await readyOf(table.store)).toEqual({
      status: 503,
      body: { detail: "Storage is temporarily unavailable", code: "store_unavailable" },
    });
    await table.cleanup();
  });
});
