import { flushPromises } from "@vue/test-utils";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { setLocale } from "@/i18n/index.js";
import { follows } from "@/stores/follows.js";
import { toasts } from "@/stores/toasts.js";
import { apiError, json, mockFetch } from "@/utils/test/fetch-mock.js";
import { item, request } from "@/utils/test/fixtures.js";
import { FakeIntersectionObserver, renderApp, stubPhoneViewport } from "@/utils/test/render.js";
import { signedInAsAlice, signedOutAndCleared } from "@/utils/test/signed-in.js";

const trending = (n: number, type: "movie" | "tv" = "movie", offset = 0) => ({
  generated_at: "2026-03-01T00:00:00.000Z",
  results: Array.from({ length: n }, (_, i) => item(offset + i + 1, { media_type: type })),
});
const libraryStatus = { library: { movie: [2], tv: [] }, requests: [request(3)] };

let matchMedia: typeof window.matchMedia;
beforeEach(async () => {
  matchMedia = window.matchMedia;
  await signedInAsAlice();
});
afterEach(() => {
  window.matchMedia = matchMedia;
  vi.useRealTimers();
  signedOutAndCleared();
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

describe("home: Notify me too", () => {
  const othersRequest = { library: { movie: [], tv: [] }, requests: [request(1, { requested_by: "bob" }), request(2)] };
  const card = (wrapper: Awaited<ReturnType<typeof renderApp>>["wrapper"], id: number) =>
    wrapper.find(`article[aria-labelledby='title-movie-${id}']`);

  beforeEach(() => follows.clear());

  it("follows someone else's request from its card, shows it after a reload, and stops", async () => {
    const http = mockFetch({
      "GET /trending-all-en.json": trending(3),
      "GET /api/library-status": othersRequest,
      "POST /api/request/movie/1/follow": json({ following: true, followers: ["alice"] }),
      "DELETE /api/request/movie/1/follow": json({ following: false, followers: [] }),
    });
    const first = await renderApp("/");
    // bob's request: "Notify me too"; alice's own: the plain Requested state; the rest: Request.
    expect(card(first.wrapper, 1).find("button.follow").text()).toBe("Notify me too");
    expect(card(first.wrapper, 2).find("button.follow").exists()).toBe(false);
    expect(card(first.wrapper, 2).find("button:disabled").text()).toContain("Requested");
    expect(card(first.wrapper, 3).find("button.btn-primary").text()).toContain("Request");

    await card(first.wrapper, 1).find("button.follow").trigger("click");
    await flushPromises();
    expect(http.callsTo("POST", "/api/request/movie/1/follow")).toHaveLength(1);
    expect(card(first.wrapper, 1).find(".following").text()).toContain("You will be notified too.");
    expect(card(first.wrapper, 1).find("button.follow").text()).toBe("Stop notifying me");
    expect(toasts.list.map((t) => t.message)).toContain("You will be notified when Title 1 arrives.");
    first.wrapper.unmount();

    // Another visit in this browser still knows.
    const second = await renderApp("/");
    expect(card(second.wrapper, 1).find("button.follow").text()).toBe("Stop notifying me");
    await card(second.wrapper, 1).find("button.follow").trigger("click");
    await flushPromises();
    expect(http.callsTo("DELETE", "/api/request/movie/1/follow")).toHaveLength(1);
    expect(card(second.wrapper, 1).find(".following").exists()).toBe(false);
    expect(card(second.wrapper, 1).find("button.follow").text()).toBe("Notify me too");
    expect(toasts.list.map((t) => t.message)).toContain("You will no longer be notified about Title 1.");
    second.wrapper.unmount();
  });

  it("shows a follow made on another device: the server's list replaces what this browser knew", async () => {
    // This browser last saw alice follow nothing; the server knows she follows bob's request.
    follows.set("alice", "movie", 1, false);
    const http = mockFetch({
      "GET /trending-all-en.json": trending(3),
      "GET /api/library-status": othersRequest,
      "GET /api/follows": json({ follows: [{ media_type: "movie", tmdb_id: 1 }] }),
    });
    const { wrapper } = await renderApp("/");
    await flushPromises();
    expect(http.callsTo("GET", "/api/follows")).toHaveLength(1);
    expect(card(wrapper, 1).find(".following").text()).toContain("You will be notified too.");
    expect(card(wrapper, 1).find("button.follow").text()).toBe("Stop notifying me");
    wrapper.unmount();
  });

  it("a title that reached the library meanwhile: the localised error, and the card becomes In library", async () => {
    await setLocale("de", { persist: false });
    const http = mockFetch({
      "GET /trending-all-de.json": trending(1),
      "GET /api/library-status": othersRequest,
      "POST /api/request/movie/1/follow": apiError(409, "already_in_library"),
    });
    const { wrapper } = await renderApp("/");
    http.set("GET /api/library-status", { library: { movie: [1], tv: [] }, requests: [] });
    await card(wrapper, 1).find("button.follow").trigger("click");
    await flushPromises();
    expect(toasts.list.find((t) => t.kind === "error")?.message).toBe(
      "Benachrichtigungen für Title 1 konnten nicht geändert werden. Dieser Titel ist bereits in der Bibliothek.",
    );
    expect(card(wrapper, 1).find("button.follow").exists()).toBe(false);
    expect(card(wrapper, 1).find("button:disabled").text()).toBe("In der Bibliothek");
    wrapper.unmount();
  });

  it("a request removed meanwhile (404) says so and offers Request again; stopping what was already stopped is no error", async () => {
    const http = mockFetch({
      "GET /trending-all-en.json": trending(2),
      "GET /api/library-status": {
        library: { movie: [], tv: [] },
        requests: [request(1, { requested_by: "bob" }), request(2, { requested_by: "bob" })],
      },
      "POST /api/request/movie/1/follow": apiError(404, "not_found", "Request not found"),
      "DELETE /api/request/movie/2/follow": apiError(404, "not_following"),
    });
    follows.set("alice", "movie", 2, true);
    const { wrapper } = await renderApp("/");
    http.set("GET /api/library-status", { library: { movie: [], tv: [] }, requests: [request(2, { requested_by: "bob" })] });
    await card(wrapper, 1).find("button.follow").trigger("click");
    await flushPromises();
    expect(toasts.list.find((t) => t.kind === "error")?.message).toBe("Could not change notifications for Title 1. Not found.");
    expect(card(wrapper, 1).find("button.btn-primary").text()).toContain("Request");

    toasts.clear();
    await card(wrapper, 2).find("button.follow").trigger("click");
    await flushPromises();
    expect(toasts.list.filter((t) => t.kind === "error")).toEqual([]);
    expect(card(wrapper, 2).find("button.follow").text()).toBe("Notify me too");
    wrapper.unmount();
  });

  it("an expired session ends on the sign-in page, without a follow error on top", async () => {
    mockFetch({
      "GET /trending-all-en.json": trending(1),
      "GET /api/library-status": othersRequest,
      "POST /api/request/movie/1/follow": apiError(401, "token_expired"),
    });
    const { wrapper, router } = await renderApp("/");
    await card(wrapper, 1).find("button.follow").trigger("click");
    await flushPromises();
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe("login"));
    await flushPromises();
    expect(toasts.list.map((t) => t.message)).toEqual(["Your session has ended. Please sign in again."]);
    wrapper.unmount();
  });

  it("a duplicate request's toast offers Notify me too, which follows at its follow_url", async () => {
    const existing = request(1, { requested_by: "bob", title: "Title 1" });
    const http = mockFetch({
      "GET /trending-all-en.json": trending(1),
      "GET /api/library-status": { library: { movie: [], tv: [] }, requests: [] },
      "POST /api/request": json(
        {
          detail: "This title has already been requested",
          code: "already_requested",
          request: existing,
          follow_url: "/api/request/movie/1/follow",
        },
        409,
      ),
      "POST /api/request/movie/1/follow": json({ following: true, followers: ["alice"] }),
    });
    const { wrapper } = await renderApp("/");
    await wrapper.find("button[aria-label='Request Title 1']").trigger("click");
    await flushPromises();
    const offer = toasts.list.find((t) => t.message === "This title has already been requested.")!;
    expect(offer.action?.label).toBe("Notify me too");
    // About this page's title: it goes when the page does (and after a while).
    expect(offer.keep).toBe(false);
    // bob's request now: the card offers the same.
    expect(card(wrapper, 1).find("button.follow").text()).toBe("Notify me too");
    const action = wrapper.findAll(".toast-action").find((b) => b.text() === "Notify me too")!;
    await action.trigger("click");
    await flushPromises();
    expect(http.callsTo("POST", "/api/request/movie/1/follow")).toHaveLength(1);
    expect(card(wrapper, 1).find("button.follow").text()).toBe("Stop notifying me");
    expect(toasts.list.map((t) => t.message)).toEqual(["You will be notified when Title 1 arrives."]);
    wrapper.unmount();
  });

  it("a duplicate of one's own request (another tab) offers nothing to follow", async () => {
    mockFetch({
      "GET /trending-all-en.json": trending(1),
      "GET /api/library-status": { library: { movie: [], tv: [] }, requests: [] },
      "POST /api/request": json(
        { detail: "x", code: "already_requested", request: request(1), follow_url: "/api/request/movie/1/follow" },
        409,
      ),
    });
    const { wrapper } = await renderApp("/");
    await wrapper.find("button[aria-label='Request Title 1']").trigger("click");
    await flushPromises();
    expect(toasts.list.map((t) => [t.message, t.action])).toEqual([["This title has already been requested.", undefined]]);
    expect(card(wrapper, 1).find("button:disabled").text()).toContain("Requested");
    wrapper.unmount();
  });

  it("an error body's follow_url that is not this API's follow path is not followed: the title's own path is", async () => {
    const http = mockFetch({
      "GET /trending-all-en.json": trending(1),
      "GET /api/library-status": { library: { movie: [], tv: [] }, requests: [] },
      "POST /api/request": json(
        {
          detail: "x",
          code: "already_requested",
          request: request(1, { requested_by: "bob" }),
          follow_url: "https://elsewhere.example/api/x",
        },
        409,
      ),
      "POST /api/request/movie/1/follow": json({ following: true, followers: ["alice"] }),
    });
    const { wrapper } = await renderApp("/");
    await wrapper.find("button[aria-label='Request Title 1']").trigger("click");
    await flushPromises();
    await wrapper.find(".toast-action").trigger("click");
    await flushPromises();
    expect(http.calls.filter((c) => c.method === "POST").map((c) => c.url)).toEqual(["/api/request", "/api/request/movie/1/follow"]);
    wrapper.unmount();
  });
});
