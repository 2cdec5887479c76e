/** The webhook's resolution chain against the real TMDB client and TheTVDB client, each talking to its fake over HTTP. */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTmdbCatalogue } from "../../src/adapters/catalogue/tmdb/index.js";
import { createTvdbLookup } from "../../src/adapters/lookup/tvdb.js";
import { nullLogger } from "../../src/adapters/log/null-logger.js";
import { startTmdbFake, type TmdbFake } from "@stellarr/testkit/fakes/tmdb";
import { startTvdbFake, type TvdbFake } from "@stellarr/testkit/fakes/tvdb";
import { createTestApp, type TestApp } from "@stellarr/testkit/app";
import { storeFactories } from "@stellarr/testkit/stores";
import { WEBHOOK_TOKEN, newRequest, plexFixture, plexForm, recordingNotifier } from "@stellarr/testkit/plex";

describe.each(storeFactories)("webhook resolution over HTTP fakes ($name)", (factory) => {
  let tmdb: TmdbFake;
  let tvdb: TvdbFake;
  let t: TestApp;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    tmdb = await startTmdbFake();
    // Episode 70000001 is unknown to TMDB's /find but TheTVDB knows its series (Bluey, 353546).
    tvdb = await startTvdbFake({ episodes: { 70000001: 353546 } });
  });
  afterAll(async () => {
    await tmdb.close();
    await tvdb.close();
  });
  beforeEach(async () => {
    tmdb.reset();
    const made = await factory.create();
    cleanup = made.cleanup;
    t = await createTestApp({
      store: made.store,
      catalogue: createTmdbCatalogue({ apiKey: tmdb.apiKey, baseUrl: tmdb.url, logger: nullLogger }),
      lookup: createTvdbLookup({ apiKey: tvdb.apiKey, baseUrl: tvdb.url }),
      notifier: recordingNotifier(),
      config: { webhookToken: WEBHOOK_TOKEN },
    });
  });
  afterEach(async () => cleanup());

  const send = (payload: unknown) => t.request(`/webhook/plex?token=${WEBHOOK_TOKEN}`, { method: "POST", body: plexForm(payload) });

  it("the Plex-agent fixture episode resolves through TMDB /find (tv_episode_results[].show_id)", async () => {
    await t.store.insertRequest(newRequest("tv", 82728, "Bluey"));
    const res = await (await send(plexFixture("library.new_episode_plex-agent.json"))).json();
    expect(res).toMatchObject({ tmdb_id: 82728, matched_by: "episode_lookup", matched_request: true });
    expect(tmdb.callsTo("/find/8031280")).toHaveLength(1);
  });

  it("an episode unknown to TMDB resolves through TheTVDB /episodes → seriesId → /find", async () => {
    const payload = plexFixture("library.new_episode_plex-agent.json");
    payload.Metadata.Guid = [{ id: "tvdb://70000001" }];
    const res = await (await send(payload)).json();
    expect(res).toMatchObject({ tmdb_id: 82728, matched_by: "episode_lookup" });
    expect(await t.store.getGuid("plex://show/5d9c090e705e7a001e6e94d8")).toEqual({ media_type: "tv", tmdb_id: 82728, tvdb_id: 353546 });
    // The next episode of the show is answered by the GUID cache: no upstream call at all.
    const calls = tmdb.calls.length + tvdb.calls.length;
    payload.Metadata.Guid = [{ id: "tvdb://70000002" }];
    expect(await (await send(payload)).json()).toMatchObject({ tmdb_id: 82728, matched_by: "plex_guid" });
    expect(tmdb.calls.length + tvdb.calls.length).toBe(calls);
  });

  it("a TMDB outage during /find is not a 5xx: the chain carries on", async () => {
    tmdb.failNext("/find", 500, {}, { times: 5 });
    const res = await send(plexFixture("library.new_episode_plex-agent.json"));
    expect(res.status).toBe(200);
    // TMDB failed for both finds; nothing resolves (TheTVDB gives the series, but TMDB cannot map it).
    expect(await res.json()).toMatchObject({ status: "success", tmdb_id: null });
  });
});
