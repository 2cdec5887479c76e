/** `GET /api/feeds`: the feed URLs a user pastes into Radarr and Sonarr, and the Clean Library warning. */
import type { FeedsResponse } from "../../contract/api/feeds.js";
import { arrUrl, FEED_PATHS, feedUrl } from "../../contract/urls.js";

/** What to type in the list's API Key field when `FEED_TOKEN` is unset (the field must not be empty; any text passes). */
export const PUBLIC_API_KEY = "stellarr";

export const CLEAN_LIBRARY_WARNING =
  "These feeds list pending requests only: a title leaves the feed once it is in Plex. " +
  "If Radarr's or Sonarr's list setting \"Clean Library Level\" is anything other than " +
  '"Disabled" (or "Log only"), they will unmonitor, remove or even delete media that is no longer ' +
  'on any list. Keep it disabled, or use the "?status=all" variant of each URL, which keeps fulfilled requests listed.';

/** `origin` is the public origin (no trailing slash); `feedToken` the configured token or null (public feeds). */
export function describeFeeds(origin: string, feedToken: string | null): FeedsResponse {
  const url = (path: string) => feedUrl(origin, path, feedToken);
  return {
    token_required: feedToken !== null,
    feeds: {
      radarr_instance: {
        name: "Radarr instance list (Movies, every 15 min) — fastest",
        description:
          "Stellarr as a Radarr source instance: requests reach Radarr within about 15 minutes, filterable by profile (Default / 4K), requester tag and anime",
        url: arrUrl(origin, "radarr"),
        api_key: feedToken ?? PUBLIC_API_KEY,
        format: "json",
        setup:
          "Radarr: Settings → Import Lists → + → Radarr → Full URL and API Key from here → optional filters (Quality Profiles: Default or 4K; Tags; Root Folders) → Test → Save",
      },
      sonarr_instance: {
        name: "Sonarr instance list (TV, every 5 min) — fastest, per season",
        description:
          "Stellarr as a Sonarr source instance: requests reach Sonarr within about 5–10 minutes with the requested seasons monitored",
        url: arrUrl(origin, "sonarr"),
        api_key: feedToken ?? PUBLIC_API_KEY,
        format: "json",
        setup:
          "Sonarr: Settings → Import Lists → + → Sonarr → Monitor ≠ None, Monitor New Seasons = All → Full URL and API Key from here → tick Sync Season Monitoring → optional filters → Test → Save",
      },
      radarr_tmdb: {
        name: "Radarr (Movies, TMDB ids) — recommended",
        description: "Custom Lists JSON (TMDB ids) for Radarr",
        url: url(FEED_PATHS.radarr_tmdb),
        format: "json",
        setup: "Radarr: Settings → Import Lists → + → Custom Lists → List URL (refreshes every 12 h)",
      },
      radarr: {
        name: "Radarr (Movies)",
        description: "StevenLu Custom JSON (title and IMDb id) for Radarr",
        url: url(FEED_PATHS.radarr),
        format: "json",
        setup: "Radarr: Settings → Import Lists → + → StevenLu Custom → URL (refreshes every 24 h)",
      },
      sonarr: {
        name: "Sonarr (TV Shows)",
        description:
          "Custom List JSON (TVDB ids, plus TMDB/IMDb ids) for Sonarr; Sonarr v4 skips shows without a TVDB id until one is known",
        url: url(FEED_PATHS.sonarr),
        format: "json",
        setup: "Sonarr: Settings → Import Lists → + → Custom List → List URL (refreshes every 6 h)",
      },
    },
    warning: CLEAN_LIBRARY_WARNING,
  };
}
