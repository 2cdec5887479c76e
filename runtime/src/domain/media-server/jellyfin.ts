/**
 * The jellyfin-plugin-webhook "Generic" destination's body (already decoded JSON) → a
 * `MediaServerEvent`. Pure. Verified against the plugin's `Helpers/DataObjectHelpers.cs`
 * (docs/jellyfin.md lists the line references):
 *
 * - a flat object: `ServerId`, `ServerName`, `NotificationType` (`"ItemAdded"`, `"PlaybackStart"`…),
 *   `Name`, `ItemId`, `ItemType` (the server's class name: `Movie`, `Series`, `Season`, `Episode`,
 *   `Audio`…), `Year`, `PremiereDate`; seasons and episodes add `SeriesName`, `SeriesId`,
 *   `SeasonNumber`; episodes `EpisodeNumber` and `SeriesPremiereDate`;
 * - one `Provider_<key lower-cased>` per provider id of the item itself (`Provider_tmdb`,
 *   `Provider_tvdb`, `Provider_imdb`; also `Provider_tmdbcollection`, `Provider_tvrage`… ignored);
 * - for seasons and episodes `Year` is the series' production year when the series has one, else
 *   the season's/episode's own; an episode's `SeriesPremiereDate` is the series' for certain, so it
 *   wins when present.
 *
 * Templates render the same names with every value possibly a string ("" when absent), which the
 * lenient value readers in `fields.ts` absorb.
 */
import type { Checked } from "../plex/payload.js";
import type { MediaServerEvent, MediaServerItem } from "./event.js";
import {
  displayText,
  idText,
  indexNumber,
  isObject,
  itemKind,
  MAX_NAME_LENGTH,
  MAX_TITLE_LENGTH,
  providerIds,
  providerKind,
  ShapeCheck,
  year,
  yearOfDate,
  type JsonObject,
} from "./fields.js";

const PROVIDER_PREFIX = "provider_";

export function parseJellyfinWebhook(body: unknown): Checked<MediaServerEvent> {
  if (!isObject(body)) return { ok: false, issues: [{ path: [], message: "Payload must be a JSON object" }] };
  const check = new ShapeCheck();
  const notificationType = check.string(body, "NotificationType", [], true);
  const serverId = check.string(body, "ServerId", []);
  const serverName = check.string(body, "ServerName", []);
  if (check.issues.length > 0) return { ok: false, issues: check.issues };

  const name = displayText(notificationType, MAX_NAME_LENGTH) ?? "";
  const event: MediaServerEvent = {
    source: "jellyfin",
    event: name.toLowerCase() === "itemadded" ? "item_added" : "other",
    name,
    server: { id: idText(serverId), name: displayText(serverName, MAX_NAME_LENGTH) },
    item: null,
  };
  if (event.event === "other") return { ok: true, value: event };

  const item = readItem(body, check);
  if (item === null) return { ok: false, issues: check.issues };
  return { ok: true, value: { ...event, item } };
}

function readItem(body: JsonObject, check: ShapeCheck): MediaServerItem | null {
  const type = check.string(body, "ItemType", [], true);
  const title = check.string(body, "Name", []);
  const id = check.string(body, "ItemId", []);
  const yearField = check.scalar(body, "Year", []);
  const premiere = check.string(body, "PremiereDate", []);
  const seriesTitle = check.string(body, "SeriesName", []);
  const seriesId = check.string(body, "SeriesId", []);
  const seriesPremiere = check.string(body, "SeriesPremiereDate", []);
  const season = check.scalar(body, "SeasonNumber", []);
  const episode = check.scalar(body, "EpisodeNumber", []);
  if (check.issues.length > 0 || type === undefined) return null;

  const kind = itemKind(type);
  const ids = providerIds(Object.entries(body), (key) =>
    key.toLowerCase().startsWith(PROVIDER_PREFIX) ? providerKind(key.slice(PROVIDER_PREFIX.length)) : null,
  );
  const child = kind === "season" || kind === "episode";
  return {
    kind,
    type: displayText(type, MAX_NAME_LENGTH) ?? "",
    id: idText(id),
    title: displayText(title, MAX_TITLE_LENGTH),
    year: child ? null : (year(yearField) ?? yearOfDate(premiere)),
    seriesId: child ? idText(seriesId) : null,
    seriesTitle: child ? displayText(seriesTitle, MAX_TITLE_LENGTH) : null,
    seriesYear: child ? (yearOfDate(seriesPremiere) ?? year(yearField)) : null,
    seasonNumber: child ? indexNumber(season) : null,
    episodeNumber: kind === "episode" ? indexNumber(episode) : null,
    ids,
  };
}
