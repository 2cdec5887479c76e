/**
 * What the `jellyfin-sync`/`emby-sync` CLI reads before it sends anything: the libraries chosen by
 * name and media type, and their movies or shows as sync batch items, de-duplicated across
 * libraries (the first library wins), with the items that have no usable id counted as skipped.
 */
import { librarySyncKey, mediaServerLibraryEntry, type LibrarySyncItem } from "../../domain/media-server/library-entry.js";
import type { MediaServerClient, MediaServerLibrary, SyncMediaType } from "./client.js";

/** The requested names no library has (names compare without regard to case or surrounding space). */
export function missingLibraries(all: readonly MediaServerLibrary[], names: readonly string[]): string[] {
  const have = new Set(all.map((l) => l.name.trim().toLowerCase()));
  return names.filter((n) => !have.has(n.trim().toLowerCase()));
}

/** The libraries to read for a media type: those that hold it, and only the named ones when names are given. */
export function librariesFor(
  all: readonly MediaServerLibrary[],
  mediaType: SyncMediaType,
  names: readonly string[] = [],
): MediaServerLibrary[] {
  const wanted = new Set(names.map((n) => n.trim().toLowerCase()));
  return all.filter((l) => l.mediaTypes.includes(mediaType) && (wanted.size === 0 || wanted.has(l.name.trim().toLowerCase())));
}

export interface LibraryRead {
  /** Unique titles with at least one TMDB, TVDB or IMDb id, in reading order. */
  items: LibrarySyncItem[];
  /** Movies or shows read (every library, every page). */
  read: number;
  /** Read items without a usable id (home videos, unidentified files). */
  skipped: number;
  /** Read items that repeat a title already collected (the same movie in "Movies" and "4K Movies"). */
  duplicates: number;
}

/** Reads the libraries' movies or shows; `onProgress` after every page (for a progress bar). */
export async function readLibraries(
  client: MediaServerClient,
  libraries: readonly MediaServerLibrary[],
  mediaType: SyncMediaType,
  onProgress?: (library: MediaServerLibrary, read: number, total: number | null) => void,
): Promise<LibraryRead> {
  const wantedType = mediaType === "movie" ? "movie" : "series";
  const out: LibraryRead = { items: [], read: 0, skipped: 0, duplicates: 0 };
  const keys = new Set<string>();
  for (const library of libraries) {
    for await (const page of client.items(library, mediaType)) {
      for (const dto of page.items) {
        // `IncludeItemTypes` asks for one type; a server that sends others anyway does not get them counted.
        if (typeof dto.Type !== "string" || dto.Type.toLowerCase() !== wantedType) continue;
        out.read++;
        const entry = mediaServerLibraryEntry(dto);
        if (entry === null) {
          out.skipped++;
          continue;
        }
        const key = librarySyncKey(entry);
        if (keys.has(key)) {
          out.duplicates++;
          continue;
        }
        keys.add(key);
        out.items.push(entry);
      }
      onProgress?.(library, page.read, page.total);
    }
  }
  return out;
}
