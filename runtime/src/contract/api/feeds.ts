/** `GET /api/feeds`: the feed URLs a user pastes into Radarr and Sonarr, and the Clean Library warning. */

export interface Feed {
  name: string;
  description: string;
  url: string;
  format: "json";
  setup: string;
}

export interface FeedsResponse {
  token_required: boolean;
  feeds: { radarr: Feed; radarr_tmdb: Feed; sonarr: Feed };
  warning: string;
}
