/**
 * A catalogue search (POST /api/search) kept as TMDB pages: page N of the results is TMDB's page
 * N, fetched when first shown (desktop paging) or appended (phones' infinite scroll). Results are
 * in the UI language; a new search or `clear()` cancels the one in flight.
 */
import { computed, ref, shallowRef } from "vue";
import { search } from "@/api/index.js";
import type { MediaItem, MediaType } from "@/api/types.js";
import { localeRef } from "@/i18n/index.js";

/** TMDB serves at most 500 pages of any search. */
const MAX_PAGES = 500;

const isAbort = (err: unknown): boolean => err instanceof DOMException && err.name === "AbortError";

export function useSearch(mediaType: () => MediaType | undefined) {
  /** The search shown ("" when none). */
  const term = ref("");
  const pages = shallowRef(new Map<number, MediaItem[]>());
  const totalPages = ref(0);
  const totalResults = ref(0);
  /** The first page is on its way. */
  const loading = ref(false);
  /** A further page is on its way. */
  const loadingMore = ref(false);
  const error = shallowRef<unknown>(null);
  let generation = 0;
  let controller: AbortController | null = null;

  const active = computed(() => term.value !== "");
  const lastPage = computed(() => Math.max(0, ...pages.value.keys()));
  const hasMore = computed(() => lastPage.value < totalPages.value);
  /** Every loaded page in order, each title once (TMDB repeats titles across pages as rankings shift). */
  const flat = computed(() => {
    const seen = new Set<string>();
    const out: MediaItem[] = [];
    for (const p of [...pages.value.keys()].sort((a, b) => a - b)) {
      for (const item of pages.value.get(p) ?? []) {
        const key = `${item.media_type}:${item.id}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push(item);
      }
    }
    return out;
  });

  function reset(query: string): number {
    controller?.abort();
    controller = new AbortController();
    term.value = query;
    pages.value = new Map();
    totalPages.value = 0;
    totalResults.value = 0;
    error.value = null;
    loading.value = false;
    return ++generation;
  }

  async function fetchPage(run: number, page: number): Promise<void> {
    const result = await search({ query: term.value, media_type: mediaType(), page, language: localeRef.value }, controller?.signal);
    if (run !== generation) return;
    const next = new Map(pages.value);
    next.set(
      page,
      result.results.filter((r) => r.media_type === "movie" || r.media_type === "tv"),
    );
    pages.value = next;
    totalPages.value = Math.min(result.total_pages, MAX_PAGES);
    totalResults.value = result.total_results;
  }

  /** Starts a new search (first page). */
  async function run(query: string): Promise<void> {
    const current = reset(query);
    loading.value = true;
    try {
      await fetchPage(current, 1);
    } catch (err) {
      if (current === generation && !isAbort(err)) error.value = err;
    } finally {
      if (current === generation) loading.value = false;
    }
  }

  /** Makes sure page `page` is loaded; false when it could not be (the error is kept). */
  async function loadPage(page: number): Promise<boolean> {
    if (pages.value.has(page)) return true;
    const current = generation;
    loadingMore.value = true;
    try {
      await fetchPage(current, page);
      return current === generation;
    } catch (err) {
      if (current === generation && !isAbort(err)) error.value = err;
      return false;
    } finally {
      loadingMore.value = false;
    }
  }

  /** Appends the next page (infinite scroll); does nothing while a page is on its way or at the end. */
  async function loadNext(): Promise<void> {
    if (!active.value || loading.value || loadingMore.value || !hasMore.value) return;
    await loadPage(lastPage.value + 1);
  }

  /** Leaves search: nothing in flight, nothing shown. */
  function clear(): void {
    reset("");
  }

  return { term, active, pages, flat, totalPages, totalResults, hasMore, loading, loadingMore, error, run, loadPage, loadNext, clear };
}
