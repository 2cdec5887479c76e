/**
 * The importer's pure half: reading the original's values (ids, timestamps) and the collector's
 * rules (keys, duplicates, GUID-cache media types and corruption, push subscriptions).
 */
import { describe, expect, it } from "vitest";
import { createCollector, mediaTypeOfGuid } from "../../src/domain/import-original/collect.js";
import { collectDynamoItem, fromAttributeValue } from "../../src/domain/import-original/dynamodb-layout.js";
import { INVALID, readId, readImdbId, readTimestamp, readYear } from "../../src/domain/import-original/values.js";
import { vapidPairMatches } from "../../src/domain/push/vapid-pair.js";
import { vapidKeys } from "../push/support.js";

describe("values of the original", () => {
  it("reads ids: numbers, numeric strings, SQLite bigints; anything else is invalid, absence is null", () => {
    expect(readId(603)).toBe(603);
    expect(readId("121361")).toBe(121361);
    expect(readId(81189n)).toBe(81189);
    for (const absent of [undefined, null, "", "  "]) expect(readId(absent)).toBeNull();
    for (const bad of [0, -4, 12.5, "12.5", "abc", " 603", "-1", 2 ** 31, 2n ** 40n, true, {}, Number.NaN])
      expect(readId(bad)).toBe(INVALID);
    expect(readYear("2011")).toBe(2011);
    expect(readYear("n/a")).toBe(INVALID);
    expect(readYear(20111)).toBe(INVALID);
    expect(readImdbId("TT0137523")).toBe("tt0137523");
    expect(readImdbId("")).toBeNull();
    expect(readImdbId("nm0000206")).toBe(INVALID);
  });

  it("reads both backends' timestamps as ISO-8601 UTC, exact to the second (fractions truncated to ms)", () => {
    expect(readTimestamp("2024-01-15 10:30:00")).toBe("2024-01-15T10:30:00.000Z");
    expect(readTimestamp("2024-01-15T10:30:00.123456+00:00")).toBe("2024-01-15T10:30:00.123Z");
    expect(readTimestamp("2024-01-20T07:15:30.999999+00:00")).toBe("2024-01-20T07:15:30.999Z");
    expect(readTimestamp("2024-01-15T12:30:00+02:00")).toBe("2024-01-15T10:30:00.000Z");
    expect(readTimestamp("2024-01-15T05:00:00-0530")).toBe("2024-01-15T10:30:00.000Z");
    expect(readTimestamp("2024-01-15T10:30:00Z")).toBe("2024-01-15T10:30:00.000Z");
    expect(readTimestamp(null)).toBeNull();
    for (const bad of ["yesterday", "2024-02-30 10:00:00", "2024-01-15 24:00:00", "2024-01-15", 1705312800, "1969-12-31 23:59:59"]) {
      expect(readTimestamp(bad), String(bad)).toBe(INVALID);
    }
  });

  it("reads DynamoDB JSON keeping a string a string", () => {
    expect(fromAttributeValue({ S: "81189" })).toBe("81189");
    expect(fromAttributeValue({ N: "12.5" })).toBe(12.5);
    expect(fromAttributeValue({ M: { keys: { M: { auth: { S: "a" } } }, n: { NULL: true } } })).toEqual({ keys: { auth: "a" }, n: null });
    expect(fromAttributeValue({ L: [{ BOOL: true }, { NS: ["1", "2"] }] })).toEqual([true, [1, 2]]);
  });

  it("tells a VAPID key pair from two unrelated keys", () => {
    const a = vapidKeys();
    const b = vapidKeys();
    expect(vapidPairMatches(a.publicKey, a.privateKey)).toBe(true);
    expect(vapidPairMatches(a.publicKey, b.privateKey)).toBe(false);
    expect(vapidPairMatches("not-a-key", a.privateKey)).toBe(false);
  });
});

describe("the collector", () => {
  const wire = (item: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(item).map(([k, v]) => [k, typeof v === "number" ? { N: String(v) } : { S: String(v) }]));

  it("keeps the earliest of duplicate requests and lists requests oldest first", () => {
    const c = createCollector();
    c.request({ media_type: "tv", tmdb_id: 2, created_at: "2024-01-02 00:00:00" }, "b");
    c.request({ media_type: "movie", tmdb_id: 1, created_at: "2024-01-03 00:00:00" }, "late");
    c.request({ media_type: "movie", tmdb_id: "1", created_at: "2024-01-01 00:00:00" }, "early");
    const data = c.finish();
    expect(data.requests.map((r) => [r.media_type, r.tmdb_id, r.created_at])).toEqual([
      ["movie", 1, "2024-01-01T00:00:00.000Z"],
      ["tv", 2, "2024-01-02T00:00:00.000Z"],
    ]);
    expect(data.skipped).toEqual([{ kind: "requests", ref: "late", reason: "duplicate of early (the earliest request is kept)" }]);
  });

  it("takes media type exactly as movie or tv: no case folding, no synonyms", () => {
    const c = createCollector();
    for (const t of ["Movie", "TV", "movies", "show", " movie", "series"])
      c.request({ media_type: t, tmdb_id: 1, created_at: "2024-01-01 00:00:00" }, t);
    c.request({ tmdb_id: 1, created_at: "2024-01-01 00:00:00" }, "none");
    const data = c.finish();
    expect(data.requests).toEqual([]);
    expect(data.skipped.map((f) => f.reason)).toEqual([
      ...Array(6).fill('media_type is not exactly "movie" or "tv"'),
      "missing media_type",
    ]);
  });

  it("resolves cached GUIDs' media types, keeps the newest duplicate, and drops the hash-key corruption and its library entry", () => {
    const c = createCollector();
    const g = "plex://show/x";
    collectDynamoItem(
      wire({ media_type: "PLEX_GUID_CACHE", tmdb_id: 100, plex_guid: g, show_tmdb_id: 82728, cached_at: "2024-01-01T00:00:00+00:00" }),
      c,
    );
    collectDynamoItem(
      wire({
        media_type: "PLEX_GUID_CACHE",
        tmdb_id: 200,
        plex_guid: g,
        show_tmdb_id: 82728,
        show_tvdb_id: 353546,
        cached_at: "2024-01-02T00:00:00+00:00",
      }),
      c,
    );
    collectDynamoItem(
      wire({ media_type: "PLEX_GUID_CACHE", tmdb_id: 300, plex_guid: g, show_tmdb_id: 200, cached_at: "2024-01-03T00:00:00+00:00" }),
      c,
    );
    collectDynamoItem(wire({ media_type: "LIBRARY#tv", tmdb_id: 200, title: "Garbage" }), c);
    collectDynamoItem(wire({ media_type: "LIBRARY#tv", tmdb_id: 82728, title: "Bluey" }), c);
    collectDynamoItem(wire({ media_type: "LIBRARY#movie", tmdb_id: 550 }), c);
    collectDynamoItem(
      wire({ media_type: "PLEX_GUID_CACHE", tmdb_id: 400, plex_guid: "com.plexapp.agents.themoviedb://550", show_tmdb_id: 550 }),
      c,
    );
    collectDynamoItem(
      wire({ media_type: "PLEX_GUID_CACHE", tmdb_id: 500, plex_guid: "com.plexapp.agents.themoviedb://9", show_tmdb_id: 9 }),
      c,
    );
    collectDynamoItem(
      wire({ media_type: "movie", tmdb_id: 9, created_at: "2024-01-01T00:00:00+00:00", plex_guid: "com.plexapp.agents.themoviedb://9" }),
      c,
    );
    const data = c.finish();
    expect(data.guids).toEqual([
      { guid: g, mapping: { media_type: "tv", tmdb_id: 82728, tvdb_id: 353546 } },
      { guid: "com.plexapp.agents.themoviedb://550", mapping: { media_type: "movie", tmdb_id: 550, tvdb_id: null } },
      { guid: "com.plexapp.agents.themoviedb://9", mapping: { media_type: "movie", tmdb_id: 9, tvdb_id: null } },
    ]);
    expect(data.library.map((e) => `${e.media_type}:${e.tmdb_id}`)).toEqual(["tv:82728", "movie:550"]);
    expect(data.skipped.map((f) => `${f.kind} ${f.ref}: ${f.reason}`)).toEqual([
      "guids PLEX_GUID_CACHE/300: TMDB id is the storage key of another cache row of the same GUID (the original's cache corruption)",
      "guids PLEX_GUID_CACHE/100: older duplicate of PLEX_GUID_CACHE/200 (the newest is kept)",
      "library LIBRARY#tv/200: TMDB id comes from the original's GUID-cache corruption",
    ]);
    expect(mediaTypeOfGuid("com.plexapp.agents.thetvdb://81189?lang=en")).toBe("tv");
    expect(mediaTypeOfGuid("com.plexapp.agents.imdb://tt0133093?lang=en")).toBe("movie");
    expect(mediaTypeOfGuid("com.plexapp.agents.themoviedb://603")).toBeNull();
  });

  it("counts rate-limit, config and test items as ignored, never as skipped", () => {
    const c = createCollector();
    collectDynamoItem(wire({ media_type: "RATELIMIT#203.0.113.9", tmdb_id: 0, failed_attempts: 3 }), c);
    collectDynamoItem(wire({ media_type: "CONFIG", tmdb_id: 0 }), c);
    collectDynamoItem(wire({ media_type: "TEST", tmdb_id: 99999999 }), c);
    const data = c.finish();
    expect(data.ignored).toEqual({ "rate-limit items": 1, "config items": 1, "test items": 1 });
    expect(data.skipped).toEqual([]);
    expect(data.rows).toBe(3);
  });
});
