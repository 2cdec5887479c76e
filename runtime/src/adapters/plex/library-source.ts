/** A Plex server's libraries as a `LibrarySource`: movie and show sections, items mapped to sync items by their guids. */
import { plexLibraryEntry } from "../../domain/plex/library-entry.js";
import type { LibrarySource } from "../../ports/library-source.js";
import type { PlexClient } from "./client.js";

export function createPlexLibrarySource(plex: PlexClient): LibrarySource {
  return {
    serverName: () => plex.serverName(),
    async sections() {
      return (await plex.sections()).map((s) => ({ ...s, mediaType: s.type === "movie" ? "movie" : s.type === "show" ? "tv" : null }));
    },
    sectionSize: (key) => plex.sectionSize(key),
    async *sectionItems(key) {
      for await (const page of plex.sectionItems(key)) yield { items: page.items.map(plexLibraryEntry), total: page.total };
    },
  };
}
