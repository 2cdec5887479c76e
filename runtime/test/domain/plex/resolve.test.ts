import { describe, expect, it } from "vitest";
import type { FindResult } from "../../../src/ports/catalogue.js";
import type { GuidMapping } from "../../../src/ports/store/index.js";
import { parsePlexItem, type PlexMetadata } from "../../../src/domain/plex/metadata.js";
import { guidCacheUpdate, resolvePlexItem, type PendingTitle, type ResolveLookups } from "../../../src/domain/plex/resolve.js";

const empty: FindResult = { movie_ids: [], tv_ids: [], episode_show_ids: [] };

function lookups(opts: {
  find?: Record<string, Partial<FindResult>>;
  guids?: Record<string, GuidMapping>;
  series?: Record<number, number>;
  pending?: PendingTitle[];
  failFind?: boolean;
}) {
  const calls: string[] = [];
  const errors: string[] = [];
  const l: ResolveLookups = {
    async find(id, source) {
      calls.push(`find:${source}:${id}`);
      if (opts.failFind) throw new Error("upstream down");
      return { ...empty, ...opts.find?.[`${source}:${id}`] };
    },
    async getGuid(guid) {
      calls.push(`guid:${guid}`);
      return opts.guids?.[guid] ?? null;
    },
    episodeSeriesId: opts.series
      ? async (id) => {
          calls.push(`tvdb:${id}`);
          return opts.series![id] ?? null;
        }
      : undefined,
    async pendingRequests(mediaType) {
      calls.push(`pending:${mediaType}`);
      return opts.pending ?? [];
    },
    onLookupError: (step) => errors.push(step),
  };
  return { l, calls, errors };
}

const item = (m: PlexMetadata) => parsePlexItem(m)!;
const episode = (extra: Partial<PlexMetadata> = {}) =>
  item({
    type: "episode",
    guid: "plex://episode/e1",
    grandparentGuid: "plex://show/bluey",
    grandparentTitle: "Bluey (2018)",
    Guid: [{ id: "tmdb://2499236" }, { id: "tvdb://8031280" }],
    ...extra,
  });

describe("resolvePlexItem", () => {
  it("1. movie TMDB id wins without any upstream call", async () => {
    const { l, calls } = lookups({});
    const r = await resolvePlexItem(item({ type: "movie", guid: "plex://movie/m", Guid: [{ id: "tmdb://603" }] }), l);
    expect(r).toEqual({ mapping: { media_type: "movie", tmdb_id: 603, tvdb_id: null }, matchedBy: "tmdb", cached: null });
    expect(calls).toEqual(["guid:plex://movie/m"]);
  });

  it("1. legacy IMDb-agent movie resolves through /find", async () => {
    const { l } = lookups({ find: { "imdb_id:tt2283336": { movie_ids: [479455] } } });
    const r = await resolvePlexItem(item({ type: "movie", guid: "com.plexapp.agents.imdb://tt2283336?lang=en" }), l);
    expect(r.mapping).toEqual({ media_type: "movie", tmdb_id: 479455, tvdb_id: null });
    expect(r.matchedBy).toBe("tmdb");
  });

  it("1. legacy TMDB-agent TV episode", async () => {
    const { l } = lookups({});
    const r = await resolvePlexItem(item({ type: "episode", guid: "com.plexapp.agents.themoviedb://1396/1/1?lang=en" }), l);
    expect(r.mapping).toEqual({ media_type: "tv", tmdb_id: 1396, tvdb_id: null });
  });

  it("2. show TVDB id through /find (legacy TheTVDB agent episode)", async () => {
    const { l, calls } = lookups({ find: { "tvdb_id:94571": { tv_ids: [18347] } } });
    const r = await resolvePlexItem(
      item({ type: "episode", guid: "com.plexapp.agents.thetvdb://94571/3/3?lang=en", grandparentTitle: "Community" }),
      l,
    );
    expect(r).toMatchObject({ mapping: { media_type: "tv", tmdb_id: 18347, tvdb_id: 94571 }, matchedBy: "tvdb" });
    expect(calls).toEqual(["find:tvdb_id:94571"]);
  });

  it("2. hama anime via its tvdb- id", async () => {
    const { l } = lookups({ find: { "tvdb_id:81189": { tv_ids: [1429] } } });
    const r = await resolvePlexItem(item({ type: "episode", guid: "com.plexapp.agents.hama://tvdb-81189/1/2" }), l);
    expect(r.mapping?.tmdb_id).toBe(1429);
    expect(r.matchedBy).toBe("tvdb");
  });

  it("2. uses the cached mapping instead of /find when it names the same TVDB id", async () => {
    const guid = "com.plexapp.agents.thetvdb://94571?lang=en";
    const { l, calls } = lookups({ guids: { [guid]: { media_type: "tv", tmdb_id: 18347, tvdb_id: 94571 } } });
    const r = await resolvePlexItem(item({ type: "episode", guid: "com.plexapp.agents.thetvdb://94571/1/1", grandparentGuid: guid }), l);
    expect(r.matchedBy).toBe("tvdb");
    expect(r.mapping?.tmdb_id).toBe(18347);
    expect(calls.some((c) => c.startsWith("find"))).toBe(false);
    expect(guidCacheUpdate(r)).toBeNull();
  });

  it("3. GUID cache hit for an episode, before any episode lookup", async () => {
    const { l, calls } = lookups({ guids: { "plex://show/bluey": { media_type: "tv", tmdb_id: 82728, tvdb_id: 353181 } } });
    const r = await resolvePlexItem(episode(), l);
    expect(r).toMatchObject({ mapping: { tmdb_id: 82728, tvdb_id: 353181 }, matchedBy: "plex_guid" });
    expect(calls).toEqual(["guid:plex://show/bluey"]);
    expect(guidCacheUpdate(r)).toBeNull();
  });

  it("3. a cache entry of the other media type is ignored", async () => {
    const { l } = lookups({ guids: { "plex://show/bluey": { media_type: "movie", tmdb_id: 1, tvdb_id: null } } });
    const r = await resolvePlexItem(episode({ Guid: [] }), l);
    expect(r.mapping).toBeNull();
  });

  it("a stronger id that disagrees with the cache overwrites it (Fix Match)", async () => {
    const { l } = lookups({ guids: { "plex://show/s": { media_type: "tv", tmdb_id: 1, tvdb_id: 2 } } });
    const r = await resolvePlexItem(item({ type: "show", guid: "plex://show/s", Guid: [{ id: "tmdb://82728" }] }), l);
    expect(r.matchedBy).toBe("tmdb");
    expect(guidCacheUpdate(r)).toEqual({ media_type: "tv", tmdb_id: 82728, tvdb_id: null });
  });

  it("keeps a cached TVDB id when the TMDB id agrees (no pointless rewrite)", async () => {
    const { l } = lookups({ guids: { "plex://show/s": { media_type: "tv", tmdb_id: 82728, tvdb_id: 353181 } } });
    const r = await resolvePlexItem(item({ type: "show", guid: "plex://show/s", Guid: [{ id: "tmdb://82728" }] }), l);
    expect(r.mapping).toEqual({ media_type: "tv", tmdb_id: 82728, tvdb_id: 353181 });
    expect(guidCacheUpdate(r)).toBeNull();
  });

  it("4. Plex-agent episode reachable only through /find of its episode TVDB id", async () => {
    const { l, calls } = lookups({ find: { "tvdb_id:8031280": { episode_show_ids: [82728] } } });
    const r = await resolvePlexItem(episode(), l);
    expect(r).toMatchObject({ mapping: { media_type: "tv", tmdb_id: 82728, tvdb_id: null }, matchedBy: "episode_lookup" });
    // The episode-level tmdb id 2499236 was never used as a show id.
    expect(JSON.stringify(r)).not.toContain("2499236");
    expect(calls).toEqual(["guid:plex://show/bluey", "find:tvdb_id:8031280"]);
    expect(guidCacheUpdate(r)).toEqual({ media_type: "tv", tmdb_id: 82728, tvdb_id: null });
  });

  it("4. TheTVDB /episodes → series id → /find when TMDB does not know the episode", async () => {
    const { l, calls } = lookups({ series: { 8031280: 353181 }, find: { "tvdb_id:353181": { tv_ids: [82728] } } });
    const r = await resolvePlexItem(episode(), l);
    expect(r).toMatchObject({ mapping: { tmdb_id: 82728, tvdb_id: 353181 }, matchedBy: "episode_lookup" });
    expect(calls).toEqual(["guid:plex://show/bluey", "find:tvdb_id:8031280", "tvdb:8031280", "find:tvdb_id:353181"]);
  });

  it("4. season Guid[] ids resolve through /find's season results", async () => {
    const { l } = lookups({ find: { "tvdb_id:777": { episode_show_ids: [82728] } } });
    const r = await resolvePlexItem(
      item({ type: "season", parentGuid: "plex://show/x", parentTitle: "Bluey", Guid: [{ id: "tvdb://777" }] }),
      l,
    );
    expect(r.matchedBy).toBe("episode_lookup");
    expect(r.mapping?.tmdb_id).toBe(82728);
  });

  it("4. episode IMDb id through /find", async () => {
    const { l } = lookups({ find: { "imdb_id:tt13429908": { episode_show_ids: [82728] } } });
    const r = await resolvePlexItem(episode({ Guid: [{ id: "imdb://tt13429908" }] }), l);
    expect(r.mapping?.tmdb_id).toBe(82728);
  });

  it("5. title fallback: exactly one pending request with the normalised title and year", async () => {
    const pending: PendingTitle[] = [
      { tmdb_id: 82728, tvdb_id: 353181, title: "BLUEY", year: 2018 },
      { tmdb_id: 5, tvdb_id: null, title: "Other", year: 2018 },
    ];
    const { l } = lookups({ pending });
    const r = await resolvePlexItem(episode({ Guid: [] }), l);
    expect(r).toMatchObject({ mapping: { tmdb_id: 82728, tvdb_id: 353181 }, matchedBy: "title" });
  });

  it("5. non-ASCII titles in another case match", async () => {
    const { l } = lookups({ pending: [{ tmdb_id: 194, tvdb_id: null, title: "Amélie", year: 2001 }] });
    const r = await resolvePlexItem(item({ type: "movie", title: "AMÉLIE", year: 2001, guid: "com.plexapp.agents.none://abc" }), l);
    expect(r.mapping?.tmdb_id).toBe(194);
  });

  it("5. a different year, or two candidates, is no match", async () => {
    const a = lookups({ pending: [{ tmdb_id: 1, tvdb_id: null, title: "Dune", year: 1984 }] });
    expect((await resolvePlexItem(item({ type: "movie", title: "Dune (2021)" }), a.l)).mapping).toBeNull();
    const b = lookups({
      pending: [
        { tmdb_id: 1, tvdb_id: null, title: "Dune", year: null },
        { tmdb_id: 2, tvdb_id: null, title: "DUNE", year: 2021 },
      ],
    });
    expect((await resolvePlexItem(item({ type: "movie", title: "Dune", year: 2021 }), b.l)).mapping).toBeNull();
    const c = lookups({ pending: [{ tmdb_id: 1, tvdb_id: null, title: "Dune", year: null }] });
    expect((await resolvePlexItem(item({ type: "movie", title: "Dune (2021)" }), c.l)).mapping?.tmdb_id).toBe(1);
  });

  it("upstream failures are reported and the chain continues", async () => {
    const { l, errors } = lookups({ failFind: true, pending: [{ tmdb_id: 82728, tvdb_id: null, title: "Bluey", year: null }] });
    const r = await resolvePlexItem(episode(), l);
    expect(r.matchedBy).toBe("title");
    expect(errors).toEqual(["find_episode_tvdb"]);
  });

  it("nothing resolves: null mapping, nothing to cache", async () => {
    const { l } = lookups({});
    const r = await resolvePlexItem(episode(), l);
    expect(r).toEqual({ mapping: null, matchedBy: null, cached: null });
    expect(guidCacheUpdate(r)).toBeNull();
  });
});
