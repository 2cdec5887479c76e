/**
 * A Plex `Metadata` object → the movie or show it is about (product.md §5.1, formats.md C2).
 *
 * Level rules: a movie's or show's own `Guid[]` ids are its ids; a season's or episode's `Guid[]`
 * ids belong to the season/episode and are kept apart (`childIds`) — they are never show ids.
 * Legacy agent guids name the series at every level, so they are show-level ids wherever they
 * appear. The show-level Plex guid (the GUID-cache key) is `guid` for movies and shows,
 * `parentGuid` for seasons and `grandparentGuid` for episodes.
 */
import type { MediaType } from "../../ports/store/index.js";
import { idsFromAgentGuid, idsFromGuidList, mergeIds, noIds, type ExternalIds } from "./guid.js";
import { splitYearSuffix } from "./title.js";

export type PlexType = "movie" | "show" | "season" | "episode";
export const PLEX_TYPES: readonly PlexType[] = ["movie", "show", "season", "episode"];

/** The fields of Plex `Metadata` this module reads (already shape-checked by `payload.ts`). */
export interface PlexMetadata {
  type: string;
  title?: string | null;
  year?: number | null;
  guid?: string | null;
  Guid?: { id: string }[] | null;
  parentGuid?: string | null;
  parentTitle?: string | null;
  parentYear?: number | null;
  grandparentGuid?: string | null;
  grandparentTitle?: string | null;
  grandparentYear?: number | null;
}

export interface PlexItem {
  plexType: PlexType;
  mediaType: MediaType;
  /** The movie's or show's title without a "(yyyy)" suffix; null when Plex sent none. */
  title: string | null;
  /** The movie's or show's year when known (explicit field, else a "(yyyy)" title suffix). */
  year: number | null;
  /** Movie/show-level Plex guid, the GUID-cache key; null when absent. */
  showGuid: string | null;
  /** Movie/show-level external ids. */
  ids: ExternalIds;
  /** Season/episode-level external ids (`Guid[]` of a season or episode); all null for movies and shows. */
  childIds: ExternalIds;
}

export const isPlexType = (t: unknown): t is PlexType => typeof t === "string" && (PLEX_TYPES as readonly string[]).includes(t);

/** null when the type is not a movie, show, season or episode. */
export function parsePlexItem(meta: PlexMetadata): PlexItem | null {
  const plexType = meta.type;
  if (!isPlexType(plexType)) return null;
  const own = idsFromGuidList(meta.Guid ?? undefined);
  const legacy = (g: string | null | undefined) => (g ? idsFromAgentGuid(g) : noIds());

  switch (plexType) {
    case "movie":
    case "show":
      return {
        plexType,
        mediaType: plexType === "movie" ? "movie" : "tv",
        ...titleAndYear(meta.title, meta.year),
        showGuid: nonEmpty(meta.guid),
        ids: mergeIds(own, legacy(meta.guid)),
        childIds: noIds(),
      };
    case "season":
    case "episode": {
      // The show is the season's parent and the episode's grandparent.
      const show =
        plexType === "season"
          ? { title: meta.parentTitle, year: meta.parentYear, guid: meta.parentGuid }
          : { title: meta.grandparentTitle, year: meta.grandparentYear, guid: meta.grandparentGuid };
      return {
        plexType,
        mediaType: "tv",
        ...titleAndYear(show.title, show.year),
        showGuid: nonEmpty(show.guid),
        ids: mergeIds(legacy(show.guid), legacy(meta.guid)),
        childIds: own,
      };
    }
  }
}

function titleAndYear(title: string | null | undefined, year: number | null | undefined): { title: string | null; year: number | null } {
  const explicitYear = validYear(year);
  const t = nonEmpty(title);
  if (t === null) return { title: null, year: explicitYear };
  const split = splitYearSuffix(t);
  return { title: split.title, year: explicitYear ?? split.year };
}

const validYear = (y: number | null | undefined): number | null =>
  typeof y === "number" && Number.isInteger(y) && y >= 1800 && y <= 3000 ? y : null;

const nonEmpty = (s: string | null | undefined): string | null => (typeof s === "string" && s.trim() !== "" ? s.trim() : null);
