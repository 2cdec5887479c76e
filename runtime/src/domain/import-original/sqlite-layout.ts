/**
 * The original's Docker backend: one SQLite file (reference-original.md §5.1) with the tables
 * `requests` (no requester column: those requests are imported without a name), `library`,
 * `plex_guid_cache` and the unused `config`. Pure: the adapter reads rows, this sorts them out.
 */
import type { Collector } from "./collect.js";
import { shown } from "./values.js";

/** The tables this layout reads, in the order they are read (requests first: the GUID cache consults them). */
export const ORIGINAL_SQLITE_TABLES = ["requests", "library", "plex_guid_cache", "config"] as const;
export type OriginalSqliteTable = (typeof ORIGINAL_SQLITE_TABLES)[number];

export function collectSqliteRow(table: OriginalSqliteTable, row: Record<string, unknown>, collector: Collector): void {
  switch (table) {
    case "requests":
      return collector.request(row, `requests row ${shown(row.id)}: ${shown(row.media_type)}/${shown(row.tmdb_id)}`);
    case "library":
      return collector.libraryEntry(row.media_type, row, `library ${shown(row.media_type)}/${shown(row.tmdb_id)}`);
    case "plex_guid_cache":
      return collector.guid(row, `plex_guid_cache ${shown(row.plex_guid)}`);
    case "config":
      return collector.ignore("config rows");
  }
}
