/**
 * POST /webhook/jellyfin and POST /webhook/emby on both stores: every item type, both content
 * types (Emby: JSON, multipart and URL-encoded), missing ids, other notification types, tokens,
 * foreign server ids, the source each writes to, and the round-trip budget of product.md §5.1.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "@stellarr/testkit/app";
import { storeFactories } from "@stellarr/testkit/stores";
import { JELLYFIN_TEST_SERVER_ID, jellyfinBody, jellyfinSendAllProperties } from "@stellarr/testkit/fakes/jellyfin-webhook";
import { EMBY_TEST_SERVER_ID, embyForm, embyUrlEncoded, embyWebhook } from "@stellarr/testkit/fakes/emby-webhook";
import {
  WEBHOOK_TOKEN,
  fakeCatalogue,
  libraryState,
  newRequest,
  recordingNotifier,
  type FakeCatalogue,
  type RecordingNotifier,
} from "@stellarr/testkit/plex";

const BREAKING_BAD = { name: "Breaking Bad", year: 2008 };

describe.each(storeFactories)("media-server webhooks ($name)", (factory) => {
  let t: TestApp;
  let catalogue: FakeCatalogue;
  let notifier: RecordingNotifier;
  let cleanup: () => Promise<void>;

  async function setup(config: NonNullable<Parameters<typeof createTestApp>[0]>["config"] = {}) {
    const made = await factory.create();
    cleanup = made.cleanup;
    catalogue = fakeCatalogue({
      "imdb_id:tt0133093": { movie_ids: [603] },
      "tvdb_id:81189": { tv_ids: [1396] },
      "tvdb_id:349232": { episode_show_ids: [1396] },
      "imdb_id:tt0959621": { episode_show_ids: [1396] },
    });
    notifier = recordingNotifier(() => t.store);
    t = await createTestApp({ store: made.store, catalogue, notifier, config: { webhookToken: WEBHOOK_TOKEN, ...config } });
  }
  beforeEach(async () => setup());
  afterEach(async () => cleanup());

  const url = (kind: "jellyfin" | "emby", token: string | null = WEBHOOK_TOKEN) =>
    `/webhook/${kind}${token === null ? "" : `?token=${encodeURIComponent(token)}`}`;
  const jellyfin = (data: unknown, opts: { token?: string | null; type?: string; raw?: string } = {}) =>
    t.request(url("jellyfin", opts.token), {
      method: "POST",
      body: opts.raw ?? jellyfinBody(data as Record<string, unknown>),
      headers: { "content-type": opts.type ?? "text/plain; charset=utf-8" },
    });
  const emby = (data: unknown, as: "json" | "multipart" | "urlencoded" = "json", token: string | null = WEBHOOK_TOKEN) =>
    t.request(url("emby", token), {
      method: "POST",
      ...(as === "json"
        ? { body: JSON.stringify(data), headers: { "content-type": "application/json" } }
        : { body: as === "multipart" ? embyForm(data) : embyUrlEncoded(data) }),
    });

  const jfMovie = (providerIds: Record<string, string>) =>
    jellyfinSendAllProperties("ItemAdded", { type: "Movie", name: "The Matrix", year: 1999, providerIds });

  describe("Jellyfin", () => {
    it("a movie by its TMDB id, as text/plain and as application/json; written to the jellyfin library only", async () => {
      await t.store.insertRequest(newRequest("movie", 603, "The Matrix"));
      const res = await jellyfin(jfMovie({ Tmdb: "603", Imdb: "tt0133093" }));
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({
        status: "success",
        title: "The Matrix",
        media_type: "movie",
        item_type: "movie",
        plex_type: "movie",
        tmdb_id: 603,
        matched_by: "tmdb",
        added_to_library: true,
        matched_request: true,
        notification_sent: true,
      });
      expect(await t.store.libraryIds("movie", "jellyfin")).toEqual([603]);
      expect(await t.store.libraryIds("movie", "plex")).toEqual([]);
      expect((await t.store.getRequest({ media_type: "movie", tmdb_id: 603 }))?.plex_guid).toBeNull();
      expect(notifier.sent.map((n) => n.tmdb_id)).toEqual([603]);
      const again = await jellyfin(jfMovie({ Tmdb: "603" }), { type: "application/json" });
      expect(await again.json()).toMatchObject({ status: "success", tmdb_id: 603, matched_request: false });
      expect(notifier.sent).toHaveLength(1);
    });

    it("a movie by its IMDb id alone (TMDB /find)", async () => {
      expect(await (await jellyfin(jfMovie({ Imdb: "tt0133093" }))).json()).toMatchObject({ tmdb_id: 603, matched_by: "tmdb" });
      expect(catalogue.findCalls).toEqual(["imdb_id:tt0133093"]);
    });

    it("a series by its TVDB id; a season and an episode through the episode chain, then series name + year", async () => {
      const series = jellyfinSendAllProperties("ItemAdded", { type: "Series", ...BREAKING_BAD, providerIds: { Tvdb: "81189" } });
      expect(await (await jellyfin(series)).json()).toMatchObject({ item_type: "show", media_type: "tv", tmdb_id: 1396 });
      await cleanup();
      await setup();
      const episode = jellyfinSendAllProperties("ItemAdded", {
        type: "Episode",
        name: "Pilot",
        providerIds: { Tvdb: "349232", Tmdb: "62085" },
        series: { name: "Breaking Bad", year: 2008 },
        seasonNumber: 1,
        episodeNumber: 1,
      });
      expect(await (await jellyfin(episode)).json()).toMatchObject({
        item_type: "episode",
        title: "Breaking Bad",
        tmdb_id: 1396,
        matched_by: "episode_lookup",
      });
      // The episode's own TMDB id (an episode id) is never looked up.
      expect(catalogue.findCalls).toEqual(["tvdb_id:349232"]);
      // A season without ids: the title fallback over the pending requests (series name and year).
      await cleanup();
      await setup();
      await t.store.insertRequest(newRequest("tv", 1396, "Breaking Bad", { year: 2008 }));
      const season = jellyfinSendAllProperties("ItemAdded", { type: "Season", name: "Season 2", series: BREAKING_BAD, seasonNumber: 2 });
      expect(await (await jellyfin(season)).json()).toMatchObject({
        status: "success",
        item_type: "season",
        tmdb_id: 1396,
        matched_by: "title",
        matched_request: true,
      });
      expect(await t.store.libraryIds("tv", "jellyfin")).toEqual([1396]);
    });

    it("no id that leads to a title → 200 unresolved, nothing written", async () => {
      const before = await libraryState(t.store);
      const res = await jellyfin(jfMovie({}));
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ status: "unresolved", tmdb_id: null, added_to_library: false });
      expect(await (await jellyfin(jfMovie({ Imdb: "tt7777777" }))).json()).toMatchObject({ status: "unresolved" });
      expect(await libraryState(t.store)).toBe(before);
    });

    it("other notification types and item kinds → 200 ignored with a reason", async () => {
      const before = await libraryState(t.store);
      const playback = await jellyfin(
        jellyfinSendAllProperties("PlaybackStart", { type: "Movie", name: "X", providerIds: { Tmdb: "603" } }),
      );
      expect(await playback.json()).toEqual({ status: "ignored", reason: "Notification type 'PlaybackStart' not processed" });
      const audio = await jellyfin(jellyfinSendAllProperties("ItemAdded", { type: "Audio", name: "Song" }));
      expect(await audio.json()).toEqual({ status: "ignored", reason: "Unsupported item type 'Audio'" });
      expect(await libraryState(t.store)).toBe(before);
    });

    it("400 for a body that is not JSON, 422 for JSON that is not an object or has the wrong shape, 415 for other types", async () => {
      expect((await jellyfin(null, { raw: "{not json" })).status).toBe(400);
      expect(await (await jellyfin(null, { raw: "{not json" })).json()).toMatchObject({ code: "invalid_json" });
      for (const raw of ["[]", "42", '"ItemAdded"', '{"NotificationType": 5}']) {
        const res = await jellyfin(null, { raw });
        expect(res.status, raw).toBe(422);
        expect((await res.json()).code).toBe("validation_failed");
      }
      expect((await jellyfin(jfMovie({ Tmdb: "603" }), { type: "application/xml" })).status).toBe(415);
    });

    it("tokens: missing → 401, wrong → 401 invalid_token, unset on the server → 403", async () => {
      expect((await jellyfin(jfMovie({ Tmdb: "603" }), { token: null })).status).toBe(401);
      const wrong = await jellyfin(jfMovie({ Tmdb: "603" }), { token: "nope" });
      expect(wrong.status).toBe(401);
      expect(await wrong.json()).toMatchObject({ code: "invalid_token" });
      expect(await t.store.libraryIds("movie")).toEqual([]);
      await cleanup();
      await setup({ webhookToken: null });
      expect((await jellyfin(jfMovie({ Tmdb: "603" }))).status).toBe(403);
    });

    it("JELLYFIN_SERVER_ID: another server's events are ignored; the id compares without case or dashes", async () => {
      await cleanup();
      await setup({ jellyfinServerId: JELLYFIN_TEST_SERVER_ID.toUpperCase().replace(/^(.{8})(.{4})/, "$1-$2-") });
      expect(await (await jellyfin(jfMovie({ Tmdb: "603" }))).json()).toMatchObject({ status: "success" });
      const foreign = jellyfinSendAllProperties(
        "ItemAdded",
        { type: "Movie", name: "M", providerIds: { Tmdb: "604" } },
        { id: "0".repeat(32) },
      );
      expect(await (await jellyfin(foreign)).json()).toEqual({ status: "ignored", reason: "Server id mismatch" });
      expect(await t.store.libraryIds("movie")).toEqual([603]);
    });

    it("within 6 store round trips on the episode path with a flip and a push; a repeat costs at most 3", async () => {
      await t.store.insertRequest(newRequest("tv", 1396, "Breaking Bad"));
      const episode = jellyfinSendAllProperties("ItemAdded", {
        type: "Episode",
        name: "Pilot",
        providerIds: { Tvdb: "349232" },
        series: BREAKING_BAD,
        seasonNumber: 1,
        episodeNumber: 1,
      });
      let before = t.store.stats.roundTrips;
      expect(await (await jellyfin(episode)).json()).toMatchObject({ matched_request: true, notification_sent: true });
      expect(t.store.stats.roundTrips - before).toBeLessThanOrEqual(6);
      before = t.store.stats.roundTrips;
      await jellyfin(episode);
      expect(t.store.stats.roundTrips - before).toBeLessThanOrEqual(3);
      // The series' cache key made the repeat skip the upstream lookup.
      expect(catalogue.findCalls).toEqual(["tvdb_id:349232"]);
    });
  });

  describe("Emby", () => {
    const movie = embyWebhook("library.new", { type: "Movie", name: "The Matrix", year: 1999, providerIds: { Tmdb: "603" } });

    it("library.new as JSON, multipart (data part) and URL-encoded; written to the emby library", async () => {
      for (const as of ["json", "multipart", "urlencoded"] as const) {
        const res = await emby(movie, as);
        expect(res.status, as).toBe(200);
        expect(await res.json()).toMatchObject({ status: "success", item_type: "movie", tmdb_id: 603 });
      }
      expect(await t.store.libraryIds("movie", "emby")).toEqual([603]);
      expect(await t.store.libraryIds("movie", "jellyfin")).toEqual([]);
    });

    it("series, season and episode (episode ids through the chain; ProviderIds capitalised, values strings)", async () => {
      const series = embyWebhook("library.new", { type: "Series", ...BREAKING_BAD, providerIds: { Tvdb: "81189", Imdb: "tt0903747" } });
      expect(await (await emby(series)).json()).toMatchObject({ item_type: "show", tmdb_id: 1396, matched_by: "tvdb" });
      const episode = embyWebhook(
        "library.new",
        {
          type: "Episode",
          name: "Pilot",
          providerIds: { Imdb: "tt0959621" },
          seriesName: "Breaking Bad",
          seasonNumber: 1,
          episodeNumber: 1,
        },
        {},
      );
      expect(await (await emby(episode, "multipart")).json()).toMatchObject({ item_type: "episode", tmdb_id: 1396 });
      await t.store.insertRequest(newRequest("tv", 1399, "Game of Thrones"));
      const season = embyWebhook("library.new", { type: "Season", name: "Season 1", seriesName: "Game of Thrones", seasonNumber: 1 });
      expect(await (await emby(season)).json()).toMatchObject({ item_type: "season", tmdb_id: 1399, matched_by: "title" });
      expect(await t.store.libraryIds("tv", "emby")).toEqual([1396, 1399]);
    });

    it("other events → ignored; foreign server (EMBY_SERVER_ID) → ignored; no ids → unresolved", async () => {
      expect(await (await emby(embyWebhook("playback.start", null))).json()).toMatchObject({ status: "ignored" });
      expect(await (await emby(embyWebhook("library.new", { type: "Movie", name: "No ids" }))).json()).toMatchObject({
        status: "unresolved",
      });
      await cleanup();
      await setup({ embyServerId: EMBY_TEST_SERVER_ID });
      expect(await (await emby(movie)).json()).toMatchObject({ status: "success" });
      const foreign = embyWebhook("library.new", { type: "Movie", name: "M", providerIds: { Tmdb: "604" } }, { id: "someone-else" });
      expect(await (await emby(foreign, "multipart")).json()).toEqual({ status: "ignored", reason: "Server id mismatch" });
    });

    it("transport: 400 not JSON / no data part, 422 not an object, 415 other types, 401 without the token", async () => {
      const form = new FormData();
      form.set("other", "x");
      expect((await t.request(url("emby"), { method: "POST", body: form })).status).toBe(400);
      expect((await t.request(url("emby"), { method: "POST", body: embyForm(null, { raw: "{nope" }) })).status).toBe(400);
      expect((await emby([1, 2])).status).toBe(422);
      const xml = await t.request(url("emby"), { method: "POST", body: "<x/>", headers: { "content-type": "application/xml" } });
      expect(xml.status).toBe(415);
      expect((await emby(movie, "json", null)).status).toBe(401);
      expect((await emby(movie, "json", "wrong")).status).toBe(401);
    });
  });
});
