/**
 * What a Jellyfin or Emby webhook says, normalised to one shape (docs/jellyfin.md, docs/emby.md).
 * Pure types; the parsers are `jellyfin.ts` and `emby.ts`, the bridge to the Plex resolution chain
 * is `resolvable.ts`.
 */
import type { ExternalIds } from "../plex/guid.js";

export type MediaServerKind = "jellyfin" | "emby";

/** `movie`, `show` (Jellyfin/Emby `Series`), `season`, `episode`; anything else (music, videos, folders) is `other`. */
export type MediaServerItemKind = "movie" | "show" | "season" | "episode" | "other";

export interface MediaServerItem {
  kind: MediaServerItemKind;
  /** The type as sent (`Movie`, `Series`, `Audio`…), for logs. */
  type: string;
  /** The server's id of the item (Jellyfin: 32 hex digits; Emby: a number as a string). */
  id: string | null;
  /** The item's own name: the movie's or show's title, a season's ("Season 1") or an episode's title. */
  title: string | null;
  /** The movie's or show's year; null for seasons and episodes (see `seriesYear`). */
  year: number | null;
  /** Seasons and episodes: the show they belong to. Null for movies and shows. */
  seriesId: string | null;
  seriesTitle: string | null;
  seriesYear: number | null;
  seasonNumber: number | null;
  episodeNumber: number | null;
  /**
   * The provider ids of the item itself. For a season or an episode these are the season's or
   * episode's own ids (TVDB/IMDb/TMDB episode ids), never the show's: neither server sends the
   * series' ids with an episode.
   */
  ids: ExternalIds;
}

export interface MediaServerEvent {
  source: MediaServerKind;
  /** `item_added` for Jellyfin's `ItemAdded` and Emby's `library.new`; everything else is `other` (ignored). */
  event: "item_added" | "other";
  /** The event name as sent (`ItemAdded`, `PlaybackStart`, `library.new`…), for logs and the ignore reason. */
  name: string;
  server: { id: string | null; name: string | null };
  /** Only for `item_added` (other events are not read further). */
  item: MediaServerItem | null;
}
