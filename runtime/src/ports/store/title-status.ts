/** The one small read the search page and request creation need: request and library status of many titles at once. */
import type { TitleKey } from "./index.js";

export interface TitleStatus {
  requested: boolean;
  /** Pending (not yet added) request exists. */
  pending: boolean;
  in_library: boolean;
}

export interface TitleStatusStore {
  /** Request and library status of many titles in ONE batched read (search page budget). Keyed by `${media_type}:${tmdb_id}` (`titleKey`). */
  titleStatus(keys: TitleKey[]): Promise<Map<string, TitleStatus>>;
}
