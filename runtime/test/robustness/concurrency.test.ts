/**
 * Hundreds of concurrent creations, deletions, webhooks and sync batches on the same and on
 * different titles, through the real app on each store: afterwards the store must be consistent
 * (one request per title, counts that match the rows, cursors that page through every row once,
 * a sorted duplicate-free library, and no fulfilled request whose title is missing from it).
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CatalogueItem } from "../../src/ports/catalogue.js";
import type { StoredRequest } from "../../src/ports/store/index.js";
import { plexForm } from "@stellarr/testkit/plex";
import { createTestApp, type TestApp } from "@stellarr/testkit/app";
import { storeFactories } from "@stellarr/testkit/stores";

const WEBHOOK_TOKEN = "robustness-webhook-token";

function webhook(t: TestApp, item: CatalogueItem): Promise<Response> {
  const body = plexForm({
    event: "library.new",
    Server: { title: "Home" },
    Metadata: {
      type: item.media_type === "tv" ? "show" : "movie",
      title: item.title,
      guid: `plex://${item.media_type}/${item.id}`,
      Guid: [{ id: `tmdb://${item.id}` }],
    },
  });
  return t.request(`/webhook/plex?token=${WEBHOOK_TOKEN}`, { method: "POST", body });
}

describe.each(storeFactories)("concurrent writes keep the store consistent ($name)", (factory) => {
  let t: TestApp;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    const made = await factory.create();
    cleanup = made.cleanup;
    t = await createTestApp({ store: made.store, config: { webhookToken: WEBHOOK_TOKEN } });
  });
  afterEach(async () => {
    await t.close();
    await cleanup();
  });

  it("survives a storm of creations, deletions, webhooks and sync batches", async () => {
    const titles = [...(await t.deps.catalogue.trending("movie", 1, "en")), ...(await t.deps.catalogue.trending("tv", 1, "en"))].slice(
      0,
      24,
    );
    expect(titles.length).toBeGreaterThanOrEqual(12);
    const hot = titles.slice(0, 4); // contended by everyone
    const names = ["ann", "bob", "cy", "dee"];
    const ops: (() => Promise<Response>)[] = [];
    for (let round = 0; round < 6; round++) {
      for (const [i, item] of titles.entries()) {
        const token = t.login(names[(i + round) % names.length]);
        const body = { tmdb_id: item.id, media_type: item.media_type };
        ops.push(() => t.request("/api/request", { json: body, token }));
        if (round % 2 === 1) ops.push(() => t.request(`/api/request/${item.media_type}/${item.id}`, { method: "DELETE", token }));
        if (i % 3 === round % 3) ops.push(() => webhook(t, item));
      }
      for (const item of hot) {
        ops.push(() => t.request("/api/request", { json: { tmdb_id: item.id, media_type: item.media_type }, token: t.login("zed") }));
        ops.push(() => webhook(t, item));
      }
      const batch = titles.filter((_, i) => i % 4 === round % 4);
      for (const type of ["movie", "tv"] as const) {
        const items = batch.filter((x) => x.media_type === type).map((x) => ({ tmdb_id: x.id, title: x.title }));
        ops.push(() => t.request(`/sync/library?media_type=${type}&token=${WEBHOOK_TOKEN}`, { json: items }));
      }
    }
    // Shuffle deterministically, then run them all at once.
    const order = ops.map((op, i) => ({ op, k: (i * 7919) % ops.length })).sort((a, b) => a.k - b.k);
    expect(order.length).toBeGreaterThan(200);
    const statuses = await Promise.all(order.map(({ op }) => op().then((r) => r.status)));
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(new Set(statuses).size).toBeGreaterThan(1);

    const all = await t.store.allRequests();
    const keys = all.map((r) => `${r.media_type}:${r.tmdb_id}`);
    expect(new Set(keys).size).toBe(keys.length);

    const counts = await t.store.countRequests();
    for (const type of ["movie", "tv"] as const) {
      const rows = all.filter((r) => r.media_type === type);
      expect(counts[type]).toEqual({ pending: rows.filter((r) => !r.added_at).length, added: rows.filter((r) => r.added_at).length });
    }

    const paged: StoredRequest[] = [];
    let cursor: string | undefined;
    do {
      const page = await t.store.listRequests({ limit: 7, cursor });
      paged.push(...page.requests);
      cursor = page.next_cursor ?? undefined;
    } while (cursor);
    expect(paged.map((r) => r.seq)).toEqual(all.map((r) => r.seq));

    for (const type of ["movie", "tv"] as const) {
      const ids = await t.store.libraryIds(type);
      expect(ids).toEqual([...new Set(ids)].sort((a, b) => a - b));
      for (const r of all.filter((x) => x.media_type === type && x.added_at)) expect(ids).toContain(r.tmdb_id);
    }

    // The API agrees with the store.
    const status = await (await t.request("/api/library-status", { token: t.login() })).json();
    expect(status.library.movie).toEqual(await t.store.libraryIds("movie"));
    expect(status.requests.map((r: { tmdb_id: number }) => r.tmdb_id).sort()).toEqual(
      all
        .filter((r) => !r.added_at)
        .map((r) => r.tmdb_id)
        .sort(),
    );
  });
});
