/** Configuration variables that hold secrets (AWS: only ever read from the Secrets Manager secret; never in a plain env map, an image or a log). */
export const SECRET_VARIABLES = [
  "APP_SECRET_KEY",
  "PRESHARED_PASSWORD",
  "TMDB_API_KEY",
  "TVDB_API_KEY",
  "FEED_TOKEN",
  "WEBHOOK_TOKEN",
  // The old name of WEBHOOK_TOKEN, still accepted (operators may still set it).
  "PLEX_WEBHOOK_TOKEN",
  "VAPID_PRIVATE_KEY",
  "ORIGIN_VERIFY_SECRET",
  // Household channel URLs carry access tokens (ntfy) or are credentials themselves (Discord webhooks).
  "NOTIFY_URLS",
  "NOTIFY_WEBHOOK_SECRET",
] as const;
