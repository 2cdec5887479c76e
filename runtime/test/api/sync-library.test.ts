import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "@stellarr/testkit/app";
import { storeFactories } from "@stellarr/testkit/stores";
import {
  WEBHOOK_TOKEN,
  fakeCatalogue,
  libraryState,
  newRequest,
  plexForm,
  recordingNotifier,
  type FakeCatalogue,
  type RecordingNotifier,
} from "@stellarr/testkit/plex";

describe.each(storeFactories)("library sync ($name)", (factory) => {
  let t: TestApp;
  let catalogue: FakeCatalogue;
  let notifier: RecordingNotifier;
  let cleanup: () => Promise<void>;

  beforeEach(async () => {
    const made = await factory.create();
    cleanup = made.cleanup;
    catalogue = fakeCatalogue({
      "tvdb_id:81189": { tv_ids: [1396] },
      "tvdb_id:353546": { tv_ids: [82728] },
      "tvdb_id:20800": { movie_ids: [584] },
      "imdb_id:tt0133093": { movie_ids: [603] },
      "imdb_id:tt0903747": { tv_ids: [1396] },
    });
    notifier = recordingNotifier();
    t = await createTestApp({ store: made.store, catalogue, notifier, config: { webhookToken: WEBHOOK_TOKEN } });
  });
  afterEach(async () => cleanup());

  const sync = (query: string, body: unknown, token: string | null = WEBHOOK_TOKEN) =>
    t.request(`/sync/library?${query}${token === null ? "" : `&token=${token}`}`, { json: body });
  const commit = (query: string, token: string | null = WEBHOOK_TOKEN) =>
    t.request(`/sync/library/commit?${query}${token === null ? "" : `&token=${token}`}`, { method: "POST" });
  const ids = (...n: number[]) => n.map((tmdb_id) => ({ tmdb_id, title: `Title ${tmdb_id}` }));

  describe("auth and input", () => {
    it("token rules", async () => {
      expect((await sync("media_type=movie", [], null)).status).toBe(401);
      const wrong = await sync("media_type=movie", [], "nope");
      expect(wrong.status).toBe(401);
      expect(await wrong.json()).toMatchObject({ code: "invalid_token" });
      expect((await commit("media_type=movie&sync_id=a", null)).status).toBe(401);
      await cleanup();
      const made = await factory.create();
      cleanup = made.cleanup;
      t = await createTestApp({ store: made.store, config: { webhookToken: null } });
      const disabled = await sync("media_type=movie", []);
      expect(disabled.status).toBe(403);
      expect(await disabled.json()).toMatchObject({ code: "webhook_disabled" });
      expect((await commit("media_type=movie&sync_id=a")).status).toBe(403);
    });

    it("422 for a bad query", async () => {
      for (const q of [
        "",
        "media_type=music",
        "media_type=tv&mode=full",
        "media_type=tv&mode=full&sync_id=bad%20id",
        "media_type=tv&sync_id=abc",
        "media_type=tv&mode=partial&sync_id=a",
        "media_type=tv&notify=maybe",
        "media_type=tv&source=kodi",
        "media_type=tv&source=",
        "media_type=tv&source=Plex",
      ]) {
        const res = await sync(q, []);
        expect(res.status, q).toBe(422);
        expect((await res.json()).code).toBe("validation_failed");
      }
      expect((await commit("media_type=tv")).status).toBe(422);
      expect((await commit("media_type=tv&sync_id=" + "x".repeat(65))).status).toBe(422);
      expect((await commit("media_type=tv&sync_id=a&source=kodi")).status).toBe(422);
    });

    it("415 / 400 / 413 transport errors", async () => {
      const text = await t.request(`/sync/library?media_type=movie&token=${WEBHOOK_TOKEN}`, {
        method: "POST",
        body: "[]",
        headers: { "content-type": "text/plain" },
      });
      expect(text.status).toBe(415);
      const bad = await t.request(`/sync/library?media_type=movie&token=${WEBHOOK_TOKEN}`, {
        method: "POST",
        body: "[{",
        headers: { "content-type": "application/json" },
      });
      expect(bad.status).toBe(400);
      const huge = await sync("media_type=movie", [{ tmdb_id: 1, title: "x".repeat(2 * 1024 * 1024) }]);
      expect(huge.status).toBe(413);
    });

    it("bad batches → 422 naming the bad indexes, nothing written", async () => {
      await sync("media_type=movie", ids(1, 2));
      const before = await libraryState(t.store);
      const res = await sync("media_type=movie", [
        { tmdb_id: 3 },
        { tmdb_id: "4" },
        { title: "no ids" },
        "nope",
        { tmdb_id: 5, tvdb_id: -1 },
        { tmdb_id: 6, title: 7 },
        { tmdb_id: 1.5 },
        { tmdb_id: null, tvdb_id: null },
        { imdb_id: "0133093" },
        { imdb_id: 133093 },
        { imdb_id: null },
      ]);
      expect(res.status).toBe(422);
      const body = await res.json();
      expect(body.code).toBe("validation_failed");
      expect(body.errors.map((e: { path: unknown[] }) => e.path)).toEqual([
        [1, "tmdb_id"],
        [2],
        [3],
        [4, "tvdb_id"],
        [5, "title"],
        [6, "tmdb_id"],
        [7],
        [8, "imdb_id"],
        [9, "imdb_id"],
        [10],
      ]);
      expect(await libraryState(t.store)).toBe(before);

      const tooMany = await sync(
        "media_type=movie",
        Array.from({ length: 1001 }, (_, i) => ({ tmdb_id: i + 1 })),
      );
      expect(tooMany.status).toBe(422);
      expect((await sync("media_type=movie", { tmdb_id: 1 })).status).toBe(422);
      expect(await libraryState(t.store)).toBe(before);
    });
  });

  describe("incremental batches", () => {
    it("upserts, marks pending requests added and notifies their requesters", async () => {
      await t.store.insertRequest(newRequest("movie", 603, "The Matrix"));
      await t.store.insertRequest(newRequest("movie", 604, "The Matrix Reloaded"));
      const res = await sync("media_type=movie", [...ids(603, 550), { tmdb_id: 603, tvdb_id: null, title: "The Matrix" }]);
      expect(await res.json()).toEqual({
        status: "success",
        synced: 2,
        marked_as_added: 1,
        unresolved: [],
        media_type: "movie",
        source: "plex",
      });
      expect(await t.store.libraryIds("movie")).toEqual([550, 603]);
      expect((await t.store.getRequest({ media_type: "movie", tmdb_id: 603 }))?.added_at).not.toBeNull();
      expect((await t.store.getRequest({ media_type: "movie", tmdb_id: 604 }))?.added_at).toBeNull();
      expect(notifier.sent.map((f) => f.tmdb_id)).toEqual([603]);
      // Incremental batches only add: nothing is removed.
      await sync("media_type=movie", ids(1));
      expect(await t.store.libraryIds("movie")).toEqual([1, 550, 603]);
    });

    it("notify=false marks without notifying", async () => {
      await t.store.insertRequest(newRequest("tv", 1396, "Breaking Bad"));
      const res = await sync("media_type=tv&notify=false", ids(1396));
      expect(await res.json()).toMatchObject({ marked_as_added: 1 });
      expect(notifier.sent).toEqual([]);
    });

    it("TVDB-only items are resolved through /find; the rest are reported unresolved", async () => {
      const res = await sync("media_type=tv", [
        { tvdb_id: 81189, title: "Breaking Bad" },
        { tvdb_id: 999 },
        { tmdb_id: 82728, tvdb_id: 353546 },
        { tvdb_id: 81189 },
      ]);
      expect(await res.json()).toMatchObject({ synced: 2, unresolved: [1] });
      expect(await t.store.libraryIds("tv")).toEqual([1396, 82728]);
      // Each TVDB id is looked up once; items with a TMDB id never are.
      expect(catalogue.findCalls.sort()).toEqual(["tvdb_id:81189", "tvdb_id:999"]);
    });

    it("IMDb-only items are resolved through /find, after a TVDB id TMDB does not know", async () => {
      const res = await sync("media_type=movie", [
        { imdb_id: "tt0133093", title: "The Matrix" },
        { imdb_id: "tt9999999" },
        { tvdb_id: 31, imdb_id: "tt0133093" },
      ]);
      expect(await res.json()).toMatchObject({ synced: 1, unresolved: [1] });
      expect(await t.store.libraryIds("movie")).toEqual([603]);
      expect(catalogue.findCalls.sort()).toEqual(["imdb_id:tt0133093", "imdb_id:tt9999999", "tvdb_id:31"]);
    });

    it("an upstream failure while resolving → 502 and nothing written", async () => {
      catalogue.failFind = true;
      const before = await libraryState(t.store);
      const res = await sync("media_type=tv", [{ tmdb_id: 1 }, { tvdb_id: 81189 }]);
      expect(res.status).toBe(502);
      expect(await res.json()).toMatchObject({ code: "upstream_error" });
      expect(await libraryState(t.store)).toBe(before);
    });
  });

  describe("sources", () => {
    it("each source's full resync replaces only its own entries; a title is in library while any source has it", async () => {
      await t.store.insertRequest(newRequest("movie", 604, "The Matrix Reloaded"));
      expect(await (await sync("media_type=movie&mode=full&sync_id=p1", ids(1, 2))).json()).toMatchObject({ source: "plex" });
      expect((await commit("media_type=movie&sync_id=p1")).status).toBe(200);
      const jf = await sync("media_type=movie&mode=full&sync_id=j1&source=jellyfin", ids(2, 3, 604));
      expect(await jf.json()).toMatchObject({ synced: 3, source: "jellyfin" });
      // The sync id is Jellyfin's: committing it as Plex's (no source) is a conflict.
      expect((await commit("media_type=movie&sync_id=j1")).status).toBe(409);
      const done = await commit("media_type=movie&sync_id=j1&source=jellyfin");
      expect(await done.json()).toEqual({
        status: "success",
        media_type: "movie",
        source: "jellyfin",
        synced: 3,
        removed: 0,
        marked_as_added: 1,
      });
      expect(notifier.sent.map((f) => f.tmdb_id)).toEqual([604]);
      // A Plex resync of the same title set without 1 keeps Jellyfin's 3 and 604.
      await sync("media_type=movie&mode=full&sync_id=p2", ids(2));
      expect(await (await commit("media_type=movie&sync_id=p2")).json()).toMatchObject({ source: "plex", synced: 1, removed: 1 });
      expect(await t.store.libraryIds("movie")).toEqual([2, 3, 604]);
      const status = (await (await t.request("/api/library-status", { token: t.login() })).json()) as { library: { movie: number[] } };
      expect(status.library.movie).toEqual([2, 3, 604]);
      // And an emptied Jellyfin library leaves Plex's.
      await sync("media_type=movie&mode=full&sync_id=j2&source=jellyfin", []);
      await commit("media_type=movie&sync_id=j2&source=jellyfin&allow_empty=true");
      expect(await t.store.libraryIds("movie")).toEqual([2]);
    });

    it("incremental batches write to the named source", async () => {
      await sync("media_type=tv&source=emby", ids(1396));
      expect(await t.store.libraryIds("tv", "emby")).toEqual([1396]);
      expect(await t.store.libraryIds("tv", "plex")).toEqual([]);
    });
  });

  describe("full resync", () => {
    it("switches to exactly the synced set at commit; marks and notifies at commit, not per batch", async () => {
      await sync("media_type=movie", ids(1, 2, 3));
      await t.store.insertRequest(newRequest("movie", 10, "Ten"));
      expect((await sync("media_type=movie&mode=full&sync_id=run-1", [])).status).toBe(200);
      const b1 = await sync("media_type=movie&mode=full&sync_id=run-1", ids(2, 10));
      expect(await b1.json()).toEqual({
        status: "success",
        synced: 2,
        marked_as_added: 0,
        unresolved: [],
        media_type: "movie",
        source: "plex",
      });
      await sync("media_type=movie&mode=full&sync_id=run-1", ids(11, 12));
      // Until commit, readers see the old library and the request stays pending.
      expect(await t.store.libraryIds("movie")).toEqual([1, 2, 3]);
      expect((await t.store.getRequest({ media_type: "movie", tmdb_id: 10 }))?.added_at).toBeNull();
      expect(notifier.sent).toEqual([]);

      const res = await commit("media_type=movie&sync_id=run-1");
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({
        status: "success",
        media_type: "movie",
        source: "plex",
        synced: 4,
        removed: 2,
        marked_as_added: 1,
      });
      expect(await t.store.libraryIds("movie")).toEqual([2, 10, 11, 12]);
      expect(notifier.sent.map((f) => f.tmdb_id)).toEqual([10]);

      // Idempotent commit: same answer, nothing changes, nobody is notified twice.
      const state = await libraryState(t.store);
      const again = await commit("media_type=movie&sync_id=run-1");
      expect(again.status).toBe(200);
      expect(await again.json()).toEqual({
        status: "success",
        media_type: "movie",
        source: "plex",
        synced: 4,
        removed: 2,
        marked_as_added: 0,
      });
      expect(await libraryState(t.store)).toBe(state);
      expect(notifier.sent).toHaveLength(1);

      // A batch for a committed sync_id is a conflict.
      const late = await sync("media_type=movie&mode=full&sync_id=run-1", ids(99));
      expect(late.status).toBe(409);
      expect(await late.json()).toMatchObject({ code: "sync_conflict" });
    });

    it("404 unknown sync_id; 422 empty unless allow_empty; 409 other media type; 409 stale", async () => {
      expect(await (await commit("media_type=tv&sync_id=never")).json()).toMatchObject({ code: "unknown_sync" });

      await sync("media_type=tv", ids(5));
      await sync("media_type=tv&mode=full&sync_id=empty-1", []);
      const empty = await commit("media_type=tv&sync_id=empty-1");
      expect(empty.status).toBe(422);
      expect(await empty.json()).toMatchObject({ code: "empty_sync" });
      expect(await t.store.libraryIds("tv")).toEqual([5]);
      const allowed = await commit("media_type=tv&sync_id=empty-1&allow_empty=true");
      expect(await allowed.json()).toMatchObject({ synced: 0, removed: 1 });
      expect(await t.store.libraryIds("tv")).toEqual([]);

      await sync("media_type=movie&mode=full&sync_id=m-1", ids(1));
      expect((await sync("media_type=tv&mode=full&sync_id=m-1", ids(1))).status).toBe(409);
      expect((await commit("media_type=tv&sync_id=m-1")).status).toBe(409);

      // Two resyncs: the newer (by first batch) commits first; the older one is then stale.
      await sync("media_type=movie&mode=full&sync_id=old", ids(1));
      await sync("media_type=movie&mode=full&sync_id=new", ids(2));
      expect((await commit("media_type=movie&sync_id=new")).status).toBe(200);
      const stale = await commit("media_type=movie&sync_id=old");
      expect(stale.status).toBe(409);
      expect(await stale.json()).toMatchObject({ code: "sync_conflict" });
      expect(await t.store.libraryIds("movie")).toEqual([2]);
    });

    it("webhook upserts during an open resync land in it", async () => {
      await sync("media_type=movie&mode=full&sync_id=wh", ids(1));
      const res = await t.request(`/webhook/plex?token=${WEBHOOK_TOKEN}`, {
        method: "POST",
        body: plexForm({
          event: "library.new",
          Metadata: { type: "movie", title: "The Matrix", guid: "plex://movie/m", Guid: [{ id: "tmdb://603" }] },
        }),
      });
      expect(await res.json()).toMatchObject({ tmdb_id: 603 });
      expect(await t.store.libraryIds("movie")).toEqual([603]);
      await commit("media_type=movie&sync_id=wh");
      expect(await t.store.libraryIds("movie")).toEqual([1, 603]);
    });

    it("an abandoned resync changes nothing and expires after 24 h", async () => {
      await sync("media_type=movie", ids(7));
      await sync("media_type=movie&mode=full&sync_id=abandoned", ids(8));
      expect(await t.store.libraryIds("movie")).toEqual([7]);
      t.clock.advance(25 * 3600 * 1000);
      expect((await commit("media_type=movie&sync_id=abandoned")).status).toBe(404);
      expect(await t.store.libraryIds("movie")).toEqual([7]);
    });

    it("concurrent readers (polling GET /api/library-status) only ever see the old or the new library", async () => {
      const oldSet = Array.from({ length: 300 }, (_, i) => i + 1);
      for (let i = 0; i < oldSet.length; i += 100) await sync("media_type=tv", ids(...oldSet.slice(i, i + 100)));
      const newSet = Array.from({ length: 2000 }, (_, i) => i + 200);
      const seen = new Set<string>();
      let running = true;
      const reader = (async () => {
        let reads = 0;
        const session = t.login();
        while (running || reads < 3) {
          // What the app serves readers: GET /api/library-status.
          const res = await t.request("/api/library-status", { token: session });
          expect(res.status).toBe(200);
          const now = ((await res.json()) as { library: { tv: number[] } }).library.tv;
          reads++;
          const key =
            now.length === oldSet.length && now[0] === 1
              ? "old"
              : now.length === newSet.length && now[0] === 200
                ? "new"
                : `other:${now.length}`;
          seen.add(key);
          if (key.startsWith("other")) break;
          await new Promise((r) => setImmediate(r));
        }
      })();
      for (let i = 0; i < newSet.length; i += 500) {
        const res = await sync("media_type=tv&mode=full&sync_id=big", ids(...newSet.slice(i, i + 500)));
        expect(res.status).toBe(200);
      }
      expect((await commit("media_type=tv&sync_id=big")).status).toBe(200);
      running = false;
      await reader;
      expect([...seen].filter((k) => k.startsWith("other"))).toEqual([]);
      expect(seen.has("old")).toBe(true);
      expect(await t.store.libraryIds("tv")).toEqual(newSet);
    });
  });
});
