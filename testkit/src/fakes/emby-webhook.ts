/**
 * Emby webhook bodies shaped like the real Emby 4.7 captures in runtime/test/fixtures/emby/: an
 * event object (`Title`, `Date`, `Event`, `Item`, `Server`), sent as JSON, as `multipart/form-data`
 * with the JSON in a `data` part, or URL-encoded as `data=<json>`.
 */

export type EmbyItemType = "Movie" | "Series" | "Season" | "Episode" | "Audio" | "MusicAlbum" | "Video";

export interface EmbyWebhookItem {
  type: EmbyItemType | (string & {});
  name: string;
  /** A number as a string, as Emby's ids are. */
  id?: string;
  /** The item's own ProductionYear (an episode's is its air year). */
  year?: number;
  premiereDate?: string;
  /** Capitalised keys, string values: `{ Tmdb, Imdb, Tvdb }`. */
  providerIds?: Record<string, string>;
  seriesName?: string;
  seriesId?: string;
  /** Seasons: their number; episodes: the season number (sent as `ParentIndexNumber`). */
  seasonNumber?: number;
  episodeNumber?: number;
}

export interface EmbyWebhookServer {
  id?: string;
  name?: string;
  version?: string;
}

export const EMBY_TEST_SERVER_ID = "f40a5bd0c6b64051bdbed00580fa1118";

let nextId = 240_000;

/** An event; `item` null for events without one (`system.notificationtest`). `extra` adds top-level fields (e.g. `Series`). */
export function embyWebhook(
  event: string,
  item: EmbyWebhookItem | null,
  server: EmbyWebhookServer = {},
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  const body: Record<string, unknown> = {
    Title: item ? `${item.name} added to ${server.name ?? "PN41"}` : "Test Notification",
    Date: "2026-03-01T19:15:30.1234567Z",
    Event: event,
  };
  if (item) {
    const isEpisode = item.type === "Episode";
    body.Item = {
      Name: item.name,
      ServerId: server.id ?? EMBY_TEST_SERVER_ID,
      Id: item.id ?? String(nextId++),
      DateCreated: "2026-03-01T19:10:00.0000000Z",
      ...(item.premiereDate !== undefined ? { PremiereDate: item.premiereDate } : {}),
      ...(item.year !== undefined ? { ProductionYear: item.year } : {}),
      ...(isEpisode && item.episodeNumber !== undefined ? { IndexNumber: item.episodeNumber } : {}),
      ...(item.type === "Season" && item.seasonNumber !== undefined ? { IndexNumber: item.seasonNumber } : {}),
      ...(isEpisode && item.seasonNumber !== undefined ? { ParentIndexNumber: item.seasonNumber } : {}),
      ProviderIds: { ...(item.providerIds ?? {}) },
      IsFolder: item.type === "Series" || item.type === "Season",
      Type: item.type,
      ...(item.seriesName !== undefined ? { SeriesName: item.seriesName, SeriesId: item.seriesId ?? String(nextId++) } : {}),
      MediaType: item.type === "Movie" || isEpisode ? "Video" : "Unknown",
    };
  }
  body.Server = { Name: server.name ?? "PN41", Id: server.id ?? EMBY_TEST_SERVER_ID, Version: server.version ?? "4.8.10.0" };
  return { ...body, ...extra };
}

/** A `multipart/form-data` body with the JSON in a `data` part (`raw` replaces the JSON text). */
export function embyForm(payload: unknown, opts: { raw?: string } = {}): FormData {
  const form = new FormData();
  form.set("data", opts.raw ?? JSON.stringify(payload));
  return form;
}

/** An `application/x-www-form-urlencoded` body `data=<json>`. */
export const embyUrlEncoded = (payload: unknown): URLSearchParams => new URLSearchParams({ data: JSON.stringify(payload) });
