import type { MediaItem, MediaRequest } from "@/api/types.js";

export function item(id: number, overrides: Partial<MediaItem> = {}): MediaItem {
  return {
    id,
    title: `Title ${id}`,
    year: 2020,
    overview: `Overview ${id}`,
    poster_path: `/p${id}.jpg`,
    media_type: "movie",
    vote_average: 7.5,
    ...overrides,
  };
}

export function request(id: number, overrides: Partial<MediaRequest> = {}): MediaRequest {
  return {
    tmdb_id: id,
    media_type: "movie",
    title: `Request ${id}`,
    year: 2021,
    overview: null,
    poster_path: null,
    imdb_id: `tt${String(id).padStart(7, "0")}`,
    tvdb_id: null,
    requested_by: "alice",
    created_at: "2026-03-04T10:00:00.000Z",
    added_at: null,
    plex_guid: null,
    profile: "default",
    seasons: overrides.media_type === "tv" ? { all: true, seasons: [] } : null,
    ...overrides,
  };
}

/** A token whose issue time is now, in the three-part shape the server issues. */
export const freshToken = (name = "alice"): string => `${Math.floor(Date.now() / 1000)}.${btoa(name)}.sig`;
