import { describe, expect, it } from "vitest";
import { idsFromAgentGuid, idsFromGuidList, parseGuidEntry, positiveId } from "../../../src/domain/plex/guid.js";

describe("modern Guid[] entries", () => {
  it("reads tmdb, tvdb and imdb ids", () => {
    expect(idsFromGuidList([{ id: "imdb://tt13429908" }, { id: "tmdb://2499236" }, { id: "tvdb://8031280" }])).toEqual({
      tmdb: 2499236,
      tvdb: 8031280,
      imdb: "tt13429908",
    });
  });

  it("ignores malformed values, unknown schemes and non-string ids", () => {
    expect(parseGuidEntry("tmdb://abc")).toEqual({});
    expect(parseGuidEntry("tmdb://-5")).toEqual({});
    expect(parseGuidEntry("tmdb://0")).toEqual({});
    expect(parseGuidEntry("tmdb://99999999999")).toEqual({});
    expect(parseGuidEntry("imdb://603")).toEqual({});
    expect(parseGuidEntry("plex://movie/5d776a24")).toEqual({});
    expect(idsFromGuidList([{ id: 5 }, { id: null }, {}, { id: "anidb://12" }])).toEqual({ tmdb: null, tvdb: null, imdb: null });
  });

  it("keeps the first id of each kind", () => {
    expect(idsFromGuidList([{ id: "tmdb://1" }, { id: "tmdb://2" }]).tmdb).toBe(1);
  });

  it("positiveId accepts only plain positive 32-bit decimals", () => {
    expect(positiveId("603")).toBe(603);
    expect(positiveId("1e3")).toBeNull();
    expect(positiveId(" 3")).toBeNull();
    expect(positiveId("2147483648")).toBeNull();
  });
});

describe("legacy agent guids", () => {
  it.each([
    ["com.plexapp.agents.themoviedb://603?lang=en", { tmdb: 603, tvdb: null, imdb: null }],
    ["com.plexapp.agents.themoviedb://1396/1/1?lang=en", { tmdb: 1396, tvdb: null, imdb: null }],
    ["com.plexapp.agents.imdb://tt2283336?lang=en", { tmdb: null, tvdb: null, imdb: "tt2283336" }],
    ["com.plexapp.agents.thetvdb://81189/1/2?lang=en", { tmdb: null, tvdb: 81189, imdb: null }],
    ["com.plexapp.agents.thetvdb://73546?lang=en", { tmdb: null, tvdb: 73546, imdb: null }],
    ["com.plexapp.agents.thetvdb://94571/3/3?lang=en", { tmdb: null, tvdb: 94571, imdb: null }],
    ["com.plexapp.agents.thetvdbdvdorder://94571/3?lang=en", { tmdb: null, tvdb: 94571, imdb: null }],
    ["com.plexapp.agents.hama://tvdb-81189/1/2?lang=en", { tmdb: null, tvdb: 81189, imdb: null }],
    ["com.plexapp.agents.hama://tvdb2-81189", { tmdb: null, tvdb: 81189, imdb: null }],
    ["com.plexapp.agents.hama://tmdb-12971", { tmdb: 12971, tvdb: null, imdb: null }],
    ["com.plexapp.agents.hama://anidb-1234/1/2", { tmdb: null, tvdb: null, imdb: null }],
    ["com.plexapp.agents.none://5d2a8f3e9a?lang=xn", { tmdb: null, tvdb: null, imdb: null }],
    ["com.plexapp.agents.plexmusic://gracenote/track/7572499?lang=en", { tmdb: null, tvdb: null, imdb: null }],
    ["plex://show/5d9c090e705e7a001e6e94d8", { tmdb: null, tvdb: null, imdb: null }],
    ["tv.plex.agents.series://5d9c090e705e7a001e6e94d8", { tmdb: null, tvdb: null, imdb: null }],
    ["local://1234", { tmdb: null, tvdb: null, imdb: null }],
    ["com.plexapp.agents.themoviedb://abc?lang=en", { tmdb: null, tvdb: null, imdb: null }],
    ["com.plexapp.agents.thetvdb://%ZZ", { tmdb: null, tvdb: null, imdb: null }],
  ])("%s", (guid, ids) => {
    expect(idsFromAgentGuid(guid)).toEqual(ids);
  });
});
