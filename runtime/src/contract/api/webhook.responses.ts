/**
 * What the media-server webhooks (product.md §5.1, §5.4) answer. The server never parses it:
 * run-time code uses its types (re-exported by `webhook.ts`); only the OpenAPI description and tests
 * build it. It lives apart from the request bodies so a cold start does not construct it at load.
 */
import * as z from "zod/mini";
import { mediaType } from "./media-type.js";

const itemType = z.enum(["movie", "show", "season", "episode"]);

/** A processed `library.new` (Plex, Emby) or `ItemAdded` (Jellyfin) event. */
export const WebhookOutcome = z.object({
  status: z.literal("success"),
  title: z.string(),
  media_type: mediaType,
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
