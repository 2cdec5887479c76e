/** The persistent GUID cache (product.md §5.1 step 3): a media server's show/movie-level guid → the title it resolved to. */
import type { MediaType } from "./index.js";

/** What a show/movie-level GUID resolved to. */
export interface GuidMapping {
  media_type: MediaType;
  tmdb_id: number;
  tvdb_id: number | null;
}

export interface GuidCacheStore {
  getGuid(guid: string): Promise<GuidMapping | null>;
  putGuid(guid: string, mapping: GuidMapping): Promise<void>;
}
