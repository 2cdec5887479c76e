/** Wire shapes of the Stellarr API (product.md §4) as the UI uses them. */
export type MediaType = "movie" | "tv";

export interface AppConfig {
  app_name: string;
  locales: string[];
  catalogue: "tmdb" | "demo";
  version: string;
}

export interface AuthParams {
  iterations: number;
  challenge: string;
  expires_in: number;
}

export interface VerifyResponse {
  valid: true;
  token: string;
  name: string;
}

/** A title as trending files and search results carry it. */
export interface MediaItem {
  id: number;
  title: string;
  year: number | string | null;
  overview: string | null;
  poster_path: string | null;
  media_type: MediaType;
  vote_average: number | null;
  requested?: boolean;
  in_library?: boolean;
  number_of_seasons?: number | null;
}

export interface TrendingFile {
  generated_at: string;
  results: MediaItem[];
}

export interface SearchResponse {
  results: MediaItem[];
  page: number;
  total_pages: number;
  total_results: number;
}

export interface MediaRequest {
  tmdb_id: number;
  media_type: MediaType;
  title: string;
  year: number | string | null;
  overview: string | null;
  poster_path: string | null;
  imdb_id: string | null;
  tvdb_id: number | null;
  requested_by: string | null;
  created_at: string;
  added_at: string | null;
  plex_guid: string | null;
}

export interface CreateRequestResponse {
  success: boolean;
  message: string;
  request: MediaRequest;
}

export type StatusCounts = Record<MediaType, { pending: number; added: number }>;

export interface RequestsPage {
  requests: MediaRequest[];
  next_cursor: string | null;
  counts: StatusCounts;
}

export interface LibraryStatus {
  library: Record<MediaType, number[]>;
  requests: MediaRequest[];
}

export interface Feed {
  name: string;
  description: string;
  url: string;
  format: string;
  setup: string;
}

export interface FeedsResponse {
  token_required: boolean;
  feeds: { radarr: Feed; radarr_tmdb: Feed; sonarr: Feed };
  warning: string;
}

export interface PushSubscriptionBody {
  endpoint: string;
  keys: { p256dh: string; auth: string };
  locale: string;
}

export interface PushStatus {
  subscribed: boolean;
  devices: number;
}

export interface ErrorBody {
  detail?: unknown;
  code?: unknown;
  errors?: { path: (string | number)[]; message: string }[];
}
