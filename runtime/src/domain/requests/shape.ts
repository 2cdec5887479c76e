/** Request objects as the API shows them, and new requests built from catalogue details. */
import type { TitleDetails } from "../../ports/catalogue.js";
import type { Fulfilment } from "../../ports/notifier.js";
import type { ArrProfile, MediaRequest, NewRequest, SeasonSelection, StoredRequest } from "../../ports/store/index.js";
import { isAnime } from "../arr/anime.js";
import { ALL_SEASONS, seasonSelection } from "../arr/seasons.js";

/** The API shape: every field present, the store's `seq` never leaves the server. */
export function toApiRequest(r: StoredRequest | MediaRequest): MediaRequest {
  return {
    tmdb_id: r.tmdb_id,
    media_type: r.media_type,
    title: r.title ?? null,
    year: r.year ?? null,
    overview: r.overview ?? null,
    poster_path: r.poster_path ?? null,
    imdb_id: r.imdb_id ?? null,
    tvdb_id: r.tvdb_id ?? null,
    requested_by: r.requested_by ?? null,
    created_at: r.created_at,
    added_at: r.added_at ?? null,
    plex_guid: r.plex_guid ?? null,
    profile: r.profile ?? "default",
    seasons: r.media_type === "tv" ? apiSeasons(r.seasons ?? ALL_SEASONS) : null,
  };
}

/** A fresh, canonical copy (the stored one may be frozen or shared). */
const apiSeasons = (s: SeasonSelection): SeasonSelection => {
  const c = seasonSelection(s.all, s.seasons);
  return { all: c.all, seasons: [...c.seasons] };
};

/** TMDB's season numbers for a show (specials included when listed); null for a movie or when TMDB gave none. */
export function tmdbSeasonNumbers(details: TitleDetails): number[] | null {
  if (details.media_type !== "tv" || details.seasons === null) return null;
  return [...new Set(details.seasons.map((s) => s.season_number))].sort((a, b) => a - b);
}

export interface RequestChoices {
  profile: ArrProfile;
  /** TV only; movies store null. */
  seasons: SeasonSelection;
}

export function newRequestFromDetails(
  details: TitleDetails,
  requestedBy: string,
  createdAt: string,
  choices: RequestChoices = { profile: "default", seasons: ALL_SEASONS },
): NewRequest {
  return {
    tmdb_id: details.id,
    media_type: details.media_type,
    title: details.title,
    year: details.year,
    overview: details.overview,
    poster_path: details.poster_path,
    imdb_id: details.imdb_id,
    tvdb_id: details.media_type === "tv" ? details.tvdb_id : null,
    requested_by: requestedBy,
    created_at: createdAt,
    profile: choices.profile,
    seasons: details.media_type === "tv" ? choices.seasons : null,
    anime: isAnime(details),
    tmdb_seasons: tmdbSeasonNumbers(details),
  };
}

/** What a pending request still lacks for its *arr feed (daily refresh, UI flag). */
export function missingExternalIds(r: Pick<MediaRequest, "media_type" | "imdb_id" | "tvdb_id">): boolean {
  return r.media_type === "movie" ? r.imdb_id === null : r.tvdb_id === null;
}

/** What the notifier is told of a fulfilled request. */
export const toFulfilment = (r: StoredRequest): Fulfilment => ({
  media_type: r.media_type,
  tmdb_id: r.tmdb_id,
  title: r.title,
  year: r.year,
  poster_path: r.poster_path,
  requested_by: r.requested_by,
});
