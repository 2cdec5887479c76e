/** The library sources in their one fixed order (plex, jellyfin, emby): how every list of sources is sorted. */
import { LIBRARY_SOURCES } from "../../contract/library-sources.js";
import type { LibrarySourceName } from "../../ports/store/library.js";

export const LIBRARY_SOURCE_NAMES: readonly LibrarySourceName[] = LIBRARY_SOURCES;

/** `sources` without repeats, in `LIBRARY_SOURCE_NAMES` order. */
export const inSourceOrder = (sources: Iterable<LibrarySourceName>): LibrarySourceName[] => {
  const held = new Set(sources);
  return LIBRARY_SOURCE_NAMES.filter((s) => held.has(s));
};
