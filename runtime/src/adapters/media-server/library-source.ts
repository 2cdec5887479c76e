/**
 * A Jellyfin or Emby server's libraries as a `LibrarySource` for `syncFromSource` (the core of
 * `jellyfin-sync`/`emby-sync`): one section per library and media type it holds (a mixed Jellyfin
 * library appears once for movies and once for shows), items mapped to sync items by their provider
 * ids — IMDb-only items kept as `imdb_id` for the server to resolve.
 */
import { mediaServerLibraryEntry } from "../../domain/media-server/library-entry.js";
import type { LibrarySection, LibrarySource } from "../../ports/library-source.js";
import type { MediaServerClient, MediaServerLibrary, SyncMediaType } from "./client.js";

const ITEM_TYPE: Record<SyncMediaType, string> = { movie: "movie", tv: "series" };

export function createMediaServerLibrarySource(client: MediaServerClient): LibrarySource {
  const byKey = new Map<string, { library: MediaServerLibrary; mediaType: SyncMediaType }>();
  const keyOf = (library: MediaServerLibrary, mediaType: SyncMediaType) => `${library.id}:${mediaType}`;
  const section = (key: string) => {
    const found = byKey.get(key);
    if (!found) throw new Error(`unknown ${client.label} library ${key}`);
    return found;
  };

  return {
    serverName: async () => (await client.info()).name,
    async sections(): Promise<LibrarySection[]> {
      const out: LibrarySection[] = [];
      for (const library of await client.libraries()) {
        const type = library.collectionType ?? "mixed";
        if (library.mediaTypes.length === 0) out.push({ key: library.id, type, title: library.name, mediaType: null });
        for (const mediaType of library.mediaTypes) {
          byKey.set(keyOf(library, mediaType), { library, mediaType });
          out.push({ key: keyOf(library, mediaType), type, title: library.name, mediaType });
        }
      }
      return out;
    },
    async sectionSize(key) {
      const found = byKey.get(key);
      return found ? client.count(found.library, found.mediaType) : 0;
    },
    async *sectionItems(key) {
      const { library, mediaType } = section(key);
      for await (const page of client.items(library, mediaType)) {
        // `IncludeItemTypes` asks for one type; anything else a server sends anyway is not counted.
        const items = page.items.filter((dto) => typeof dto.Type === "string" && dto.Type.toLowerCase() === ITEM_TYPE[mediaType]);
        yield { items: items.map(mediaServerLibraryEntry), total: page.total ?? page.read };
      }
    },
  };
}
