import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "@stellarr/testkit/app";
import { storeFactories } from "@stellarr/testkit/stores";
import {
  WEBHOOK_TOKEN,
  fakeCatalogue,
  libraryState,
  newRequest,
  plexFixture,
  plexForm,
  recordingNotifier,
  type FakeCatalogue,
  type RecordingNotifier,
} from "@stellarr/testkit/plex";

const BLUEY_SHOW_GUID = "plex://show/5d9c090e705e7a001e6e94d8";

describe.each(storeFactories)("POST /webhook/plex ($name)", (factory) => {
  let t: TestApp;
  let catalogue: FakeCatalogue;
  let notifier: RecordingNotifier;
  let cleanup: () => Promise<void>;

  async function setup(config: Parameters<typeof createTestApp>[0] = {}) {
    const made = await factory.create();
    cleanup = made.cleanup;
    catalogue = fakeCatalogue({
      "tvdb_id:8031280": { episode_show_ids: [82728] },
      "tvdb_id:94571": { tv_ids: [18347] },
      "tvdb_id:81189": { tv_ids: [1429] },
      "imdb_id:tt2283336": { movie_ids: [479455] },
    });
    notifier = recordingNotifier(() => t.store);
    t = await createTestApp({ store: made.store, catalogue, notifier, config: { webhookToken: WEBHOOK_TOKEN, ...config.config } });
  }
  beforeEach(async () => setup());
  afterEach(async () => {
    await cleanup();
  });

  const send = (payload: unknown, opts: { token?: string | null; thumbBytes?: number; raw?: string } = {}) => {
    const token = opts.token === undefined ? WEBHOOK_TOKEN : opts.token;
    const q = token === null ? "" : `?token=${encodeURIComponent(token)}`;
    return t.request(`/webhook/plex${q}`, { method: "POST", body: plexForm(payload, opts) });
  };
  const libraryNew = (name: string, patch: (p: any) => void = () => {}) => {
    const p = plexFixture(name);
    p.event = "library.new";
    patch(p);
    return p;
  };

  describe("tokens and transport", () => {
    it("401 unauthorized without a token, 401 invalid_token with a wrong one", async () => {
      const payload = plexFixture("library.new_episode_plex-agent.json");
      const missing = await send(payload, { token: null });
      expect(missing.status).toBe(401);
      expect(await missing.json()).toMatchObject({ code: "unauthorized" });
      const wrong = await send(payload, { token: WEBHOOK_TOKEN + "x" });
      expect(wrong.status).toBe(401);
      expect(await wrong.json()).toMatchObject({ code: "invalid_token" });
      expect((await send(payload, { token: "" })).status).toBe(401);
    });

    it("403 webhook_disabled when PLEX_WEBHOOK_TOKEN is unset", async () => {
      await cleanup();
      const made = await factory.create();
      cleanup = made.cleanup;
      t = await createTestApp({ store: made.store, config: { webhookToken: null } });
      const res = await send(plexFixture("library.new_episode_plex-agent.json"));
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ code: "webhook_disabled" });
    });

    it("415 for other content types, 400 without a payload part or with invalid JSON, 413 over 4 MB", async () => {
      const text = await t.request(`/webhook/plex?token=${WEBHOOK_TOKEN}`, {
        method: "POST",
        body: "x",
        headers: { "content-type": "text/plain" },
      });
      expect(text.status).toBe(415);
      const form = new FormData();
      form.set("other", "x");
      const noPayload = await t.request(`/webhook/plex?token=${WEBHOOK_TOKEN}`, { method: "POST", body: form });
      expect(noPayload.status).toBe(400);
      expect(await noPayload.json()).toMatchObject({ code: "missing_payload" });
      const bad = await send(null, { raw: "{not json" });
      expect(bad.status).toBe(400);
      expect(await bad.json()).toMatchObject({ code: "invalid_json" });
      const big = await send(plexFixture("library.new_episode_plex-agent.json"), { thumbBytes: 4 * 1024 * 1024 + 1 });
      expect(big.status).toBe(413);
    });

    it("a thumb part is skipped", async () => {
      const res = await send(plexFixture("library.new_episode_plex-agent.json"), { thumbBytes: 200_000 });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ status: "success", tmdb_id: 82728 });
    });

    it("accepts a bare application/json payload too", async () => {
      const res = await t.request(`/webhook/plex?token=${WEBHOOK_TOKEN}`, { json: plexFixture("library.new_episode_plex-agent.json") });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ status: "success", matched_by: "episode_lookup" });
    });

    it("422 for non-object JSON and wrong-shaped Metadata", async () => {
      for (const raw of ["[]", "5", "null", '"x"']) {
        const res = await send(null, { raw });
        expect(res.status).toBe(422);
      }
      const res = await send({ event: "library.new", Metadata: { type: "movie", year: "2001", Guid: "tmdb://1" } });
      expect(res.status).toBe(422);
      const body = await res.json();
      expect(body.code).toBe("validation_failed");
      expect(body.errors.map((e: { path: unknown[] }) => e.path)).toEqual([
        ["Metadata", "year"],
        ["Metadata", "Guid"],
      ]);
      expect((await send({ event: "library.new" })).status).toBe(422);
      expect((await send({ event: 7 })).status).toBe(422);
    });

    it("422 naming the field for a title over 500 characters, and writes nothing", async () => {
      const long = `Bluey${" ".repeat(600)}(2018)`;
      const before = await libraryState(t.store);
      for (const field of ["title", "grandparentTitle"]) {
        const res = await send(libraryNew("library.new_episode_plex-agent.json", (p) => (p.Metadata[field] = long)));
        expect(res.status).toBe(422);
        expect((await res.json()).errors).toEqual([{ path: ["Metadata", field], message: "At most 500 characters" }]);
      }
      expect(await libraryState(t.store)).toBe(before);
      const ok = await send(libraryNew("library.new_episode_plex-agent.json", (p) => (p.Metadata.grandparentTitle = "B".repeat(500))));
      expect(ok.status).toBe(200);
    });
  });

  describe("the real fixtures", () => {
    it("library.new episode (Plex agent): resolved only through /find of the episode TVDB id, request flipped, push sent", async () => {
      await t.store.insertRequest(newRequest("tv", 82728, "Bluey", { year: 2018 }));
      const res = await send(plexFixture("library.new_episode_plex-agent.json"));
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({
        status: "success",
        title: "Bluey",
        media_type: "tv",
        item_type: "episode",
        plex_type: "episode",
        tmdb_id: 82728,
        matched_by: "episode_lookup",
        added_to_library: true,
        matched_request: true,
        notification_sent: true,
      });
      expect(await t.store.libraryIds("tv")).toEqual([82728]);
      expect(await t.store.getGuid(BLUEY_SHOW_GUID)).toEqual({ media_type: "tv", tmdb_id: 82728, tvdb_id: null });
      const req = await t.store.getRequest({ media_type: "tv", tmdb_id: 82728 });
      expect(req?.added_at).toBe(new Date(t.clock.now()).toISOString());
      expect(req?.plex_guid).toBe(BLUEY_SHOW_GUID);
      expect(notifier.sent).toEqual([
        { media_type: "tv", tmdb_id: 82728, title: "Bluey", year: 2018, poster_path: null, requested_by: "alice" },
      ]);
      // The episode-level TMDB id never reached the library.
      expect(await t.store.libraryIds("tv")).not.toContain(2499236);
    });

    it.each([
      ["media.pause_movie_plex-agent.json", "Event type 'media.pause' not processed"],
      ["media.play_movie_legacy-imdb-agent.json", "Event type 'media.play' not processed"],
      ["media.pause_episode_legacy-thetvdb-agent.reconstructed.json", "Event type 'media.pause' not processed"],
      ["media.play_track_plex-support-article-example.json", "Event type 'media.play' not processed"],
    ])("%s is ignored", async (name, reason) => {
      const before = await libraryState(t.store);
      const res = await send(plexFixture(name));
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: "ignored", reason });
      expect(await libraryState(t.store)).toBe(before);
    });

    it("the track as library.new is an unsupported media type", async () => {
      const res = await send(libraryNew("media.play_track_plex-support-article-example.json"));
      expect(await res.json()).toEqual({ status: "ignored", reason: "Unsupported media type" });
    });

    it("the legacy IMDb-agent movie as library.new resolves through /find", async () => {
      const res = await send(libraryNew("media.play_movie_legacy-imdb-agent.json"));
      expect(await res.json()).toMatchObject({ status: "success", media_type: "movie", tmdb_id: 479455, matched_by: "tmdb" });
      expect(await t.store.libraryIds("movie")).toEqual([479455]);
    });

    it("legacy TheTVDB-agent episode (no grandparentGuid): series id → /find", async () => {
      await t.store.insertRequest(newRequest("tv", 18347, "Community"));
      const res = await send(libraryNew("media.pause_episode_legacy-thetvdb-agent.reconstructed.json"));
      expect(await res.json()).toMatchObject({ tmdb_id: 18347, matched_by: "tvdb", matched_request: true });
      expect(await t.store.libraryIds("tv")).toEqual([18347]);
    });

    it("the Plex-agent movie as library.new resolves by its own TMDB id", async () => {
      await t.store.insertRequest(newRequest("movie", 584, "2 Fast 2 Furious", { year: 2003 }));
      const res = await send(libraryNew("media.pause_movie_plex-agent.json"));
      expect(await res.json()).toMatchObject({ tmdb_id: 584, matched_by: "tmdb", matched_request: true });
      expect(await t.store.getGuid("plex://movie/123")).toEqual({ media_type: "movie", tmdb_id: 584, tvdb_id: null });
    });

    it("the Plex-agent movie without Guid[] matches a pending request by title and year", async () => {
      await t.store.insertRequest(newRequest("movie", 584, "2 FAST 2 FURIOUS", { year: 2003 }));
      const res = await send(libraryNew("media.pause_movie_plex-agent.json", (p) => delete p.Metadata.Guid));
      expect(await res.json()).toMatchObject({ tmdb_id: 584, matched_by: "title", matched_request: true });
      expect(await t.store.getGuid("plex://movie/123")).toEqual({ media_type: "movie", tmdb_id: 584, tvdb_id: null });
    });

    it("a server name mismatch is ignored", async () => {
      await cleanup();
      await setup({ config: { plexServerName: "Other" } });
      const res = await send(plexFixture("library.new_episode_plex-agent.json"));
      expect(await res.json()).toEqual({ status: "ignored", reason: "Server name mismatch" });
    });
  });

  describe("levels and agents", () => {
    it("show-level event with its own TMDB id", async () => {
      await t.store.insertRequest(newRequest("tv", 82728, "Bluey"));
      const res = await send({
        event: "library.new",
        Metadata: {
          type: "show",
          title: "Bluey",
          year: 2018,
          guid: BLUEY_SHOW_GUID,
          Guid: [{ id: "tmdb://82728" }, { id: "tvdb://353181" }],
        },
      });
      expect(await res.json()).toMatchObject({ plex_type: "show", tmdb_id: 82728, matched_by: "tmdb", matched_request: true });
      expect(await t.store.getGuid(BLUEY_SHOW_GUID)).toEqual({ media_type: "tv", tmdb_id: 82728, tvdb_id: 353181 });
    });

    it("season-level event resolves through the GUID cache, never its own ids", async () => {
      await t.store.putGuid(BLUEY_SHOW_GUID, { media_type: "tv", tmdb_id: 82728, tvdb_id: 353181 });
      const res = await send({
        event: "library.new",
        Metadata: { type: "season", title: "Season 3", parentTitle: "Bluey", parentGuid: BLUEY_SHOW_GUID, Guid: [{ id: "tmdb://999999" }] },
      });
      expect(await res.json()).toMatchObject({ plex_type: "season", title: "Bluey", tmdb_id: 82728, matched_by: "plex_guid" });
      expect(await t.store.libraryIds("tv")).toEqual([82728]);
    });

    it("legacy TMDB-agent TV episode", async () => {
      const res = await send({
        event: "library.new",
        Metadata: { type: "episode", guid: "com.plexapp.agents.themoviedb://1396/1/1?lang=en", grandparentTitle: "Breaking Bad" },
      });
      expect(await res.json()).toMatchObject({ tmdb_id: 1396, matched_by: "tmdb" });
    });

    it("hama anime episode", async () => {
      const res = await send({
        event: "library.new",
        Metadata: {
          type: "episode",
          guid: "com.plexapp.agents.hama://tvdb-81189/1/2?lang=en",
          grandparentGuid: "com.plexapp.agents.hama://tvdb-81189?lang=en",
          grandparentTitle: "Cowboy Bebop",
        },
      });
      expect(await res.json()).toMatchObject({ tmdb_id: 1429, matched_by: "tvdb" });
    });

    it("episode without grandparentGuid: its own TMDB id is never a show id; title fallback with a (year) suffix", async () => {
      await t.store.insertRequest(newRequest("tv", 82728, "Bluey", { year: 2018 }));
      const payload = plexFixture("library.new_episode_plex-agent.json");
      delete payload.Metadata.grandparentGuid;
      payload.Metadata.Guid = [{ id: "tmdb://2499236" }];
      const res = await send(payload);
      expect(await res.json()).toMatchObject({ tmdb_id: 82728, matched_by: "title", matched_request: true });
      expect(await t.store.libraryIds("tv")).toEqual([82728]);
    });

    it("unresolvable episode: success with tmdb_id null and nothing written", async () => {
      const before = await libraryState(t.store);
      const payload = plexFixture("library.new_episode_plex-agent.json");
      payload.Metadata.Guid = [{ id: "tmdb://2499236" }];
      const res = await send(payload);
      expect(await res.json()).toMatchObject({
        status: "success",
        tmdb_id: null,
        matched_by: null,
        added_to_library: false,
        matched_request: false,
      });
      expect(await libraryState(t.store)).toBe(before);
      expect(await t.store.getGuid(BLUEY_SHOW_GUID)).toBeNull();
    });

    it("non-ASCII title in another case (AMÉLIE vs Amélie)", async () => {
      await t.store.insertRequest(newRequest("movie", 194, "Amélie", { year: 2001 }));
      const res = await send({
        event: "library.new",
        Metadata: { type: "movie", title: "AMÉLIE", year: 2001, guid: "com.plexapp.agents.none://ab12?lang=xn" },
      });
      expect(await res.json()).toMatchObject({ tmdb_id: 194, matched_by: "title", matched_request: true });
    });

    it("a Fix Match (stronger id disagreeing with the cache) overwrites the cached mapping", async () => {
      await t.store.putGuid("plex://movie/m1", { media_type: "movie", tmdb_id: 1, tvdb_id: null });
      await send({
        event: "library.new",
        Metadata: { type: "movie", title: "The Matrix", guid: "plex://movie/m1", Guid: [{ id: "tmdb://603" }] },
      });
      expect(await t.store.getGuid("plex://movie/m1")).toEqual({ media_type: "movie", tmdb_id: 603, tvdb_id: null });
    });

    it("upstream failures degrade to the next step instead of failing the webhook", async () => {
      catalogue.failFind = true;
      await t.store.insertRequest(newRequest("tv", 82728, "Bluey"));
      const res = await send(plexFixture("library.new_episode_plex-agent.json"));
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ tmdb_id: 82728, matched_by: "title" });
    });
  });

  describe("idempotency, budgets and bursts", () => {
    it("the same payload twice: second call flips nothing, notifies nobody, writes nothing", async () => {
      await t.store.insertRequest(newRequest("tv", 82728, "Bluey"));
      const payload = plexFixture("library.new_episode_plex-agent.json");
      const first = await (await send(payload)).json();
      expect(first.matched_request).toBe(true);
      const state = await libraryState(t.store);
      const guid = await t.store.getGuid(BLUEY_SHOW_GUID);
      const session = t.login();
      const status1 = await t.request("/api/library-status", { token: session });
      expect(status1.status).toBe(200);
      const etag = status1.headers.get("etag");
      expect(etag).toBeTruthy();
      t.clock.advance(60_000);
      const second = await (await send(payload)).json();
      expect(second).toMatchObject({ status: "success", tmdb_id: 82728, matched_request: false, notification_sent: false });
      expect(notifier.sent).toHaveLength(1);
      expect(await libraryState(t.store)).toBe(state);
      const status2 = await t.request("/api/library-status", { token: session, headers: { "if-none-match": etag! } });
      expect(status2.status).toBe(304);
      expect(status2.headers.get("etag")).toBe(etag);
      expect(await t.store.getGuid(BLUEY_SHOW_GUID)).toEqual(guid);
    });

    it("at most 6 store round trips: episode lookup + GUID write + flip + push (the notifier's subscription read included)", async () => {
      await t.store.insertRequest(newRequest("tv", 82728, "Bluey"));
      const before = t.store.stats.roundTrips;
      const res = await (await send(plexFixture("library.new_episode_plex-agent.json"))).json();
      expect(res).toMatchObject({ matched_by: "episode_lookup", matched_request: true, notification_sent: true });
      const used = t.store.stats.roundTrips - before;
      expect(used).toBeGreaterThan(0);
      expect(used).toBeLessThanOrEqual(6);
    });

    it("at most 6 store round trips on the longest path: title fallback + GUID write + flip + push", async () => {
      await cleanup();
      const made = await factory.create();
      cleanup = made.cleanup;
      // The notifier reads the requester's subscriptions, as the web-push notifier does.
      notifier = recordingNotifier(() => made.store);
      t = await createTestApp({ store: made.store, catalogue, notifier, config: { webhookToken: WEBHOOK_TOKEN } });
      await t.store.insertRequest(newRequest("tv", 82728, "Bluey"));
      const payload = plexFixture("library.new_episode_plex-agent.json");
      payload.Metadata.Guid = [];
      const before = t.store.stats.roundTrips;
      const res = await (await send(payload)).json();
      expect(res).toMatchObject({ matched_by: "title", matched_request: true, notification_sent: true });
      expect(t.store.stats.roundTrips - before).toBeLessThanOrEqual(6);
      // The GUID write rode along with the library upsert.
      expect(await t.store.getGuid(BLUEY_SHOW_GUID)).toEqual({ media_type: "tv", tmdb_id: 82728, tvdb_id: null });
    });

    it("a repeated payload costs only reads and no-op checks", async () => {
      const payload = plexFixture("library.new_episode_plex-agent.json");
      await send(payload);
      const before = t.store.stats.roundTrips;
      await send(payload);
      expect(t.store.stats.roundTrips - before).toBeLessThanOrEqual(3);
    });

    it("a burst of episodes of one show costs one upstream lookup (single-flight per show guid)", async () => {
      let release!: () => void;
      catalogue.gate = new Promise<void>((r) => (release = r));
      const flights = t.state.ingestFlights;
      const joinedBefore = flights.joined;
      const episodes = Array.from({ length: 8 }, (_, i) => {
        const p = plexFixture("library.new_episode_plex-agent.json");
        p.Metadata.guid = `plex://episode/e${i}`;
        p.Metadata.index = i + 1;
        return p;
      });
      const responses = episodes.map((p) => send(p));
      // Wait (without timing assumptions) until the other seven have joined the first one's flight.
      for (let i = 0; i < 10_000 && flights.joined - joinedBefore < 7; i++) await new Promise((r) => setImmediate(r));
      release();
      const bodies = await Promise.all(responses.map(async (r) => (await r).json()));
      expect(flights.joined - joinedBefore).toBe(7);
      expect(catalogue.findCalls).toEqual(["tvdb_id:8031280"]);
      expect(new Set(bodies.map((b) => b.tmdb_id))).toEqual(new Set([82728]));
      expect(await t.store.libraryIds("tv")).toEqual([82728]);
    });
  });
});
