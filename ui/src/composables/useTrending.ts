/**
 * Trending titles of one type (All/Movies/TV) in the UI language: the ≈40 items of one trending
 * file (`stores/trending` fetches each file once). The caller decides when to (re)load.
 */
import { ref, shallowRef, type Ref } from "vue";
import type { MediaItem } from "@/api/types.js";
import { localeRef } from "@/i18n/index.js";
import { appConfig, appConfigLoaded, trendingLocale } from "@/stores/app-config.js";
import { getTrending, type TrendingType } from "@/stores/trending.js";

export function useTrending(type: Readonly<Ref<TrendingType>>) {
  const items = shallowRef<MediaItem[]>([]);
  const loading = ref(false);
  /** Why the last load failed (null after a good one). */
  const error = shallowRef<unknown>(null);
  let generation = 0;

  /** Loads the file for the current type and language; a later call supersedes an earlier one. */
  async function load(): Promise<void> {
    const run = ++generation;
    loading.value = true;
    error.value = null;
    try {
      // The server's trending locales come with /config.json, which may still be on its way at start.
      await appConfigLoaded();
      if (run !== generation) return;
      const list = await getTrending(type.value, trendingLocale(localeRef.value, appConfig.value.locales));
      if (run === generation) items.value = list;
    } catch (err) {
      if (run === generation) {
        items.value = [];
        error.value = err;
      }
    } finally {
      if (run === generation) loading.value = false;
    }
  }

  return { items, loading, error, load };
}
