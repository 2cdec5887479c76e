/**
 * The media-server webhooks (product.md §5.1, §5.4): `POST /webhook/plex`, `/webhook/jellyfin` and
 * `/webhook/emby` — what they answer, and the Jellyfin and Emby bodies they read.
 */
import * as z from "zod/mini";

const itemType = z.enum(["movie", "show", "season", "episode"]);

/** A processed `library.new` (Plex, Emby) or `ItemAdded` (Jellyfin) event. */
export const WebhookOutcome = z.object({
  status: z.literal("success"),
  title: z.string(),
  media_type: z.enum(["movie", "tv"]),
  /** The item's kind; the name the Jellyfin and Emby webhooks share. */
  item_type: itemType,
  /** Equal to `item_type`; kept for clients of the Plex webhook from before Jellyfin and Emby. */
  plex_type: itemType,
  tmdb_id: z.nullable(z.int()),
  matched_by: z.nullable(z.enum(["tmdb", "tvdb", "plex_guid", "episode_lookup", "title"])),
  /** The title is in the library (written now, or already there). */
  added_to_library: z.boolean(),
  /** A pending request was flipped to added by this call. */
  matched_request: z.boolean(),
  /** At least one push service answered 2xx within the wait. */
  notification_sent: z.boolean(),
});
export type WebhookOutcome = z.output<typeof WebhookOutcome>;

/** The Jellyfin and Emby webhooks' answer: `unresolved` (with `tmdb_id: null`, nothing written) when no id led to a title. */
export const MediaServerWebhookOutcome = z.extend(WebhookOutcome, { status: z.enum(["success", "unresolved"]) });
export type MediaServerWebhookOutcome = z.output<typeof MediaServerWebhookOutcome>;

/** An event this server does not act on (another event type, another server, a non-video item). */
export const WebhookIgnored = z.object({ status: z.literal("ignored"), reason: z.string() });
export type WebhookIgnored = z.output<typeof WebhookIgnored>;

/*
 * The bodies below are what `domain/media-server/{jellyfin,emby}.ts` check on every event (names
 * are matched there without regard to case; other keys are ignored). The item's fields are read
 * only on the event acted on (`ItemAdded`, `library.new`): there a wrong type, or a missing item
 * type, is a 422 naming the field; other events are answered `ignored` without reading them.
 */
const text = z.optional(z.nullable(z.string()));
/** Emby sends some ids as numbers. */
const scalar = z.optional(z.nullable(z.union([z.string(), z.number()])));

/**
 * jellyfin-plugin-webhook's "Generic" destination: a flat object. With `ItemAdded`: `ItemType`
 * (`Movie`, `Series`, `Season`, `Episode`; others are ignored; required), `ItemId`, `Name`, `Year`,
 * `PremiereDate`, `SeriesName`, `SeriesId`, `SeriesPremiereDate`, `SeasonNumber`, `EpisodeNumber`
 * (strings, the numbers also as numbers) and one `Provider_<name>` per provider id
 * (`Provider_tmdb`, `Provider_tvdb`, `Provider_imdb`).
 */
export const JellyfinWebhookBody = z.looseObject({
  /** `ItemAdded` is processed; any other is answered `ignored`. */
  NotificationType: z.string(),
  /** Compared with `JELLYFIN_SERVER_ID` when that is set. */
  ServerId: text,
  ServerName: text,
});

/**
 * An Emby webhook event (the JSON body, or the `data` field of a form). With `library.new`: `Item`
 * (required) with `Type` (`Movie`, `Series`, `Season`, `Episode`; others are ignored; required),
 * `Name`, `Id`, `ProductionYear`, `PremiereDate`, `ProviderIds` (`Tmdb`, `Tvdb`, `Imdb`: the item's
 * own), `SeriesName`, `SeriesId`, `IndexNumber`, `ParentIndexNumber`; and optionally `Series` with
 * `Name` and `ProductionYear`.
 */
export const EmbyWebhookBody = z.looseObject({
  /** `library.new` is processed; any other is answered `ignored`. */
  Event: z.string(),
  /** `Id` is compared with `EMBY_SERVER_ID` when that is set. */
  Server: z.optional(z.nullable(z.looseObject({ Id: scalar, Name: text }))),
});
