/** The library sources in their one fixed order (plex, jellyfin, emby): how every list of sources is sorted. */
import type { LibrarySourceName } from "../../ports/store/library.js";

export const LIBRARY_SOURCE_NAMES: readonly LibrarySourceName[] = ["plex", "jellyfin", "emby"];

/** `sources` without repeats, in `LIBRARY_SOURCE_NAMES` order. */
export const inSourceOrder = (sources: Iterable<LibrarySourceName>): LibrarySourceName[] => {
  const held = new Set(sources);
  return LIBRARY_SOURCE_NAMES.filter((s) => held.has(s));
};
