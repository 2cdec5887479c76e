/** `GET /api/feeds`: the feed URLs a user pastes into Radarr and Sonarr, and the Clean Library warning. */

export interface Feed {
  name: string;
  description: string;
  url: string;
  format: "json";
  setup: string;
}

/**
 * An *arr "instance" list (Radarr's "Radarr", Sonarr's "Sonarr"): `url` is the list's Full URL
 * (no token in it), `api_key` the value for its API Key field (`FEED_TOKEN`, or any text when the
 * feeds are public).
 */
export interface InstanceFeed extends Feed {
  api_key: string;
}

export interface FeedsResponse {
  token_required: boolean;
  /** In the order to show them: the instance lists first, then the feeds, the recommended Radarr one first. */
  feeds: { radarr_instance: InstanceFeed; sonarr_instance: InstanceFeed; radarr_tmdb: Feed; radarr: Feed; sonarr: Feed };
  warning: string;
}
