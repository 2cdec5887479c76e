import { describe, expect, it } from "vitest";
import { embyWebhook } from "@stellarr/testkit/fakes/emby-webhook";
import { jellyfinSendAllProperties, type JellyfinWebhookItem } from "@stellarr/testkit/fakes/jellyfin-webhook";
import { parseEmbyWebhook } from "../../../src/domain/media-server/emby.js";
import type { MediaServerEvent } from "../../../src/domain/media-server/event.js";
import { parseJellyfinWebhook } from "../../../src/domain/media-server/jellyfin.js";
import { librarySyncKey, mediaServerLibraryEntry } from "../../../src/domain/media-server/library-entry.js";
import { fromWantedServer, mediaServerCacheKey, resolvableItem } from "../../../src/domain/media-server/resolvable.js";
import { resolvePlexItem, type ResolveLookups } from "../../../src/domain/plex/resolve.js";
import type { FindResult } from "../../../src/ports/catalogue.js";
import { fixture, ok } from "../../support/media-server.js";

const jellyfin = (item: JellyfinWebhookItem, server = {}) => ok(parseJellyfinWebhook(jellyfinSendAllProperties("ItemAdded", item, server)));

/** Lookups answering /find from a table keyed "<source>:<id>", recording the calls. */
function lookups(table: Record<string, Partial<FindResult>>, pending: { tmdb_id: number; title: string; year: number | null }[] = []) {
  const calls: string[] = [];
  const l: ResolveLookups = {
    find: async (id, source) => {
      calls.push(`${source}:${id}`);
      return { movie_ids: [], tv_ids: [], episode_show_ids: [], ...table[`${source}:${id}`] };
    },
    getGuid: async () => null,
    pendingRequests: async () => pending.map((p) => ({ ...p, tvdb_id: null })),
  };
  return { l, calls };
}

describe("resolvableItem: the Plex chain's input", () => {
  it("movies and shows carry their own ids as title-level ids; '(yyyy)' suffixes split off", () => {
    expect(resolvableItem(jellyfin({ type: "Movie", name: "The Matrix", year: 1999, providerIds: { Tmdb: "603" } }))).toEqual({
      plexType: "movie",
      mediaType: "movie",
      title: "The Matrix",
      year: 1999,
      showGuid: null,
      ids: { tmdb: 603, tvdb: null, imdb: null },
      childIds: { tmdb: null, tvdb: null, imdb: null },
    });
    expect(resolvableItem(jellyfin({ type: "Series", name: "Bluey (2018)", providerIds: { Tvdb: "353546" } }))).toMatchObject({
      plexType: "show",
      mediaType: "tv",
      title: "Bluey",
      year: 2018,
      ids: { tvdb: 353546 },
    });
  });

  it("seasons and episodes: the series' title and year; their own ids only as childIds", () => {
    const item = resolvableItem(
      jellyfin({
        type: "Episode",
        name: "Pilot",
        series: { name: "Breaking Bad", year: 2008 },
        providerIds: { Tvdb: "349232", Tmdb: "62085" },
      }),
    );
    expect(item).toMatchObject({
      plexType: "episode",
      mediaType: "tv",
      title: "Breaking Bad",
      year: 2008,
      ids: { tmdb: null, tvdb: null, imdb: null },
      childIds: { tmdb: 62085, tvdb: 349232, imdb: null },
    });
  });

  it("nothing for other events and other item types", () => {
    expect(resolvableItem(ok(parseJellyfinWebhook(fixture("jellyfin", "PlaybackStart_episode_10.8.10.json"))))).toBeNull();
    expect(resolvableItem(jellyfin({ type: "Audio", name: "Song" }))).toBeNull();
  });

  it("cache keys per server and movie/show (an episode's is its series'), only when asked for", () => {
    const episode = jellyfin(
      { type: "Episode", name: "Pilot", series: { name: "Breaking Bad", id: "0123456789abcdef0123456789abcdef" } },
      { id: "AA-BB" },
    );
    expect(resolvableItem(episode)?.showGuid).toBeNull();
    expect(resolvableItem(episode, { cacheKeys: true })?.showGuid).toBe("jellyfin://aabb/0123456789abcdef0123456789abcdef");
    const emby = ok(parseEmbyWebhook(fixture("emby", "library.new_movie_4.7.13.derived.json")));
    expect(resolvableItem(emby, { cacheKeys: true })?.showGuid).toBe("emby://f40a5bd0c6b64051bdbed00580fa1118/240270");
    expect(mediaServerCacheKey("emby", null, "7")).toBe("emby://_/7");
  });
});

describe("resolvableItem → resolvePlexItem (the same chain as Plex)", () => {
  it("movie by TMDB id without any lookup; IMDb-only movie through TMDB /find", async () => {
    const a = lookups({});
    expect(
      (await resolvePlexItem(resolvableItem(jellyfin({ type: "Movie", name: "x", providerIds: { Tmdb: "603" } }))!, a.l)).mapping,
    ).toEqual({
      media_type: "movie",
      tmdb_id: 603,
      tvdb_id: null,
    });
    expect(a.calls).toEqual([]);
    const b = lookups({ "imdb_id:tt0133093": { movie_ids: [603] } });
    const r = await resolvePlexItem(resolvableItem(jellyfin({ type: "Movie", name: "x", providerIds: { Imdb: "tt0133093" } }))!, b.l);
    expect(r).toMatchObject({ mapping: { tmdb_id: 603 }, matchedBy: "tmdb" });
  });

  it("series by TVDB id; episode by its TVDB id, then its IMDb id (episode_show_ids); never by its TMDB episode id", async () => {
    const show = lookups({ "tvdb_id:81189": { tv_ids: [1396] } });
    expect(
      (await resolvePlexItem(resolvableItem(jellyfin({ type: "Series", name: "BB", providerIds: { Tvdb: "81189" } }))!, show.l)).mapping,
    ).toEqual({
      media_type: "tv",
      tmdb_id: 1396,
      tvdb_id: 81189,
    });
    const ep = lookups({ "imdb_id:tt0959621": { episode_show_ids: [1396] } });
    const r = await resolvePlexItem(
      resolvableItem(
        jellyfin({
          type: "Episode",
          name: "Pilot",
          series: { name: "BB" },
          providerIds: { Tvdb: "349232", Imdb: "tt0959621", Tmdb: "62085" },
        }),
      )!,
      ep.l,
    );
    expect(r).toMatchObject({ mapping: { tmdb_id: 1396 }, matchedBy: "episode_lookup" });
    expect(ep.calls).toEqual(["tvdb_id:349232", "imdb_id:tt0959621"]);
  });

  it("a real Emby episode with only its TMDB episode id resolves by the series name (one pending request)", async () => {
    const event: MediaServerEvent = ok(parseEmbyWebhook(fixture("emby", "library.new_episode_4.7.13.derived.json")));
    const x = lookups({}, [{ tmdb_id: 215803, title: "长风渡", year: 2023 }]);
    const r = await resolvePlexItem(resolvableItem(event)!, x.l);
    expect(r).toMatchObject({ mapping: { media_type: "tv", tmdb_id: 215803 }, matchedBy: "title" });
    expect(x.calls).toEqual([]);
  });
});

describe("fromWantedServer", () => {
  const event = jellyfin({ type: "Movie", name: "x" }, { id: "16588a9f062a40c4966586b1d220bffc" });
  it("no filter accepts all; ids compare without case, dashes or braces; others and missing ids are refused", () => {
    expect(fromWantedServer(event, null)).toBe(true);
    expect(fromWantedServer(event, "  ")).toBe(true);
    expect(fromWantedServer(event, "{16588A9F-062A-40C4-9665-86B1D220BFFC}")).toBe(true);
    expect(fromWantedServer(event, "26588a9f062a40c4966586b1d220bffc")).toBe(false);
    const noId = ok(parseEmbyWebhook({ Event: "library.new", Item: { Type: "Movie" } }));
    expect(fromWantedServer(noId, "f40a5bd0c6b64051bdbed00580fa1118")).toBe(false);
    expect(
      fromWantedServer(ok(parseEmbyWebhook(embyWebhook("library.new", { type: "Movie", name: "x" }))), "F40A5BD0C6B64051BDBED00580FA1118"),
    ).toBe(true);
  });
});

describe("mediaServerLibraryEntry", () => {
  it("TMDB/TVDB/IMDb ids from ProviderIds; IMDb-only items kept; no usable id → null", () => {
    expect(mediaServerLibraryEntry({ Name: "The Matrix", ProviderIds: { Tmdb: "603", Imdb: "tt0133093" } })).toEqual({
      tmdb_id: 603,
      tvdb_id: null,
      imdb_id: "tt0133093",
      title: "The Matrix",
    });
    expect(mediaServerLibraryEntry({ Name: "Old Film", ProviderIds: { Imdb: "tt0000001" } })).toEqual({
      tmdb_id: null,
      tvdb_id: null,
      imdb_id: "tt0000001",
      title: "Old Film",
    });
    expect(mediaServerLibraryEntry({ Name: "Show", ProviderIds: { tvdb: " 81189 " } })?.tvdb_id).toBe(81189);
    for (const ProviderIds of [undefined, null, {}, { TmdbCollection: "2344" }, { Tmdb: "" }, "603", [603]]) {
      expect(mediaServerLibraryEntry({ Name: "Home Video", ProviderIds })).toBeNull();
    }
  });

  it("titles: '(yyyy)' suffix dropped, capped at 500, non-strings and blanks are null", () => {
    expect(mediaServerLibraryEntry({ Name: "Bluey (2018)", ProviderIds: { Tvdb: "353546" } })?.title).toBe("Bluey");
    expect(mediaServerLibraryEntry({ Name: "x".repeat(600), ProviderIds: { Tmdb: "1" } })?.title).toHaveLength(500);
    expect(mediaServerLibraryEntry({ Name: 5, ProviderIds: { Tmdb: "1" } })?.title).toBeNull();
    expect(mediaServerLibraryEntry({ Name: " ", ProviderIds: { Tmdb: "1" } })?.title).toBeNull();
  });

  it("librarySyncKey: TMDB, else TVDB, else IMDb", () => {
    expect(librarySyncKey({ tmdb_id: 1, tvdb_id: 2, imdb_id: "tt3", title: null })).toBe("tmdb:1");
    expect(librarySyncKey({ tmdb_id: null, tvdb_id: 2, imdb_id: "tt3", title: null })).toBe("tvdb:2");
    expect(librarySyncKey({ tmdb_id: null, tvdb_id: null, imdb_id: "tt3", title: null })).toBe("imdb:tt3");
  });
});
