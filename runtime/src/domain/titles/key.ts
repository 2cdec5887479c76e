/** Title identity shared by the store adapters and the use cases. */
import type { GuidMapping } from "../../ports/store/guid-cache.js";
import type { MediaType, TitleKey } from "../../ports/store/index.js";

export const MEDIA_TYPES: readonly MediaType[] = ["movie", "tv"];

/** `${media_type}:${tmdb_id}`: the key of `TitleStatusStore.titleStatus` maps and of per-title single flights. */
export const titleKey = (k: TitleKey): string => `${k.media_type}:${k.tmdb_id}`;

/** Whether the stored mapping `a` (null: none) already says what `b` says. */
export const sameGuidMapping = (a: GuidMapping | null, b: GuidMapping): boolean =>
  a !== null && a.media_type === b.media_type && a.tmdb_id === b.tmdb_id && a.tvdb_id === b.tvdb_id;
