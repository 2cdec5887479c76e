/**
 * An Emby webhook event (already decoded JSON: the body, or the `data` part of a form) → a
 * `MediaServerEvent`. Pure. Emby is not open source; the shape follows real Emby 4.7 payloads
 * (runtime/test/fixtures/emby/PROVENANCE.md) and is read leniently:
 *
 *   { "Title", "Date", "Event": "library.new" | "playback.start" | …,
 *     "Item": { "Name", "Id", "Type": "Movie" | "Series" | "Season" | "Episode" | …, "ProductionYear",
 *               "PremiereDate", "ProviderIds": { "Tmdb", "Imdb", "Tvdb" }, "SeriesName", "SeriesId",
 *               "IndexNumber", "ParentIndexNumber", … },
 *     "Series"?: { "Name", "ProductionYear", … },
 *     "Server": { "Name", "Id", "Version" } }
 *
 * `ProviderIds` are the item's own (an episode's `Tmdb` is the TMDB *episode* id); an episode's or
 * season's `ProductionYear` is its own air year, so the series' year is known only from a top-level
 * `Series` object. Event names are matched without regard to case.
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

export function parseEmbyWebhook(body: unknown): Checked<MediaServerEvent> {
  if (!isObject(body)) return { ok: false, issues: [{ path: [], message: "Payload must be a JSON object" }] };
  const check = new ShapeCheck();
  const eventName = check.string(body, "Event", [], true);
  const server = check.object(body, "Server", []);
  const serverId = server ? check.scalar(server, "Id", ["Server"]) : undefined;
  const serverName = server ? check.string(server, "Name", ["Server"]) : undefined;
  if (check.issues.length > 0) return { ok: false, issues: check.issues };

  const name = displayText(eventName, MAX_NAME_LENGTH) ?? "";
  const event: MediaServerEvent = {
    source: "emby",
    event: name.toLowerCase() === "library.new" ? "item_added" : "other",
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
  const raw = check.object(body, "Item", [], true);
  if (raw === undefined) return null;
  const at = ["Item"];
  const type = check.string(raw, "Type", at, true);
  const title = check.string(raw, "Name", at);
  const id = check.scalar(raw, "Id", at);
  const productionYear = check.scalar(raw, "ProductionYear", at);
  const premiere = check.string(raw, "PremiereDate", at);
  const seriesTitle = check.string(raw, "SeriesName", at);
  const seriesId = check.scalar(raw, "SeriesId", at);
  const index = check.scalar(raw, "IndexNumber", at);
  const parentIndex = check.scalar(raw, "ParentIndexNumber", at);
  const providers = check.object(raw, "ProviderIds", at);
  const series = check.object(body, "Series", []);
  const seriesName = series ? check.string(series, "Name", ["Series"]) : undefined;
  const seriesYear = series ? check.scalar(series, "ProductionYear", ["Series"]) : undefined;
  if (check.issues.length > 0 || type === undefined) return null;

  const kind = itemKind(type);
  const child = kind === "season" || kind === "episode";
  return {
    kind,
    type: displayText(type, MAX_NAME_LENGTH) ?? "",
    id: idText(id),
    title: displayText(title, MAX_TITLE_LENGTH),
    year: child ? null : (year(productionYear) ?? yearOfDate(premiere)),
    seriesId: child ? idText(seriesId) : null,
    seriesTitle: child ? (displayText(seriesTitle, MAX_TITLE_LENGTH) ?? displayText(seriesName, MAX_TITLE_LENGTH)) : null,
    seriesYear: child ? year(seriesYear) : null,
    // A season's own number is its IndexNumber; an episode's season is its ParentIndexNumber.
    seasonNumber: kind === "season" ? indexNumber(index) : kind === "episode" ? indexNumber(parentIndex) : null,
    episodeNumber: kind === "episode" ? indexNumber(index) : null,
    ids: providerIds(Object.entries(providers ?? {}), providerKind),
  };
}
