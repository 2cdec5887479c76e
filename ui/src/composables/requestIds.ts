import type { MediaRequest } from "@/api/types.js";

/** A movie without an IMDb id or a show without a TVDB id does not reach Radarr's IMDb list or Sonarr. */
export const hasMissingId = (request: Pick<MediaRequest, "media_type" | "imdb_id" | "tvdb_id">): boolean =>
  request.media_type === "movie" ? !request.imdb_id : !request.tvdb_id;
