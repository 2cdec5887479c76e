/**
 * Store round trips per operation on DynamoDB (dynalite, started here) next to SQLite, for the
 * budgets of product.md §12: search page = 1 batched read; library-status, requests and feeds =
 * queries (no Scan); webhook ≤ 6. DynamoDB counts HTTP calls; SQLite counts statements.
 * Measured twice: the store calls each page makes (`<page>`), and the real pages through the app
 * with the demo catalogue (`http_<page>`). Each DynamoDB figure is broken down by operation in a
 * `#` comment line.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSqliteStore } from "../src/adapters/store/sqlite/index.js";
import type { NewRequest, Store } from "../src/ports/store/index.js";
import { createDynaliteStore } from "@stellarr/testkit/dynalite";
import { createTestApp } from "@stellarr/testkit/app";
import type { Figure } from "./index.js";

const T0 = Date.UTC(2026, 10, 1, 12, 0, 0);

const request = (tmdb_id: number, media_type: "movie" | "tv"): NewRequest => ({
  tmdb_id,
  media_type,
  title: `Title ${tmdb_id}`,
  year: 2000,
  overview: null,
  poster_path: null,
  imdb_id: null,
  tvdb_id: null,
  requested_by: "alice",
  created_at: new Date(T0).toISOString(),
});

/** Seeds a realistic small instance: 60 requests, a 2,000-title library, one push device. */
async function seed(store: Store) {
  for (let i = 1; i <= 60; i++) await store.insertRequest(request(i, i % 3 ? "movie" : "tv"));
  for (let i = 1; i <= 20; i++) await store.markAdded({ media_type: i % 3 ? "movie" : "tv", tmdb_id: i }, new Date(T0).toISOString(), null);
  for (let b = 0; b < 2; b++) {
    await store.upsertLibrary(
      "movie",
      Array.from({ length: 750 }, (_, i) => ({ tmdb_id: b * 750 + i + 1 })),
      T0,
    );
  }
  await store.upsertLibrary(
    "tv",
    Array.from({ length: 500 }, (_, i) => ({ tmdb_id: i + 1 })),
    T0,
  );
  await store.putSubscription({
    endpoint: "https://push.example/alice",
    owner: "alice",
    p256dh: "k",
    auth: "a",
    locale: "en",
    vapid_key_id: "v",
    created_at: new Date(T0).toISOString(),
  });
}

/** The store calls each page makes (as the routes do them), measured as round-trip deltas. */
export async function scenario(store: Store, measure: (name: string, run: () => Promise<unknown>) => Promise<void>) {
  await seed(store);
  const keys = Array.from({ length: 20 }, (_, i) => ({ media_type: i % 2 ? ("tv" as const) : ("movie" as const), tmdb_id: 40 + i }));
  await measure("search_page", () => store.titleStatus(keys));
  await measure("library_status", () => Promise.all([store.allLibraryIds(), store.allRequests({ status: "pending" })]));
  await measure("requests_page", async () => {
    await store.listRequests({ limit: 50 });
    await store.countRequests();
  });
  await measure("feed", () => store.allRequests({ media_type: "movie", status: "pending" }));
  const webhook = async () => {
    const guid = "plex://movie/5d776b59ad5437001f79c6f8";
    await store.getGuid(guid);
    await store.upsertLibrary("movie", [{ tmdb_id: 59, title: "Title 59", plex_guid: guid }], T0, {
      guids: [{ guid, mapping: { media_type: "movie", tmdb_id: 59, tvdb_id: null } }],
    });
    if (await store.markAdded({ media_type: "movie", tmdb_id: 59 }, new Date(T0).toISOString(), guid))
      await store.listSubscriptions("alice");
  };
  await measure("webhook_first", webhook);
  await measure("webhook_repeat", webhook);
}

/** The same pages through the real app (demo catalogue), counted at the store. */
async function httpScenario(store: Store, measure: (name: string, run: () => Promise<unknown>) => Promise<void>) {
  const feedToken = "bench-feed-token";
  const t = await createTestApp({ store, config: { feedToken } });
  try {
    const token = t.login("alice");
    const ok = async (res: Promise<Response>) => {
      const r = await res;
      if (r.status !== 200) throw new Error(`${r.url || "request"} answered ${r.status}`);
      await r.arrayBuffer();
    };
    await measure("http_search", () => ok(t.request("/api/search", { method: "POST", json: { query: "the" }, token })));
    await measure("http_library_status", () => ok(t.request("/api/library-status", { token })));
    await measure("http_requests", () => ok(t.request("/api/requests", { token })));
    await measure("http_feed_radarr", () => ok(t.request(`/list/radarr?token=${feedToken}`)));
    await measure("http_feed_sonarr", () => ok(t.request(`/list/sonarr?token=${feedToken}`)));
  } finally {
    await t.close();
  }
}

export async function bench(): Promise<Figure[]> {
  const figures: Figure[] = [];

  // DynamoDB on dynalite, with every HTTP call's operation recorded.
  const ops: string[] = [];
  const table = await createDynaliteStore({
    fetch: async (input, init) => {
      const req = input instanceof Request ? input : new Request(input, init);
      ops.push(String(req.headers.get("x-amz-target")).split(".")[1] ?? "?");
      return fetch(req);
    },
  });
  try {
    const measure = async (name: string, run: () => Promise<unknown>) => {
      const from = ops.length;
      await run();
      const used = ops.slice(from);
      figures.push({ name: `store.dynamodb.${name}.round_trips`, value: used.length, unit: "calls" });
      const byOp = new Map<string, number>();
      for (const op of used) byOp.set(op, (byOp.get(op) ?? 0) + 1);
      console.log(`#   dynamodb ${name}: ${[...byOp].map(([op, n]) => `${n}×${op}`).join(", ")}`);
    };
    await scenario(table.store, measure);
    await httpScenario(table.store, measure);
    figures.push({ name: "store.dynamodb.scan_calls", value: ops.filter((op) => op === "Scan").length, unit: "calls" });
  } finally {
    await table.cleanup();
  }

  // SQLite (statements) for comparison.
  const dir = await mkdtemp(join(tmpdir(), "stellarr-bench-sqlite-"));
  const sqlite = createSqliteStore({ path: join(dir, "stellarr.db") });
  try {
    const measure = async (name: string, run: () => Promise<unknown>) => {
      const before = sqlite.stats.roundTrips;
      await run();
      figures.push({ name: `store.sqlite.${name}.round_trips`, value: sqlite.stats.roundTrips - before, unit: "statements" });
    };
    await scenario(sqlite, measure);
    await httpScenario(sqlite, measure);
  } finally {
    await sqlite.close();
    await rm(dir, { recursive: true, force: true });
  }
  return figures;
}
