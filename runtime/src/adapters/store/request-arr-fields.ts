/**
 * How a request's *arr fields (issue #22) are stored, the same in SQLite and DynamoDB: `profile`
 * as its name, `seasons` as `encodeSeasons`'s short string (absent for movies and for TV rows
 * written before per-season requests, which read as all seasons), `anime` as a flag, and
 * `tmdb_seasons` as comma-separated numbers ("" = TMDB lists none, absent = unknown).
 */
import { ARR_PROFILES } from "../../domain/arr/profiles.js";
import { ALL_SEASONS, decodeSeasons, encodeSeasons } from "../../domain/arr/seasons.js";
import type { ArrProfile, MediaType, SeasonSelection } from "../../ports/store/index.js";
import type { NewRequest } from "../../ports/store/requests.js";

export interface StoredArrFields {
  profile: ArrProfile;
  seasons: string | null;
  anime: boolean;
  tmdb_seasons: string | null;
}

export const encodeTmdbSeasons = (seasons: readonly number[] | null | undefined): string | null =>
  seasons === null || seasons === undefined ? null : seasons.join(",");

export function decodeTmdbSeasons(text: string | null | undefined): number[] | null {
  if (text === null || text === undefined) return null;
  if (text === "") return [];
  const numbers = text.split(",").map(Number);
  return numbers.every((n) => Number.isSafeInteger(n) && n >= 0) ? numbers : null;
}

/** The stored form of a new request's *arr fields. */
export function encodeArrFields(r: NewRequest): StoredArrFields {
  return {
    profile: r.profile ?? "default",
    seasons: r.media_type === "tv" ? encodeSeasons(r.seasons ?? ALL_SEASONS) : null,
    anime: r.anime ?? false,
    tmdb_seasons: r.media_type === "tv" ? encodeTmdbSeasons(r.tmdb_seasons) : null,
  };
}

/**
 * The port's fields from stored values. An unreadable `seasons` reads as all seasons (monitoring
 * more than asked beats silently dropping a season); an unknown profile as `default`.
 */
export function decodeArrFields(
  mediaType: MediaType,
  stored: { profile?: unknown; seasons?: unknown; anime?: unknown; tmdb_seasons?: unknown },
): { profile: ArrProfile; seasons: SeasonSelection | null; anime: boolean; tmdb_seasons: number[] | null } {
  const profile = (ARR_PROFILES as readonly unknown[]).includes(stored.profile) ? (stored.profile as ArrProfile) : "default";
  const text = (v: unknown) => (typeof v === "string" ? v : null);
  return {
    profile,
    seasons: mediaType === "tv" ? (decodeSeasons(text(stored.seasons)) ?? ALL_SEASONS) : null,
    anime: stored.anime === true || stored.anime === 1,
    tmdb_seasons: mediaType === "tv" ? decodeTmdbSeasons(text(stored.tmdb_seasons)) : null,
  };
}
