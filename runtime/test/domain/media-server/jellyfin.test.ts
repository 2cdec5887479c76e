import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  JELLYFIN_TEST_SERVER_ID,
  jellyfinBody,
  jellyfinSendAllProperties,
  renderJellyfinTemplate,
  type JellyfinWebhookItem,
} from "@stellarr/testkit/fakes/jellyfin-webhook";
import { parseJellyfinWebhook } from "../../../src/domain/media-server/jellyfin.js";
import { fixture, issues, ok } from "../../support/media-server.js";

const added = (item: JellyfinWebhookItem, extra: Record<string, unknown> = {}) =>
  ok(parseJellyfinWebhook(JSON.parse(JSON.stringify(jellyfinSendAllProperties("ItemAdded", item, {}, extra)))));

const matrix: JellyfinWebhookItem = {
  type: "Movie",
  name: "The Matrix",
  year: 1999,
  premiereDate: "1999-03-30",
  providerIds: { Tmdb: "603", Imdb: "tt0133093", TmdbCollection: "2344" },
};

describe("parseJellyfinWebhook: ItemAdded with Send All Properties", () => {
  it("a movie: its own title, year and ids (TmdbCollection is not a TMDB id)", () => {
    const e = added(matrix);
    expect(e).toMatchObject({
      source: "jellyfin",
      event: "item_added",
      name: "ItemAdded",
      server: { id: JELLYFIN_TEST_SERVER_ID, name: "Living Room" },
    });
    expect(e.item).toEqual({
      kind: "movie",
      type: "Movie",
      id: expect.stringMatching(/^[0-9a-f]{32}$/),
      title: "The Matrix",
      year: 1999,
      seriesId: null,
      seriesTitle: null,
      seriesYear: null,
      seasonNumber: null,
      episodeNumber: null,
      ids: { tmdb: 603, tvdb: null, imdb: "tt0133093" },
    });
  });

  it("a series is a show with its TVDB id; a movie without Year takes the year of its PremiereDate", () => {
    const show = added({
      type: "Series",
      name: "Breaking Bad",
      year: 2008,
      providerIds: { Tmdb: "1396", Tvdb: "81189", Imdb: "tt0903747" },
    });
    expect(show.item).toMatchObject({
      kind: "show",
      title: "Breaking Bad",
      year: 2008,
      ids: { tmdb: 1396, tvdb: 81189, imdb: "tt0903747" },
    });
    expect(added({ ...matrix, year: undefined }).item?.year).toBe(1999);
  });

  it("a season: the series' name, id and year (Year is overwritten by the series' year), its own ids kept apart", () => {
    const e = added({
      type: "Season",
      name: "Season 2",
      year: 2009,
      seasonNumber: 2,
      series: { name: "Breaking Bad", year: 2008 },
      providerIds: { Tvdb: "30272" },
    });
    expect(e.item).toMatchObject({
      kind: "season",
      title: "Season 2",
      year: null,
      seriesId: expect.stringMatching(/^[0-9a-f]{32}$/),
      seriesTitle: "Breaking Bad",
      seriesYear: 2008,
      seasonNumber: 2,
      episodeNumber: null,
      ids: { tmdb: null, tvdb: 30272, imdb: null },
    });
  });

  it("an episode: series year from SeriesPremiereDate (certain) before Year, season and episode numbers, the episode's own ids", () => {
    const e = added({
      type: "Episode",
      name: "Pilot",
      year: 2008,
      seasonNumber: 1,
      episodeNumber: 1,
      series: { name: "Breaking Bad", premiereDate: "2008-01-20" },
      providerIds: { Tvdb: "349232", Imdb: "tt0959621" },
    });
    expect(e.item).toMatchObject({
      kind: "episode",
      title: "Pilot",
      year: null,
      seriesTitle: "Breaking Bad",
      seriesYear: 2008,
      seasonNumber: 1,
      episodeNumber: 1,
      ids: { tmdb: null, tvdb: 349232, imdb: "tt0959621" },
    });
    // The series has no production year: the plugin's Year is then the episode's own, SeriesPremiereDate still says 2008.
    const noSeriesYear = added({ type: "Episode", name: "x", year: 2013, series: { name: "Breaking Bad", premiereDate: "2008-01-20" } });
    expect(noSeriesYear.item?.seriesYear).toBe(2008);
    const onlyYear = added({ type: "Episode", name: "x", series: { name: "Breaking Bad", year: 2008 } });
    expect(onlyYear.item?.seriesYear).toBe(2008);
  });

  it("a real (10.8.10) episode body: the episode-level Provider_tmdb stays the item's own id", () => {
    const e = ok(parseJellyfinWebhook(fixture("jellyfin", "ItemAdded_episode_10.8.10.derived.json")));
    expect(e.server).toEqual({ id: "d79d3a6261614419a114595a585xxxxx", name: "nyanmisaka-jellyfin1" });
    expect(e.item).toMatchObject({
      kind: "episode",
      title: "慕灼华逃婚离开",
      seriesTitle: "灼灼风流",
      seriesYear: 2023,
      seriesId: null,
      seasonNumber: 1,
      episodeNumber: 1,
    });
    expect(e.item?.ids).toEqual({ tmdb: 229210, tvdb: null, imdb: null });
  });

  it("no provider ids: an item all the same (the webhook answers unresolved, not an error)", () => {
    expect(added({ type: "Movie", name: "Home Video 2019" }).item?.ids).toEqual({ tmdb: null, tvdb: null, imdb: null });
  });

  it("other item types are kept as `other` (ignored later), their type named", () => {
    expect(added({ type: "Audio", name: "Song", providerIds: { MusicBrainzTrack: "x" } }).item).toMatchObject({
      kind: "other",
      type: "Audio",
    });
    expect(added({ type: "BoxSet", name: "The Matrix Collection" }).item?.kind).toBe("other");
  });
});

describe("parseJellyfinWebhook: other notifications", () => {
  it("real PlaybackStart and AuthenticationSuccess bodies are `other` with no item", () => {
    for (const name of ["PlaybackStart_episode_10.8.10.json", "AuthenticationSuccess_10.10.3.json"]) {
      const e = ok(parseJellyfinWebhook(fixture("jellyfin", name)));
      expect(e.event).toBe("other");
      expect(e.item).toBeNull();
    }
    expect(ok(parseJellyfinWebhook(fixture("jellyfin", "PlaybackStart_episode_10.8.10.json"))).name).toBe("PlaybackStart");
  });

  it("item fields of other notifications are not read (a malformed ItemType there is not an error)", () => {
    for (const type of ["ItemDeleted", "PlaybackStop", "UserDataSaved", "Generic", "TaskCompleted"]) {
      const e = ok(parseJellyfinWebhook({ NotificationType: type, ItemType: 5, Name: {} }));
      expect(e).toMatchObject({ event: "other", name: type, item: null });
    }
  });

  it("NotificationType matches without regard to case or surrounding space", () => {
    expect(ok(parseJellyfinWebhook({ NotificationType: " itemadded ", ItemType: "Movie", Name: "x" })).event).toBe("item_added");
  });
});

describe("parseJellyfinWebhook: lenient values", () => {
  it("provider ids in odd forms: numbers, whitespace, case; invalid values are absent", () => {
    const ids = (fields: Record<string, unknown>) =>
      ok(parseJellyfinWebhook({ NotificationType: "ItemAdded", ItemType: "Movie", ...fields })).item?.ids;
    expect(ids({ Provider_tmdb: 603, Provider_imdb: " TT0133093 ", Provider_tvdb: " 81189\n" })).toEqual({
      tmdb: 603,
      tvdb: 81189,
      imdb: "tt0133093",
    });
    expect(ids({ Provider_TMDB: "603", provider_Imdb: "tt0133093" })).toEqual({ tmdb: 603, tvdb: null, imdb: "tt0133093" });
    for (const bad of ["", "0", "-5", "603abc", "6.03", "99999999999", "tmdb://603", null, true, {}, [603], 6.5]) {
      expect(ids({ Provider_tmdb: bad, Provider_tvdb: bad })).toEqual({ tmdb: null, tvdb: null, imdb: null });
    }
    for (const bad of ["", "0133093", "nm0000206", "tt", "tt12x", 133093]) expect(ids({ Provider_imdb: bad })?.imdb).toBeNull();
    // The first valid value of a kind wins; an invalid one does not block a later valid one.
    expect(ids({ Provider_tmdb: "x", Provider_Tmdb: "604", PROVIDER_TMDB: "605" })?.tmdb).toBe(604);
  });

  it("a template's quoted values: numbers as strings, empty strings as absent", () => {
    const e = ok(
      parseJellyfinWebhook({
        NotificationType: "ItemAdded",
        ItemType: "Episode",
        Name: "Pilot",
        Year: "2008",
        SeriesName: "Breaking Bad",
        SeriesId: "",
        SeriesPremiereDate: "",
        SeasonNumber: "01",
        EpisodeNumber: "",
        Provider_tmdb: "",
        Provider_tvdb: "349232",
        Provider_imdb: "",
      }),
    );
    expect(e.item).toMatchObject({
      seriesYear: 2008,
      seriesId: null,
      seasonNumber: 1,
      episodeNumber: null,
      ids: { tmdb: null, tvdb: 349232, imdb: null },
    });
  });

  it("implausible years and numbers read as absent", () => {
    const item = (fields: Record<string, unknown>) =>
      ok(parseJellyfinWebhook({ NotificationType: "ItemAdded", ItemType: "Episode", ...fields })).item!;
    expect(item({ Year: 99999 }).seriesYear).toBeNull();
    expect(item({ Year: 1066 }).seriesYear).toBeNull();
    expect(item({ Year: "abc" }).seriesYear).toBeNull();
    expect(item({ SeasonNumber: -1, EpisodeNumber: 2.5 })).toMatchObject({ seasonNumber: null, episodeNumber: null });
    expect(item({ SeasonNumber: 0 }).seasonNumber).toBe(0);
  });

  it("names: the plugin's \\\" escapes and Handlebars HTML entities are undone; whitespace trimmed", () => {
    const e = added({ type: "Movie", name: 'Say "Hi"' }, {});
    expect(e.item?.title).toBe('Say "Hi"');
    expect(
      added({ type: "Movie", name: "x" }, { Name: "Tom &amp; Jerry &#x27;&#39;&quot;&#x3D; Am&#233;lie &#x1F600; &amp;lt;" }).item?.title,
    ).toBe("Tom & Jerry ''\"= Amélie 😀 &lt;");
    expect(added({ type: "Movie", name: "  Spaced  " }).item?.title).toBe("Spaced");
    expect(added({ type: "Movie", name: "   " }).item?.title).toBeNull();
  });

  it("length caps: titles 500, server names 200, over-long ids dropped", () => {
    const e = added({ type: "Episode", name: "é".repeat(700), series: { name: "s".repeat(501) } }, { ItemId: "a".repeat(129) });
    expect(e.item?.title).toHaveLength(500);
    expect(e.item?.seriesTitle).toHaveLength(500);
    expect(e.item?.id).toBeNull();
    const server = ok(parseJellyfinWebhook({ NotificationType: "X", ServerName: "n".repeat(300), ServerId: "i".repeat(129) })).server;
    expect(server).toEqual({ id: null, name: "n".repeat(200) });
    // A surrogate pair is never cut in half.
    expect(added({ type: "Movie", name: `${"a".repeat(499)}😀` }).item?.title).toBe("a".repeat(499));
  });
});

describe("parseJellyfinWebhook: wrong shapes (→ 422)", () => {
  it("JSON that is not an object", () => {
    for (const body of [null, [], [{ NotificationType: "ItemAdded" }], "ItemAdded", 42, true]) {
      expect(issues(parseJellyfinWebhook(body))).toEqual([{ path: [], message: "Payload must be a JSON object" }]);
    }
  });

  it("NotificationType missing or not a string; server fields of the wrong type", () => {
    expect(issues(parseJellyfinWebhook({ Name: "x" }))).toEqual([{ path: ["NotificationType"], message: "Required" }]);
    expect(issues(parseJellyfinWebhook({ NotificationType: 1 }))).toEqual([{ path: ["NotificationType"], message: "Expected a string" }]);
    expect(issues(parseJellyfinWebhook({ NotificationType: "ItemAdded", ServerId: 7, ServerName: [] }))).toEqual([
      { path: ["ServerId"], message: "Expected a string" },
      { path: ["ServerName"], message: "Expected a string" },
    ]);
  });

  it("ItemAdded: ItemType required; names strings; numbers strings or numbers — every issue named", () => {
    expect(issues(parseJellyfinWebhook({ NotificationType: "ItemAdded", Name: "x" }))).toEqual([
      { path: ["ItemType"], message: "Required" },
    ]);
    expect(
      issues(
        parseJellyfinWebhook({
          NotificationType: "ItemAdded",
          ItemType: "Movie",
          Name: { en: "x" },
          Year: [1999],
          SeriesName: 5,
          SeasonNumber: true,
        }),
      ),
    ).toEqual([
      { path: ["Name"], message: "Expected a string" },
      { path: ["Year"], message: "Expected a string or a number" },
      { path: ["SeriesName"], message: "Expected a string" },
      { path: ["SeasonNumber"], message: "Expected a string or a number" },
    ]);
  });
});

describe("the template docs/jellyfin.md recommends", () => {
  const doc = readFileSync(new URL("../../../../docs/jellyfin.md", import.meta.url), "utf8");
  const template = /<!-- jellyfin-template:start -->\n```handlebars\n([\s\S]*?)```\n<!-- jellyfin-template:end -->/.exec(doc)?.[1];

  it("renders valid JSON that parses to exactly what Send All Properties gives, for every item type", () => {
    expect(template).toBeDefined();
    const items: JellyfinWebhookItem[] = [
      matrix,
      { type: "Movie", name: 'Tom & Jerry: "The Movie" <1992>', year: 1992 },
      { type: "Series", name: "Breaking Bad", year: 2008, providerIds: { Tmdb: "1396", Tvdb: "81189" } },
      { type: "Season", name: "Season 2", seasonNumber: 2, series: { name: "Breaking Bad", year: 2008 }, providerIds: { Tvdb: "30272" } },
      {
        type: "Episode",
        name: "Pilot",
        seasonNumber: 1,
        episodeNumber: 1,
        series: { name: "Breaking Bad", premiereDate: "2008-01-20" },
        providerIds: { Imdb: "tt0959621" },
      },
      { type: "Audio", name: "Song" },
    ];
    for (const item of items) {
      const data = jellyfinSendAllProperties("ItemAdded", item);
      const fromTemplate = ok(parseJellyfinWebhook(JSON.parse(renderJellyfinTemplate(template!, data))));
      expect(fromTemplate).toEqual(ok(parseJellyfinWebhook(JSON.parse(jellyfinBody(data)))));
    }
    const other = jellyfinSendAllProperties("PlaybackStart", matrix);
    expect(ok(parseJellyfinWebhook(JSON.parse(renderJellyfinTemplate(template!, other))))).toMatchObject({
      event: "other",
      name: "PlaybackStart",
    });
  });

  it("with double braces around a name the plugin HTML-escapes it, and Stellarr undoes that", () => {
    const doubled = template!.replace("{{{Name}}}", "{{Name}}");
    const data = jellyfinSendAllProperties("ItemAdded", { type: "Movie", name: "Tom & Jerry = <Friends>" });
    expect(renderJellyfinTemplate(doubled, data)).toContain('"Name": "Tom &amp; Jerry &#x3D; &lt;Friends&gt;"');
    expect(ok(parseJellyfinWebhook(JSON.parse(renderJellyfinTemplate(doubled, data)))).item?.title).toBe("Tom & Jerry = <Friends>");
  });
});
