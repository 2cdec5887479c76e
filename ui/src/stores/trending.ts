/**
 * Trending files, fetched once per (type, locale) and page lifetime. `main.ts` starts the first one
 * before the app mounts, so the home view usually finds it already on the way.
 */
import { fetchTrending } from "@/api/index.js";
import type { MediaItem, MediaType } from "@/api/types.js";

export type TrendingType = "all" | MediaType;

const cache = new Map<string, Promise<MediaItem[]>>();

async function load(type: TrendingType, locale: string): Promise<MediaItem[]> {
  const file = (await fetchTrending(type, locale)) ?? (locale !== "en" ? await fetchTrending(type, "en") : null);
  // Only movies and shows belong on a card, whatever the file holds.
  return (file?.results ?? []).filter((item) => item.media_type === "movie" || item.media_type === "tv");
}

export function getTrending(type: TrendingType, locale: string): Promise<MediaItem[]> {
  const key = `${type}-${locale}`;
  let entry = cache.get(key);
  if (!entry) {
    entry = load(type, locale);
    // A failure is not cached: the next visit tries again.
    entry.catch(() => cache.delete(key));
    cache.set(key, entry);
  }
  return entry;
}

export function clearTrendingCache(): void {
  cache.clear();
}
