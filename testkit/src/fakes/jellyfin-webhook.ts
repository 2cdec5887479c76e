/**
 * Bodies of the jellyfin-plugin-webhook "Generic" destination, built the way the plugin builds them
 * (`Helpers/DataObjectHelpers.cs` at jellyfin/jellyfin-plugin-webhook@616010ce):
 *
 * - `jellyfinSendAllProperties`: the data object as "Send All Properties" serialises it: the keys
 *   in the plugin's order, names passed through its `Escape()` (`"` → `\"`), `ItemId`/`SeriesId`
 *   as 32 hex digits, `Year` of a season/episode overwritten by the series' year when it has one,
 *   one `Provider_<key lower-cased>` per provider id of the item itself, media-stream fields.
 * - `renderJellyfinTemplate`: a Handlebars template (e.g. the one docs/jellyfin.md recommends)
 *   rendered over that data object as Handlebars.Net does: `{{x}}` HTML-escaped, `{{{x}}}` raw,
 *   missing values empty.
 *
 * Real captures are in runtime/test/fixtures/jellyfin/.
 */
import { createHash } from "node:crypto";

export type JellyfinItemType = "Movie" | "Series" | "Season" | "Episode" | "Audio" | "MusicAlbum" | "Video" | "BoxSet";

export interface JellyfinWebhookItem {
  type: JellyfinItemType | (string & {});
  name: string;
  /** 32 hex digits; derived from the name when absent. */
  itemId?: string;
  /** The item's own ProductionYear (for a season or episode: its own, used only when the series has none). */
  year?: number;
  /** `yyyy-MM-dd`. */
  premiereDate?: string;
  /** As the server stores them (`Tmdb`, `Imdb`, `Tvdb`, `TmdbCollection`…); the plugin lower-cases the keys. */
  providerIds?: Record<string, string>;
  /** Seasons and episodes. */
  series?: { name?: string; id?: string; year?: number; premiereDate?: string };
  seasonNumber?: number;
  episodeNumber?: number;
  episodeNumberEnd?: number;
}

export interface JellyfinWebhookServer {
  id?: string;
  name?: string;
  version?: string;
  url?: string;
}

export const JELLYFIN_TEST_SERVER_ID = "16588a9f062a40c4966586b1d220bffc";

const hex = (s: string) => createHash("md5").update(s).digest("hex");
/** The plugin's `Escape()`: quotes backslash-escaped so its JSON templates stay valid. */
const escape = (s: string | undefined) => (s ?? "").replace(/"/g, '\\"');
const pad = (n: number, width: number) => String(n).padStart(width, "0");
const ticks = 27_074_985_984;

/** The data object of an event with an item (`ItemAdded`, `PlaybackStart`…), or without one (`item` null). */
export function jellyfinSendAllProperties(
  notificationType: string,
  item: JellyfinWebhookItem | null,
  server: JellyfinWebhookServer = {},
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  const data: Record<string, unknown> = {
    ServerId: server.id ?? JELLYFIN_TEST_SERVER_ID,
    ServerName: escape(server.name ?? "Living Room"),
    ServerVersion: server.version ?? "10.11.0",
    ServerUrl: server.url ?? "http://jellyfin.lan:8096",
    NotificationType: notificationType,
  };
  if (item === null) return { ...data, ...extra };

  data.Timestamp = "2026-03-01T20:15:30.1234567+01:00";
  data.UtcTimestamp = "2026-03-01T19:15:30.1234567Z";
  data.Name = escape(item.name);
  data.Overview = escape(`Overview of ${item.name}.`);
  data.Tagline = "";
  data.ItemId = item.itemId ?? hex(`item:${item.type}:${item.name}`);
  data.ItemType = item.type;
  data.RunTimeTicks = item.type === "Movie" || item.type === "Episode" ? ticks : 0;
  data.RunTime = item.type === "Movie" || item.type === "Episode" ? "00:45:07" : "00:00:00";
  if (item.year !== undefined) data.Year = item.year;
  if (item.premiereDate !== undefined) data.PremiereDate = item.premiereDate;
  if (item.type === "Movie" || item.type === "Series") data.Genres = "Drama, Science Fiction";

  const series = item.series ?? {};
  const seriesId = series.id ?? (series.name !== undefined ? hex(`series:${series.name}`) : undefined);
  if (item.type === "Season") {
    if (series.name) data.SeriesName = escape(series.name);
    if (series.year !== undefined) data.Year = series.year;
    if (seriesId) data.SeriesId = seriesId;
    if (item.seasonNumber !== undefined) Object.assign(data, numbered("SeasonNumber", item.seasonNumber));
  } else if (item.type === "Episode") {
    if (series.name) data.SeriesName = escape(series.name);
    if (seriesId) data.SeriesId = seriesId;
    if (item.seasonNumber !== undefined) data.SeasonId = hex(`season:${series.name}:${item.seasonNumber}`);
    if (series.premiereDate !== undefined) data.SeriesPremiereDate = series.premiereDate;
    if (item.seasonNumber !== undefined) Object.assign(data, numbered("SeasonNumber", item.seasonNumber));
    if (item.episodeNumber !== undefined) Object.assign(data, numbered("EpisodeNumber", item.episodeNumber));
    if (item.episodeNumberEnd !== undefined) Object.assign(data, numbered("EpisodeNumberEnd", item.episodeNumberEnd));
    if (series.year !== undefined) data.Year = series.year;
  }
  for (const [key, value] of Object.entries(item.providerIds ?? {})) data[`Provider_${key.toLowerCase()}`] = value;
  if (item.type === "Movie" || item.type === "Episode") {
    Object.assign(data, {
      Video_0_Title: "1080p H264 SDR",
      Video_0_Type: "Video",
      Video_0_Codec: "h264",
      Video_0_Height: 1080,
      Video_0_Width: 1920,
      Audio_0_Title: "English - AAC - Stereo - Default",
      Audio_0_Type: "Audio",
      Audio_0_Language: "eng",
      Audio_0_Codec: "aac",
      Audio_0_Channels: 2,
      Audio_0_Default: true,
    });
  }
  return { ...data, ...extra };
}

function numbered(key: string, n: number): Record<string, unknown> {
  return { [key]: n, [`${key}00`]: pad(n, 2), [`${key}000`]: pad(n, 3) };
}

/** The body text "Send All Properties" posts (as `text/plain` unless a Content-Type header is configured). */
export const jellyfinBody = (data: Record<string, unknown>): string => JSON.stringify(data);

const HTML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#x27;",
  "`": "&#x60;",
  "=": "&#x3D;",
};

/** Renders the simple `{{Field}}` / `{{{Field}}}` templates Stellarr documents (no helpers, no blocks). */
export function renderJellyfinTemplate(template: string, data: Record<string, unknown>): string {
  return template.replace(
    /\{\{\{\s*([\w]+)\s*\}\}\}|\{\{\s*([\w]+)\s*\}\}/g,
    (_m, raw: string | undefined, escaped: string | undefined) => {
      const value = data[(raw ?? escaped)!];
      const text = value === undefined || value === null ? "" : String(value);
      return raw !== undefined ? text : text.replace(/[&<>"'`=]/g, (c) => HTML_ESCAPES[c]!);
    },
  );
}
