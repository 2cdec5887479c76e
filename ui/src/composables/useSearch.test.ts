import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ref } from "vue";
import type { MediaType } from "@/api/types.js";
import { setLocale } from "@/i18n/index.js";
import { json, mockFetch, type RecordedCall } from "@/utils/test/fetch-mock.js";
import { item } from "@/utils/test/fixtures.js";
import { useSearch } from "./useSearch.js";

beforeEach(async () => {
  await setLocale("en", { persist: false });
});
afterEach(() => {
  vi.unstubAllGlobals();
});

/** Page n holds ids n*10+1…n*10+3, and page 2 repeats the last title of page 1 (rankings shift). */
function pagesRoute(call: RecordedCall): Response {
  const { page } = call.body as { page: number };
  const results = [1, 2, 3].map((i) => item(page * 10 + i));
  if (page === 2) results.unshift(item(13));
  // A person TMDB mixed in never reaches a card.
  results.push({ ...item(99), media_type: "person" as MediaType });
  return json({ results, page, total_pages: 3, total_results: 9 });
}

describe("useSearch", () => {
  it("searches in the UI language with the type filter, keeps TMDB pages and flattens them without repeats", async () => {
    await setLocale("de", { persist: false });
    const http = mockFetch({ "POST /api/search": pagesRoute });
    const type = ref<MediaType | undefined>("movie");
    const search = useSearch(() => type.value);
    expect(search.active.value).toBe(false);

    await search.run("matrix");
    expect(http.callsTo("POST", "/api/search")[0]!.body).toEqual({ query: "matrix", media_type: "movie", page: 1, language: "de" });
    expect(search.active.value).toBe(true);
    expect(search.pages.value.get(1)!.map((i) => i.id)).toEqual([11, 12, 13]);
    expect(search.totalResults.value).toBe(9);
    expect(search.hasMore.value).toBe(true);

    expect(await search.loadPage(2)).toBe(true);
    expect(search.flat.value.map((i) => i.id)).toEqual([11, 12, 13, 21, 22, 23]);
    // Already there: no second request.
    expect(await search.loadPage(2)).toBe(true);
    expect(http.callsTo("POST", "/api/search")).toHaveLength(2);

    await search.loadNext();
    expect(search.hasMore.value).toBe(false);
    await search.loadNext();
    expect(http.callsTo("POST", "/api/search").map((c) => (c.body as { page: number }).page)).toEqual([1, 2, 3]);
  });

  it("a newer search cancels the older one, whose late answer is dropped", async () => {
    const pending: ((r: Response) => void)[] = [];
    const signals: (AbortSignal | undefined)[] = [];
    const http = mockFetch({ "POST /api/search": () => new Promise<Response>((resolve) => pending.push(resolve)) });
    http.fn.mockImplementation(async (_input: RequestInfo | URL, init: RequestInit = {}) => {
      signals.push(init.signal ?? undefined);
      return new Promise<Response>((resolve) => pending.push(resolve));
    });
    const search = useSearch(() => undefined);
    const first = search.run("old");
    const second = search.run("new");
    expect(signals[0]!.aborted).toBe(true);
    expect(search.loading.value).toBe(true);
    pending[1]!(json({ results: [item(2, { title: "new hit" })], page: 1, total_pages: 1, total_results: 1 }));
    pending[0]!(json({ results: [item(1, { title: "old hit" })], page: 1, total_pages: 1, total_results: 1 }));
    await Promise.all([first, second]);
    expect(search.term.value).toBe("new");
    expect(search.flat.value.map((i) => i.title)).toEqual(["new hit"]);
    expect(search.loading.value).toBe(false);
  });

  it("keeps the error of a failed page, and clear() leaves search with nothing in flight", async () => {
    let fail = false;
    mockFetch({
      "POST /api/search": (call: RecordedCall) => (fail ? json({ detail: "x", code: "upstream_error" }, 502) : pagesRoute(call)),
    });
    const search = useSearch(() => undefined);
    await search.run("a");
    fail = true;
    expect(await search.loadPage(2)).toBe(false);
    expect(search.error.value).toMatchObject({ code: "upstream_error" });
    expect(search.pages.value.has(2)).toBe(false);

    fail = false;
    const running = search.run("b");
    search.clear();
    await running;
    expect(search.active.value).toBe(false);
    expect(search.loading.value).toBe(false);
    expect(search.error.value).toBeNull();
    expect(search.flat.value).toEqual([]);
  });
});
