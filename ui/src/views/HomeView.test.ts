import { flushPromises } from "@vue/test-utils";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { setLocale } from "@/i18n/index.js";
import { library } from "@/stores/library.js";
import { session } from "@/stores/session.js";
import { toasts } from "@/stores/toasts.js";
import { clearTrendingCache } from "@/stores/trending.js";
import { apiError, json, mockFetch } from "@/utils/test/fetch-mock.js";
import { freshToken, item, request } from "@/utils/test/fixtures.js";
import { FakeIntersectionObserver, renderApp, stubPhoneViewport } from "@/utils/test/render.js";

const trending = (n: number, type: "movie" | "tv" = "movie", offset = 0) => ({
  generated_at: "2026-03-01T00:00:00.000Z",
  results: Array.from({ length: n }, (_, i) => item(offset + i + 1, { media_type: type })),
});
const libraryStatus = { library: { movie: [2], tv: [] }, requests: [request(3)] };

let matchMedia: typeof window.matchMedia;
beforeEach(async () => {
  matchMedia = window.matchMedia;
  localStorage.clear();
  library.clear();
  clearTrendingCache();
  toasts.clear();
  session.start(freshToken(), "alice");
  await setLocale("en", { persist: false });
});
afterEach(() => {
  window.matchMedia = matchMedia;
  session.end("logout");
  vi.useRealTimers();
  vi.unstubAllGlobals();
  document.body.innerHTML = "";
});

const titles = (wrapper: Awaited<ReturnType<typeof renderApp>>["wrapper"]) => wrapper.findAll("article h2").map((h) => h.text());

describe("home: trending", () => {
  it("shows trending in pages of 20 on desktop, with library and request badges", async () => {
    mockFetch({ "GET /trending-all-en.json": trending(40), "GET /api/library-status": libraryStatus, "GET /config.json": {} });
    const { wrapper } = await renderApp("/");
    expect(titles(wrapper)).toHaveLength(20);
    expect(wrapper.text()).toContain("Page 1 of 2");
    const cards = wrapper.findAll("article");
    expect(cards[1]!.text()).toContain("In library");
    expect(cards[2]!.find("button:disabled").text()).toContain("Requested");

    await wrapper
      .findAll("nav button")
      .find((b) => b.text() === "Next")!
      .trigger("click");
    expect(titles(wrapper)[0]).toBe("Title 21");
    expect(wrapper.text()).toContain("Page 2 of 2");
    wrapper.unmount();
  });

  it("switches tabs to the movie and TV files", async () => {
    const http = mockFetch({
      "GET /trending-all-en.json": trending(3),
      "GET /trending-tv-en.json": trending(2, "tv", 100),
      "GET /api/library-status": libraryStatus,
    });
    const { wrapper } = await renderApp("/");
    await wrapper
      .findAll("button")
      .find((b) => b.text() === "TV shows")!
      .trigger("click");
    await flushPromises();
    expect(http.callsTo("GET", "/trending-tv-en.json")).toHaveLength(1);
    expect(titles(wrapper)).toEqual(["Title 101", "Title 102"]);
    wrapper.unmount();
  });

  it("falls back to the English file when the locale's file is missing", async () => {
    await setLocale("es", { persist: false });
    const http = mockFetch({ "GET /trending-all-en.json": trending(2), "GET /api/library-status": libraryStatus });
    const { wrapper } = await renderApp("/");
    expect(http.callsTo("GET", "/trending-all-es.json")).toHaveLength(1);
    expect(titles(wrapper)).toEqual(["Title 1", "Title 2"]);
    wrapper.unmount();
  });

  it("on a phone, scrolling to the end really shows more items", async () => {
    stubPhoneViewport(true);
    vi.stubGlobal("IntersectionObserver", FakeIntersectionObserver);
    mockFetch({ "GET /trending-all-en.json": trending(45), "GET /api/library-status": libraryStatus });
    const { wrapper } = await renderApp("/");
    expect(titles(wrapper)).toHaveLength(20);
    expect(wrapper.text()).not.toContain("Page 1 of");
    FakeIntersectionObserver.reveal();
    await flushPromises();
    expect(titles(wrapper)).toHaveLength(40);
    FakeIntersectionObserver.reveal();
    await flushPromises();
    expect(titles(wrapper)).toHaveLength(45);
    expect(wrapper.text()).not.toContain("Loading more");
    wrapper.unmount();
  });
});

describe("home: loading and season counts", () => {
  it("shows placeholder cards while the trending file loads, then the cards, shows with their season count", async () => {
    let release!: (r: Response) => void;
    mockFetch({
      "GET /trending-all-en.json": () => new Promise<Response>((resolve) => (release = resolve)),
      "GET /api/library-status": libraryStatus,
    });
    const { wrapper } = await renderApp("/");
    expect(wrapper.findAll("[data-testid=skeletons] .skeleton").length).toBeGreaterThan(0);
    expect(wrapper.find(".skeletons [role=status]").text()).toBe("Loading…");
    expect(wrapper.find("article").exists()).toBe(false);
    release(
      json({ generated_at: "x", results: [item(1), item(2, { media_type: "tv", number_of_seasons: 12 }), item(3, { media_type: "tv" })] }),
    );
    await flushPromises();
    expect(wrapper.find("[data-testid=skeletons]").exists()).toBe(false);
    expect(titles(wrapper)).toEqual(["Title 1", "Title 2", "Title 3"]);
    const show = wrapper.findAll("article")[1]!;
    expect(show.find(".badge-danger").text()).toBe("12 seasons");
    // A show whose count the warmer could not get has no season badge.
    expect(wrapper.findAll("article")[2]!.text()).not.toMatch(/season/);
    wrapper.unmount();
  });
});

describe("home: search", () => {
  it("debounces typing into one search, with the type filter and language, and pages through TMDB", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const http = mockFetch({
      "GET /trending-all-en.json": trending(2),
      "GET /trending-movie-en.json": trending(2),
      "GET /api/library-status": libraryStatus,
      "POST /api/search": (call: { body: unknown }) => {
        const page = (call.body as { page: number }).page;
        return json({ results: [item(page * 100, { title: `Found ${page}` })], page, total_pages: 3, total_results: 41 });
      },
    });
    const { wrapper } = await renderApp("/");
    await wrapper
      .findAll("button")
      .find((b) => b.text() === "Movies")!
      .trigger("click");
    const input = wrapper.find("input[type=search]");
    await input.setValue("ma");
    await input.setValue("matrix");
    await vi.advanceTimersByTimeAsync(500);
    await flushPromises();
    const searches = http.callsTo("POST", "/api/search");
    expect(searches).toHaveLength(1);
    expect(searches[0]!.body).toEqual({ query: "matrix", media_type: "movie", page: 1, language: "en" });
    expect(wrapper.text()).toContain("41 results");
    expect(titles(wrapper)).toEqual(["Found 1"]);

    await wrapper
      .findAll("nav button")
      .find((b) => b.text() === "Next")!
      .trigger("click");
    await flushPromises();
    expect(http.callsTo("POST", "/api/search").at(-1)!.body).toMatchObject({ page: 2 });
    expect(titles(wrapper)).toEqual(["Found 2"]);
    wrapper.unmount();
  });

  it("clearing the search goes back to trending", async () => {
    mockFetch({
      "GET /trending-all-en.json": trending(2),
      "GET /api/library-status": libraryStatus,
      "POST /api/search": json({ results: [item(9, { title: "Hit" })], page: 1, total_pages: 1, total_results: 1 }),
    });
    const { wrapper } = await renderApp("/");
    await wrapper.find("input[type=search]").setValue("hit");
    await wrapper.find("form[role=search]").trigger("submit");
    await flushPromises();
    expect(titles(wrapper)).toEqual(["Hit"]);
    await wrapper.find("button[aria-label='Clear search']").trigger("click");
    await flushPromises();
    expect(titles(wrapper)).toEqual(["Title 1", "Title 2"]);
    wrapper.unmount();
  });
});

describe("home: requesting", () => {
  it("shows Requested at once and keeps it when the server accepts", async () => {
    let release!: (r: Response) => void;
    const http = mockFetch({
      "GET /trending-all-en.json": trending(1),
      "GET /api/library-status": { library: { movie: [], tv: [] }, requests: [] },
      "POST /api/request": () => new Promise<Response>((resolve) => (release = resolve)),
    });
    const { wrapper } = await renderApp("/");
    await wrapper.find("button[aria-label='Request Title 1']").trigger("click");
    expect(wrapper.find("article").text()).toContain("Requested");
    expect(http.callsTo("POST", "/api/request")[0]!.body).toEqual({ tmdb_id: 1, media_type: "movie" });
    release(json({ success: true, message: "ok", request: request(1, { title: "Title 1" }) }, 201));
    await flushPromises();
    expect(wrapper.find("article").text()).toContain("Requested");
    expect(toasts.list.map((t) => t.message)).toContain("Title 1 was requested.");
    wrapper.unmount();
  });

  it("reverts and shows an error toast in the user's language when the server fails", async () => {
    await setLocale("fr", { persist: false });
    mockFetch({
      "GET /trending-all-fr.json": trending(1),
      "GET /api/library-status": { library: { movie: [], tv: [] }, requests: [] },
      "POST /api/request": apiError(503, "store_unavailable", "Storage is temporarily unavailable", { "retry-after": "5" }),
    });
    const { wrapper } = await renderApp("/");
    await wrapper.find("article button.btn-primary").trigger("click");
    await flushPromises();
    expect(wrapper.find("article button.btn-primary").text()).toContain("Demander");
    const error = toasts.list.find((t) => t.kind === "error");
    expect(error?.message).toBe("Title 1 n'a pas pu être demandé. Le stockage est temporairement indisponible. Réessayez dans un instant.");
    expect(wrapper.find("[role=alert]").exists()).toBe(true);
    wrapper.unmount();
  });
});
