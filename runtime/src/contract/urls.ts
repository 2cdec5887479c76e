/**
 * The URLs users paste into Radarr, Sonarr and Plex (product.md §5–§6): built here for the API's
 * `GET /api/feeds` and for the deployment's outputs alike. They carry tokens: treat them as secrets.
 */

/** The *arr import lists. */
export const FEED_PATHS = { radarr: "/list/radarr", radarr_tmdb: "/list/radarr/tmdb", sonarr: "/list/sonarr" } as const;
/** The *arr "instance" import lists' Full URLs (Radarr's "Radarr" list, Sonarr's "Sonarr" list): no token in them, the key goes in the list's API Key field. */
export const ARR_PATHS = { radarr: "/arr/radarr", sonarr: "/arr/sonarr" } as const;
/** The media servers' webhooks (Plex, Jellyfin's webhook plugin, Emby's native webhooks). */
export const WEBHOOK_PATH = "/webhook/plex";
export const JELLYFIN_WEBHOOK_PATH = "/webhook/jellyfin";
export const EMBY_WEBHOOK_PATH = "/webhook/emby";
/** The titles the signed-in name follows. */
export const FOLLOWS_PATH = "/api/follows";
/** The signed-in name's notification channels (ntfy, Discord, signed webhooks). */
export const CHANNELS_PATH = "/api/channels";
/** Library sync: batches, and the commit of a full resync. */
export const SYNC_PATH = "/sync/library";
export const SYNC_COMMIT_PATH = "/sync/library/commit";

const withoutTrailingSlash = (origin: string): string => origin.replace(/\/+$/, "");
const tokenQuery = (token: string | null): string => (token ? `?token=${encodeURIComponent(token)}` : "");

/** A feed URL on `origin`; no `?token=` when the feeds are public (`token` null). */
export const feedUrl = (origin: string, path: string, token: string | null): string =>
  `${withoutTrailingSlash(origin)}${path}${tokenQuery(token)}`;

/** An *arr instance list's Full URL on `origin`. */
export const arrUrl = (origin: string, app: keyof typeof ARR_PATHS): string => `${withoutTrailingSlash(origin)}${ARR_PATHS[app]}`;

/** The Plex webhook URL (`PLEX_WEBHOOK_TOKEN`). */
export const webhookUrl = (origin: string, token: string): string => `${withoutTrailingSlash(origin)}${WEBHOOK_PATH}${tokenQuery(token)}`;

/** The library-sync URL the CLI posts to (same token as the webhook). */
export const syncUrl = (origin: string, token: string): string => `${withoutTrailingSlash(origin)}${SYNC_PATH}${tokenQuery(token)}`;
