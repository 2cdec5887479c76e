/** `GET /api/feeds`: the feed URLs a user pastes into Radarr and Sonarr, and the Clean Library warning. */

export interface FeedDescription {
  name: string;
  description: string;
  url: string;
  format: "json";
  setup: string;
}

export interface FeedsInfo {
  token_required: boolean;
  feeds: { radarr: FeedDescription; radarr_tmdb: FeedDescription; sonarr: FeedDescription };
  warning: string;
}

export const CLEAN_LIBRARY_WARNING =
  "These feeds list pending requests only: a title leaves the feed once it is in Plex. " +
  "If Radarr's or Sonarr's list setting \"Clean Library Level\" is anything other than " +
  '"Disabled" (or "Log only"), they will unmonitor, remove or even delete media that is no longer ' +
  'on any list. Keep it disabled, or use the "?status=all" variant of each URL, which keeps fulfilled requests listed.';

/** `origin` is the public origin (no trailing slash); `feedToken` the configured token or null (public feeds). */
export function describeFeeds(origin: string, feedToken: string | null): FeedsInfo {
  const url = (path: string) => `${origin.replace(/\/+$/, "")}${path}${feedToken ? `?token=${encodeURIComponent(feedToken)}` : ""}`;
  return {
    token_required: feedToken !== null,
    feeds: {
      radarr: {
        name: "Radarr (Movies)",
        description: "StevenLu Custom JSON (title and IMDb id) for Radarr",
        url: url("/list/radarr"),
        format: "json",
        setup: "Radarr: Settings → Import Lists → + → StevenLu Custom → URL (refreshes every 24 h)",
      },
      radarr_tmdb: {
        name: "Radarr (Movies, TMDB ids) — recommended",
        description: "Custom Lists JSON (TMDB ids) for Radarr",
        url: url("/list/radarr/tmdb"),
        format: "json",
        setup: "Radarr: Settings → Import Lists → + → Custom Lists → List URL (refreshes every 12 h)",
      },
      sonarr: {
        name: "Sonarr (TV Shows)",
        description:
          "Custom List JSON (TVDB ids, plus TMDB/IMDb ids) for Sonarr; Sonarr v4 skips shows without a TVDB id until one is known",
        url: url("/list/sonarr"),
        format: "json",
        setup: "Sonarr: Settings → Import Lists → + → Custom List → List URL (refreshes every 6 h)",
      },
    },
    warning: CLEAN_LIBRARY_WARNING,
  };
}
