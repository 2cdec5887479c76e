/**
 * The original Stellarr's data, in both of its layouts (../shared/docs/reference-original.md §5.1
 * SQLite, §5.2 DynamoDB), with the defects the original lets into them: junk partitions and bad
 * media types (its `POST /api/request` stores any `media_type`), ids stored as strings, fractional,
 * zero or negative ids, duplicate GUID-cache rows (its per-process hash keys), the GUID-cache
 * corruption of §7.1.5, rows missing keys or timestamps, incomplete push subscriptions, and the
 * rate-limit, config and test items that are not data.
 *
 * Values are plain JS: in the DynamoDB items a string is stored as `S` and a number as `N`, so
 * `tvdb_id: "81189"` is the original's "string id" defect.
 */

/** Rows of the Docker backend's tables (§5.1), in insertion order; `id` is the AUTOINCREMENT key. */
export interface OriginalSqliteRows {
  requests: Record<string, unknown>[];
  library: Record<string, unknown>[];
  plex_guid_cache: Record<string, unknown>[];
  config: Record<string, unknown>[];
}

export const MATRIX_GUID = "plex://movie/5d7768ba96b655001fdc0408";
export const BLUEY_GUID = "plex://show/5d9c090e705e7a001e6e94d8";
export const BREAKING_BAD_GUID = "plex://show/5d9c086c46115600200aa2fe";
export const SEVERANCE_AGENT_GUID = "com.plexapp.agents.themoviedb://95396?lang=en";
export const FIGHT_CLUB_AGENT_GUID = "com.plexapp.agents.themoviedb://550?lang=en";

const request = (over: Record<string, unknown>): Record<string, unknown> => ({
  year: null,
  overview: null,
  poster_path: null,
  imdb_id: null,
  tvdb_id: null,
  added_at: null,
  plex_guid: null,
  ...over,
});

/** The Docker backend's SQLite file: no requester names, zone-less UTC timestamps, no push. */
export function originalSqliteRows(): OriginalSqliteRows {
  return {
    requests: [
      request({
        id: 1,
        tmdb_id: 603,
        media_type: "movie",
        title: "The Matrix",
        year: 1999,
        overview: "A hacker learns the truth.",
        poster_path: "/f89U3ADr1oiB1s9GkdPOEpXUk5H.jpg",
        imdb_id: "tt0133093",
        created_at: "2024-01-15 10:30:00",
        added_at: "2024-02-01 08:00:00",
        plex_guid: MATRIX_GUID,
      }),
      request({
        id: 2,
        tmdb_id: 1396,
        media_type: "tv",
        title: "Breaking Bad",
        year: 2008,
        imdb_id: "tt0903747",
        tvdb_id: 81189,
        created_at: "2024-01-16 09:00:00",
      }),
      request({
        id: 3,
        tmdb_id: 95396,
        media_type: "tv",
        title: "Severance",
        year: 2022,
        tvdb_id: 371980,
        created_at: "2024-03-02 18:45:10",
        added_at: "2024-03-10 07:00:00",
        plex_guid: SEVERANCE_AGENT_GUID,
      }),
      // Defects: a text id, zero, a fractional id, media types other than exactly movie/tv, a
      // timestamp that is not one, a TVDB id that is not a number.
      request({ id: 4, tmdb_id: "abc", media_type: "movie", title: "Text id", created_at: "2024-01-17 10:00:00" }),
      request({ id: 5, tmdb_id: 0, media_type: "movie", title: "Zero id", created_at: "2024-01-17 10:00:01" }),
      request({ id: 6, tmdb_id: 12.5, media_type: "movie", title: "Fractional id", created_at: "2024-01-17 10:00:02" }),
      request({ id: 7, tmdb_id: 24428, media_type: "Movie", title: "The Avengers", created_at: "2024-01-17 10:00:03" }),
      request({ id: 8, tmdb_id: 1399, media_type: "TV", title: "Game of Thrones", created_at: "2024-01-17 10:00:04" }),
      request({ id: 9, tmdb_id: 13, media_type: "movie", title: "Forrest Gump", created_at: "yesterday" }),
      request({ id: 10, tmdb_id: 27205, media_type: "movie", title: "Inception", year: "n/a", created_at: "2024-04-01 20:00:00" }),
      request({ id: 11, tmdb_id: 120, media_type: "tv", title: "Bad TVDB id", tvdb_id: "unknown", created_at: "2024-04-02 20:00:00" }),
    ],
    library: [
      { tmdb_id: 603, media_type: "movie", tvdb_id: null, title: "The Matrix", synced_at: "2024-02-01 08:00:00" },
      { tmdb_id: 550, media_type: "movie", tvdb_id: null, title: "Fight Club", synced_at: "2024-02-01 08:00:00" },
      { tmdb_id: 95396, media_type: "tv", tvdb_id: 371980, title: "Severance", synced_at: "2024-03-10 07:00:00" },
      { tmdb_id: 1396, media_type: "show", tvdb_id: 81189, title: "Breaking Bad", synced_at: "2024-03-10 07:00:00" },
      { tmdb_id: "x", media_type: "movie", tvdb_id: null, title: "Text id", synced_at: "2024-03-10 07:00:00" },
    ],
    plex_guid_cache: [
      { plex_guid: MATRIX_GUID, show_tmdb_id: 603, show_tvdb_id: null, cached_at: "2024-02-01 08:00:00" },
      // A legacy agent GUID says nothing of the type: the fulfilled request carrying it does.
      { plex_guid: SEVERANCE_AGENT_GUID, show_tmdb_id: 95396, show_tvdb_id: 371980, cached_at: "2024-03-10 07:00:00" },
      // … or the one library type that holds its TMDB id.
      { plex_guid: FIGHT_CLUB_AGENT_GUID, show_tmdb_id: 550, show_tvdb_id: null, cached_at: "2024-03-10 07:00:00" },
      // No TMDB id (a TVDB episode lookup found only the series): skipped.
      { plex_guid: BREAKING_BAD_GUID, show_tmdb_id: null, show_tvdb_id: 81189, cached_at: "2024-03-11 07:00:00" },
      // Nothing tells whether 4242 is a movie or a show: skipped.
      {
        plex_guid: "com.plexapp.agents.themoviedb://4242?lang=en",
        show_tmdb_id: 4242,
        show_tvdb_id: null,
        cached_at: "2024-03-11 07:00:00",
      },
    ],
    config: [{ key: "trending_key", value: "trending/abc", created_at: "2024-01-01 00:00:00" }],
  };
}

/** A browser push subscription as the original stored it (`keys` in standard base64 with padding here). */
export interface OriginalDevice {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

export const ALICE_DEVICE: OriginalDevice = {
  endpoint: "https://push.example.net/wpush/v2/alice-phone",
  keys: {
    p256dh: "BD7ZB5oY84ZTKTq5RFzB7+p8OLEucsnBcIujABNeKjimG0GbYqICLPVr0NMmE/WBhbewcTR719pA4+9JFyJOQwg=",
    auth: "vj9uHjxSBV3J7DUrFmLJlg==",
  },
};

const BOB_P256DH = "BHBehS3_L2zVLT_n7By9QDFz-NtLzFcR_FxWbC8D_rN6poIOiFSKOpObKGjQVnHD5xmNyM9u7WMZpljNWi1MLzw";
const BOB_AUTH = "rjcxpxwfKcnGy0GxQcghCA";

/** Sort keys of the GUID-cache rows (the original's `hash(plex_guid) mod 2^31`, different per Lambda container). */
export const CACHE_KEYS = { blueyOld: 1_482_113_907, blueyNew: 905_117_233, blueyCorrupt: 377_201_640, matrix: 1_003_004_005 };

/**
 * The AWS backend's single table (§5.2): requests with requester names and ISO-8601 timestamps
 * with microseconds, library partitions, the hash-keyed GUID cache, push subscriptions by name.
 * `alice` replaces Alice's device (tests give a device of a local push service).
 */
export function originalDynamoItems(opts: { alice?: OriginalDevice } = {}): Record<string, unknown>[] {
  const alice = opts.alice ?? ALICE_DEVICE;
  return [
    // Requests.
    {
      media_type: "movie",
      tmdb_id: 603,
      title: "The Matrix",
      year: 1999,
      overview: "A hacker learns the truth.",
      poster_path: "/f89U3ADr1oiB1s9GkdPOEpXUk5H.jpg",
      imdb_id: "tt0133093",
      requested_by: "alice",
      created_at: "2024-01-15T10:30:00.123456+00:00",
      added_at: "2024-02-01T08:00:00.000001+00:00",
      plex_guid: MATRIX_GUID,
    },
    {
      media_type: "movie",
      tmdb_id: 550,
      title: "Fight Club",
      year: 1999,
      // Upper-case IMDb id, and a name in decomposed Unicode (the login stores NFC).
      imdb_id: "TT0137523",
      requested_by: "Zoe\u0301",
      created_at: "2024-03-01T12:00:00.500000+00:00",
    },
    // A requester name the login refuses (a control character): imported without it.
    {
      media_type: "movie",
      tmdb_id: 27205,
      title: "Inception",
      year: 2010,
      requested_by: "bob\u0007",
      created_at: "2024-04-01T20:00:00.000000+00:00",
    },
    // A string id: read as the number.
    {
      media_type: "tv",
      tmdb_id: 1396,
      title: "Breaking Bad",
      year: 2008,
      tvdb_id: "81189",
      requested_by: "bob",
      created_at: "2024-01-16T09:00:00.000000+00:00",
    },
    {
      media_type: "tv",
      tmdb_id: 82728,
      title: "Bluey",
      year: 2018,
      poster_path: "/b9mY0X5T20ZqOlkEkm1dyi3xSjJ.jpg",
      tvdb_id: 353546,
      requested_by: "alice",
      created_at: "2024-01-20T07:15:30.999999+00:00",
      added_at: "2024-02-05T06:00:00.250000+00:00",
      plex_guid: BLUEY_GUID,
    },
    // A numeric-string year, and a poster that is not a TMDB path (dropped).
    {
      media_type: "tv",
      tmdb_id: 1399,
      title: "Game of Thrones",
      year: "2011",
      poster_path: "https://example.com/got.jpg",
      tvdb_id: "121361",
      requested_by: "carol",
      created_at: "2024-05-05T05:05:05.050505+00:00",
    },
    // Defects: a fractional, a zero and a negative id; a TVDB id that is no number; no created_at.
    { media_type: "movie", tmdb_id: 12.5, title: "Fractional", requested_by: "alice", created_at: "2024-01-17T10:00:00+00:00" },
    { media_type: "movie", tmdb_id: 0, title: "Zero", requested_by: "alice", created_at: "2024-01-17T10:00:01+00:00" },
    { media_type: "movie", tmdb_id: -4, title: "Negative", requested_by: "alice", created_at: "2024-01-17T10:00:02+00:00" },
    {
      media_type: "tv",
      tmdb_id: 95396,
      title: "Severance",
      tvdb_id: "n/a",
      requested_by: "alice",
      created_at: "2024-01-17T10:00:03+00:00",
    },
    { media_type: "movie", tmdb_id: 680, title: "Pulp Fiction", requested_by: "alice" },
    // Junk partitions: media types other than exactly movie/tv.
    { media_type: "Movie", tmdb_id: 603, title: "The Matrix", requested_by: "alice", created_at: "2024-01-15T10:31:00.000000+00:00" },
    { media_type: "movies", tmdb_id: 24428, title: "The Avengers", requested_by: "bob", created_at: "2024-01-18T10:00:00.000000+00:00" },
    { media_type: "TV", tmdb_id: 1396, title: "Breaking Bad", requested_by: "bob", created_at: "2024-01-16T09:01:00.000000+00:00" },
    { media_type: "series", tmdb_id: 1, title: "Junk", created_at: "2024-01-18T10:00:00.000000+00:00" },

    // Library.
    { media_type: "LIBRARY#movie", tmdb_id: 603, title: "The Matrix", synced_at: "2024-02-01T08:00:00.000000+00:00" },
    { media_type: "LIBRARY#movie", tmdb_id: 550, title: "Fight Club", synced_at: "2024-02-01T08:00:00.000000+00:00" },
    { media_type: "LIBRARY#tv", tmdb_id: 82728, tvdb_id: 353546, title: "Bluey", synced_at: "2024-02-05T06:00:00.000000+00:00" },
    { media_type: "LIBRARY#tv", tmdb_id: 1396, tvdb_id: "81189", title: "Breaking Bad", synced_at: "2024-02-05T06:00:00.000000+00:00" },
    { media_type: "LIBRARY#show", tmdb_id: 1399, title: "Game of Thrones", synced_at: "2024-02-05T06:00:00.000000+00:00" },
    { media_type: "LIBRARY#movie", tmdb_id: 0, title: "Zero", synced_at: "2024-02-05T06:00:00.000000+00:00" },
    // The corruption's garbage id (a cache row's hash key) that later episodes put into the library.
    { media_type: "LIBRARY#tv", tmdb_id: CACHE_KEYS.blueyNew, title: "Bluey", synced_at: "2024-02-07T06:00:00.000000+00:00" },

    // GUID cache: the same GUID under several hash keys (one per Lambda container).
    {
      media_type: "PLEX_GUID_CACHE",
      tmdb_id: CACHE_KEYS.blueyOld,
      plex_guid: BLUEY_GUID,
      show_tmdb_id: 82728,
      cached_at: "2024-02-05T06:00:00.000000+00:00",
    },
    {
      media_type: "PLEX_GUID_CACHE",
      tmdb_id: CACHE_KEYS.blueyNew,
      plex_guid: BLUEY_GUID,
      show_tmdb_id: 82728,
      show_tvdb_id: 353546,
      cached_at: "2024-02-06T06:00:00.000000+00:00",
    },
    // The newest row of that GUID is the corruption: its "TMDB id" is another row's hash key.
    {
      media_type: "PLEX_GUID_CACHE",
      tmdb_id: CACHE_KEYS.blueyCorrupt,
      plex_guid: BLUEY_GUID,
      show_tmdb_id: CACHE_KEYS.blueyNew,
      cached_at: "2024-02-07T06:00:00.000000+00:00",
      added_at: "2024-02-07T06:00:00.000000+00:00",
    },
    {
      media_type: "PLEX_GUID_CACHE",
      tmdb_id: CACHE_KEYS.matrix,
      plex_guid: MATRIX_GUID,
      show_tmdb_id: "603",
      cached_at: "2024-02-01T08:00:00.000000+00:00",
    },
    {
      media_type: "PLEX_GUID_CACHE",
      tmdb_id: 11,
      plex_guid: FIGHT_CLUB_AGENT_GUID,
      show_tmdb_id: 550,
      cached_at: "2024-02-01T08:00:00.000000+00:00",
    },
    // No TMDB id; no GUID at all; a type nothing tells.
    {
      media_type: "PLEX_GUID_CACHE",
      tmdb_id: 12,
      plex_guid: BREAKING_BAD_GUID,
      show_tvdb_id: 81189,
      cached_at: "2024-02-01T08:00:00.000000+00:00",
    },
    { media_type: "PLEX_GUID_CACHE", tmdb_id: 13, show_tmdb_id: 1396, cached_at: "2024-02-01T08:00:00.000000+00:00" },
    {
      media_type: "PLEX_GUID_CACHE",
      tmdb_id: 14,
      plex_guid: "com.plexapp.agents.themoviedb://4242?lang=en",
      show_tmdb_id: 4242,
      cached_at: "2024-02-01T08:00:00.000000+00:00",
    },

    // Push subscriptions, one per display name.
    { media_type: "PUSH#alice", tmdb_id: 0, endpoint: alice.endpoint, keys: alice.keys, subscribed_at: "2024-01-15T10:00:00.000000+00:00" },
    // The same browser subscribed earlier under another name: the later subscription keeps it.
    { media_type: "PUSH#dave", tmdb_id: 0, endpoint: alice.endpoint, keys: alice.keys, subscribed_at: "2024-01-10T10:00:00.000000+00:00" },
    {
      media_type: "PUSH#bob",
      tmdb_id: 0,
      endpoint: "https://push.example.net/wpush/v2/bob",
      keys: { p256dh: BOB_P256DH },
      subscribed_at: "2024-01-16T10:00:00.000000+00:00",
    },
    {
      media_type: "PUSH#carol",
      tmdb_id: 0,
      endpoint: "http://push.example.net/carol",
      keys: { p256dh: BOB_P256DH, auth: BOB_AUTH },
      subscribed_at: "2024-01-16T10:00:00.000000+00:00",
    },
    {
      media_type: `PUSH#${"n".repeat(51)}`,
      tmdb_id: 0,
      endpoint: "https://push.example.net/wpush/v2/long",
      keys: { p256dh: BOB_P256DH, auth: BOB_AUTH },
      subscribed_at: "2024-01-16T10:00:00.000000+00:00",
    },

    // Not data: the login rate limiter, the unused config item, the integration script's record.
    {
      media_type: "RATELIMIT#203.0.113.9",
      tmdb_id: 0,
      failed_attempts: 3,
      first_attempt: 1705312800,
      last_attempt: 1705312900,
      ttl: 1705313760,
    },
    {
      media_type: "RATELIMIT#198.51.100.7",
      tmdb_id: 0,
      failed_attempts: 1,
      first_attempt: 1705312800,
      last_attempt: 1705312800,
      ttl: 1705313760,
    },
    { media_type: "CONFIG", tmdb_id: 0, trending_key: "trending/abc", created_at: "2024-01-01T00:00:00.000000+00:00" },
    { media_type: "TEST", tmdb_id: 99999999, title: "Test" },
  ];
}
