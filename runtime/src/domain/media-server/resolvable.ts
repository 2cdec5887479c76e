/**
 * A Jellyfin/Emby item → the `PlexItem` shape the resolution chain (`domain/plex/resolve.ts`,
 * product.md §5.1) takes, so all three servers resolve through one chain. Pure.
 *
 *   movie, show     own ids are the title's ids: step 1 (TMDB id; a movie's IMDb id via TMDB /find),
 *                   step 2 (a show's TVDB id via /find)
 *   season, episode own ids are `childIds`: step 4 (the episode's TVDB id, then its IMDb id via
 *                   /find `episode_show_ids`, then TheTVDB episode → series); the series name and
 *                   year feed step 5 (the title fallback). A child's TMDB id is the TMDB *episode*
 *                   or season id, which /find cannot take, so the chain never reads it.
 *
 * Step 3 (the GUID cache) needs a stable key per movie/show: with `cacheKeys`, the item's (or its
 * series') server id becomes `jellyfin://<server id>/<item id>` in `showGuid`, so the burst of
 * episode events of a new season pays for one upstream lookup. Jellyfin keeps an item's id through
 * "Identify", so a cached mapping would outlive a corrected match until a later show-level event
 * overwrites it; whether to use the keys is the caller's choice.
 */
import { noIds } from "../plex/guid.js";
import type { PlexItem } from "../plex/metadata.js";
import { splitYearSuffix } from "../plex/title.js";
import type { MediaServerEvent, MediaServerKind } from "./event.js";

/** The GUID-cache key of a movie or show on one server. */
export function mediaServerCacheKey(source: MediaServerKind, serverId: string | null, itemId: string): string {
  return `${source}://${serverId !== null ? normaliseServerId(serverId) : "_"}/${itemId}`;
}

/** null for events other than `item_added` and for items that are not movies, shows, seasons or episodes. */
export function resolvableItem(event: MediaServerEvent, opts: { cacheKeys?: boolean } = {}): PlexItem | null {
  const item = event.item;
  if (event.event !== "item_added" || item === null || item.kind === "other") return null;
  const key = (id: string | null) => (opts.cacheKeys && id !== null ? mediaServerCacheKey(event.source, event.server.id, id) : null);
  if (item.kind === "movie" || item.kind === "show") {
    return {
      plexType: item.kind,
      mediaType: item.kind === "movie" ? "movie" : "tv",
      ...titleAndYear(item.title, item.year),
      showGuid: key(item.id),
      ids: item.ids,
      childIds: noIds(),
    };
  }
  return {
    plexType: item.kind,
    mediaType: "tv",
    ...titleAndYear(item.seriesTitle, item.seriesYear),
    showGuid: key(item.seriesId),
    ids: noIds(),
    childIds: item.ids,
  };
}

/**
 * Whether an event comes from the configured server (`JELLYFIN_SERVER_ID`/`EMBY_SERVER_ID`); no
 * filter accepts every server, and with a filter an event without a server id is refused. Ids
 * compare without case, dashes or braces: Jellyfin sends `ServerId` as 32 hex digits, while the
 * same GUID may be copied elsewhere in its dashed form.
 */
export function fromWantedServer(event: MediaServerEvent, wantedId: string | null): boolean {
  if (wantedId === null || wantedId.trim() === "") return true;
  return event.server.id !== null && normaliseServerId(event.server.id) === normaliseServerId(wantedId);
}

const normaliseServerId = (id: string): string => id.replace(/[\s{}-]/g, "").toLowerCase();

function titleAndYear(title: string | null, year: number | null): { title: string | null; year: number | null } {
  if (title === null) return { title: null, year };
  const split = splitYearSuffix(title);
  return { title: split.title, year: year ?? split.year };
}
