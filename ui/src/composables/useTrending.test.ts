import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ref } from "vue";
import { setLocale } from "@/i18n/index.js";
import { restoreAppConfig } from "@/stores/app-config.js";
import { clearTrendingCache, type TrendingType } from "@/stores/trending.js";
import { json, mockFetch } from "@/utils/test/fetch-mock.js";
import { item } from "@/utils/test/fixtures.js";
import { useTrending } from "./useTrending.js";

const file = (...ids: number[]) => ({ generated_at: "2026-03-01T00:00:00.000Z", results: ids.map((id) => item(id)) });

beforeEach(async () => {
  localStorage.clear();
  restoreAppConfig();
  clearTrendingCache();
  await setLocale("en", { persist: false });
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe("useTrending", () => {
  it("loads the file of the chosen type in the UI language, and another type on the next load", async () => {
    await setLocale("fr", { persist: false });
    const http = mockFetch({ "GET /trending-all-fr.json": file(1, 2), "GET /trending-tv-fr.json": file(3) });
    const type = ref<TrendingType>("all");
    const trending = useTrending(type);
    const loading = trending.load();
    expect(trending.loading.value).toBe(true);
    await loading;
    expect(trending.items.value.map((i) => i.id)).toEqual([1, 2]);
    expect(trending.loading.value).toBe(false);

    type.value = "tv";
    await trending.load();
    expect(trending.items.value.map((i) => i.id)).toEqual([3]);
    expect(http.calls.map((c) => c.path)).toEqual(["/trending-all-fr.json", "/trending-tv-fr.json"]);
  });

  it("keeps why a load failed and shows nothing; the next good load clears it", async () => {
    const http = mockFetch({ "GET /trending-all-en.json": json({ detail: "down", code: "internal_error" }, 500) });
    const trending = useTrending(ref<TrendingType>("all"));
    await trending.load();
    expect(trending.items.value).toEqual([]);
    expect(trending.error.value).toMatchObject({ code: "internal_error" });

    http.set("GET /trending-all-en.json", file(7));
    await trending.load();
    expect(trending.error.value).toBeNull();
    expect(trending.items.value.map((i) => i.id)).toEqual([7]);
  });

  it("a later load wins over an earlier one still on its way", async () => {
    let release!: (r: Response) => void;
    mockFetch({
      "GET /trending-movie-en.json": () => new Promise<Response>((resolve) => (release = resolve)),
      "GET /trending-tv-en.json": file(5),
    });
    const type = ref<TrendingType>("movie");
    const trending = useTrending(type);
    const slow = trending.load();
    await vi.waitFor(() => expect(release).toBeTypeOf("function"));
    type.value = "tv";
    await trending.load();
    release(json(file(4)));
    await slow;
    expect(trending.items.value.map((i) => i.id)).toEqual([5]);
  });
});
