/**
 * The kinds of media server a library entry comes from, in their one fixed order (product.md §5):
 * the `source` of the sync endpoints and the `available_on` of the requests page. A module of its
 * own so the request schemas use it without pulling in the sync schemas.
 */
export const LIBRARY_SOURCES = ["plex", "jellyfin", "emby"] as const;
export type LibrarySource = (typeof LIBRARY_SOURCES)[number];
