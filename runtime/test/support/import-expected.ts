/**
 * What importing the testkit's original data must produce, row for row (the API's request shape,
 * newest first), per source layout.
 */
import { ALICE_DEVICE, BLUEY_GUID, FIGHT_CLUB_AGENT_GUID, MATRIX_GUID, SEVERANCE_AGENT_GUID } from "@stellarr/testkit/original/dataset";
import type { GuidMapping, MediaRequest } from "../../src/ports/store/index.js";
import type { SourceKind } from "./import-bench.js";

/** The original has no profiles or per-season requests: every imported request is "default", shows ask for all seasons. */
const withArrDefaults = (r: Omit<MediaRequest, "profile" | "seasons">): MediaRequest => ({
  ...r,
  profile: "default",
  seasons: r.media_type === "tv" ? { all: true, seasons: [] } : null,
});

const base = {
  year: null,
  overview: null,
  poster_path: null,
  imdb_id: null,
  tvdb_id: null,
  requested_by: null,
  added_at: null,
  plex_guid: null,
} as const;

const MATRIX_POSTER = "/f89U3ADr1oiB1s9GkdPOEpXUk5H.jpg";

export interface Expected {
  /** Newest first, as `GET /api/requests` lists them. */
  requests: Omit<MediaRequest, "profile" | "seasons">[];
  library: { movie: number[]; tv: number[] };
  guids: Record<string, GuidMapping>;
  counts: Record<"requests" | "library" | "guids" | "subscriptions", { imported: number; skipped: number }>;
  ignored: string;
}

const EXPECTED_ROWS: Record<SourceKind, Expected> = {
  sqlite: {
    requests: [
      { ...base, tmdb_id: 27205, media_type: "movie", title: "Inception", created_at: "2024-04-01T20:00:00.000Z" },
      {
        ...base,
        tmdb_id: 95396,
        media_type: "tv",
        title: "Severance",
        year: 2022,
        tvdb_id: 371980,
        created_at: "2024-03-02T18:45:10.000Z",
        added_at: "2024-03-10T07:00:00.000Z",
        plex_guid: SEVERANCE_AGENT_GUID,
      },
      {
        ...base,
        tmdb_id: 1396,
        media_type: "tv",
        title: "Breaking Bad",
        year: 2008,
        imdb_id: "tt0903747",
        tvdb_id: 81189,
        created_at: "2024-01-16T09:00:00.000Z",
      },
      {
        ...base,
        tmdb_id: 603,
        media_type: "movie",
        title: "The Matrix",
        year: 1999,
        overview: "A hacker learns the truth.",
        poster_path: MATRIX_POSTER,
        imdb_id: "tt0133093",
        created_at: "2024-01-15T10:30:00.000Z",
        added_at: "2024-02-01T08:00:00.000Z",
        plex_guid: MATRIX_GUID,
      },
    ],
    library: { movie: [550, 603], tv: [95396] },
    guids: {
      [MATRIX_GUID]: { media_type: "movie", tmdb_id: 603, tvdb_id: null },
      [SEVERANCE_AGENT_GUID]: { media_type: "tv", tmdb_id: 95396, tvdb_id: 371980 },
      [FIGHT_CLUB_AGENT_GUID]: { media_type: "movie", tmdb_id: 550, tvdb_id: null },
    },
    counts: {
      requests: { imported: 4, skipped: 7 },
      library: { imported: 3, skipped: 2 },
      guids: { imported: 3, skipped: 2 },
      subscriptions: { imported: 0, skipped: 0 },
    },
    ignored: "Ignored (not data): 1 × config rows",
  },
  dynamodb: {
    requests: [
      {
        ...base,
        tmdb_id: 1399,
        media_type: "tv",
        title: "Game of Thrones",
        year: 2011,
        tvdb_id: 121361,
        requested_by: "carol",
        created_at: "2024-05-05T05:05:05.050Z",
      },
      { ...base, tmdb_id: 27205, media_type: "movie", title: "Inception", year: 2010, created_at: "2024-04-01T20:00:00.000Z" },
      {
        ...base,
        tmdb_id: 550,
        media_type: "movie",
        title: "Fight Club",
        year: 1999,
        imdb_id: "tt0137523",
        requested_by: "Zoé",
        created_at: "2024-03-01T12:00:00.500Z",
      },
      {
        ...base,
        tmdb_id: 82728,
        media_type: "tv",
        title: "Bluey",
        year: 2018,
        poster_path: "/b9mY0X5T20ZqOlkEkm1dyi3xSjJ.jpg",
        tvdb_id: 353546,
        requested_by: "alice",
        created_at: "2024-01-20T07:15:30.999Z",
        added_at: "2024-02-05T06:00:00.250Z",
        plex_guid: BLUEY_GUID,
      },
      {
        ...base,
        tmdb_id: 1396,
        media_type: "tv",
        title: "Breaking Bad",
        year: 2008,
        tvdb_id: 81189,
        requested_by: "bob",
        created_at: "2024-01-16T09:00:00.000Z",
      },
      {
        ...base,
        tmdb_id: 603,
        media_type: "movie",
        title: "The Matrix",
        year: 1999,
        overview: "A hacker learns the truth.",
        poster_path: MATRIX_POSTER,
        imdb_id: "tt0133093",
        requested_by: "alice",
        created_at: "2024-01-15T10:30:00.123Z",
        added_at: "2024-02-01T08:00:00.000Z",
        plex_guid: MATRIX_GUID,
      },
    ],
    library: { movie: [550, 603], tv: [1396, 82728] },
    guids: {
      [BLUEY_GUID]: { media_type: "tv", tmdb_id: 82728, tvdb_id: 353546 },
      [MATRIX_GUID]: { media_type: "movie", tmdb_id: 603, tvdb_id: null },
      [FIGHT_CLUB_AGENT_GUID]: { media_type: "movie", tmdb_id: 550, tvdb_id: null },
    },
    counts: {
      requests: { imported: 6, skipped: 9 },
      library: { imported: 4, skipped: 3 },
      guids: { imported: 3, skipped: 5 },
      // Without the original's VAPID keys Alice's complete subscription is skipped too.
      subscriptions: { imported: 0, skipped: 5 },
    },
    ignored: "Ignored (not data): 2 × rate-limit items, 1 × config items, 1 × test items",
  },
};

export const EXPECTED: Record<SourceKind, Omit<Expected, "requests"> & { requests: MediaRequest[] }> = {
  sqlite: { ...EXPECTED_ROWS.sqlite, requests: EXPECTED_ROWS.sqlite.requests.map(withArrDefaults) },
  dynamodb: { ...EXPECTED_ROWS.dynamodb, requests: EXPECTED_ROWS.dynamodb.requests.map(withArrDefaults) },
};

/** Alice's device as this Stellarr stores it: keys as unpadded base64url. */
export const ALICE_STORED = {
  endpoint: ALICE_DEVICE.endpoint,
  owner: "alice",
  p256dh: Buffer.from(ALICE_DEVICE.keys.p256dh, "base64").toString("base64url"),
  auth: Buffer.from(ALICE_DEVICE.keys.auth, "base64").toString("base64url"),
  locale: "en",
  created_at: "2024-01-15T10:00:00.000Z",
};

/** The summary line of one kind, as the CLI prints it. */
export function countsLine(
  label: string,
  c: { imported: number; updated?: number; present: number; skipped: number },
  dry = false,
): string {
  const updated = c.updated === undefined ? [] : [`${c.updated} ${dry ? "to complete" : "completed"}`];
  return `${label}: ${[`${c.imported} ${dry ? "to import" : "imported"}`, ...updated, `${c.present} already present`, `${c.skipped} skipped`].join(", ")}`;
}
