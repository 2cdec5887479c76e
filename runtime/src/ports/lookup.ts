/** TheTVDB v4, optional (`TVDB_API_KEY`): episode id → series id for the Plex resolution chain. */
export interface SeriesLookup {
  /** The series id of a TVDB episode, or null when TheTVDB does not know the episode. */
  episodeSeriesId(episodeId: number): Promise<number | null>;
}
