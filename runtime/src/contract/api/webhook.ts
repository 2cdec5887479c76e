/**
 * The media-server webhooks (product.md §5.1, §5.4): `POST /webhook/plex`, `/webhook/jellyfin` and
 * `/webhook/emby`: the Jellyfin and Emby bodies they read. What they answer is in
 * `webhook.responses.ts`, which a cold start does not load (its types are re-exported here).
 */
import * as z from "zod/mini";

export type { MediaServerWebhookOutcome, WebhookIgnored, WebhookOutcome } from "./webhook.responses.js";

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
