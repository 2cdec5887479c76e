/** `POST /webhook/plex` (product.md §5.1): what the webhook answers. */
import * as z from "zod/mini";

/** A processed `library.new` event. */
export const WebhookOutcome = z.object({
  status: z.literal("success"),
  title: z.string(),
  media_type: z.enum(["movie", "tv"]),
  plex_type: z.enum(["movie", "show", "season", "episode"]),
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

/** An event this server does not act on (another event type, another server, a non-video item). */
export const WebhookIgnored = z.object({ status: z.literal("ignored"), reason: z.string() });
export type WebhookIgnored = z.output<typeof WebhookIgnored>;
