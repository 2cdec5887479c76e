import { flushPromises } from "@vue/test-utils";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { follows } from "@/stores/follows.js";
import { session } from "@/stores/session.js";
import { toasts } from "@/stores/toasts.js";
import { apiError, json, mockFetch, type RecordedCall } from "@/utils/test/fetch-mock.js";
import { request } from "@/utils/test/fixtures.js";
import { renderApp } from "@/utils/test/render.js";
import { signedInAsAlice, signedOutAndCleared } from "@/utils/test/signed-in.js";

const counts = { movie: { pending: 2, added: 1 }, tv: { pending: 1, added: 0 } };
const all = [
  request(1, { title: "Dune" }),
  request(2, { title: "Heat", imdb_id: null }),
  request(3, { title: "Severance", media_type: "tv", tvdb_id: null, requested_by: "bob" }),
  request(4, { title: "Alien", added_at: "2026-03-05T12:00:00.000Z" }),
];

function requestsRoute(call: RecordedCall): Response {
  const url = new URL(call.url, "http://x");
  const type = url.searchParams.get("media_type");
  const status = url.searchParams.get("status");
  const list = all.filter((r) => (!type || r.media_type === type) && (!status || (status === "added") === (r.added_at !== null)));
  return json({ requests: list, next_cursor: null, counts });
}

beforeEach(signedInAsAlice);
afterEach(signedOutAndCleared);

const titles = (w: { findAll(s: string): { text(): string }[] }) => w.findAll("article h2").map((h) => h.text());
const button = (w: { findAll(s: string): { text(): string; trigger(e: string): Promise<void> }[] }, text: string) =>
  w.findAll("button").find((b) => b.text().startsWith(text))!;

describe("requests page", () => {
  it("lists requests with server counts, requester, dates and missing-id warnings", async () => {
    mockFetch({ "GET /api/requests": requestsRoute, "GET /api/library-status": { library: { movie: [], tv: [] }, requests: [] } });
    const { wrapper } = await renderApp("/requests");
    expect(titles(wrapper)).toEqual(["Dune", "Heat", "Severance", "Alien"]);
    expect(button(wrapper, "All").text()).toContain("(4)");
    expect(button(wrapper, "Movies").text()).toContain("(3)");
    expect(button(wrapper, "Pending").text()).toContain("(3)");
    expect(wrapper.text()).toContain("2 requests have no IMDb/TVDB id yet");
    const severance = wrapper.find("#request-tv-3");
    expect(severance.text()).toContain("bob · Mar 4, 2026");
    expect(severance.text()).toContain("No TVDB id");
    expect(wrapper.find("#request-movie-4").text()).toContain("Added Mar 5, 2026");
    expect(wrapper.find("#request-movie-4").text()).not.toContain("No IMDb id");
    wrapper.unmount();
  });

  it("filters through the URL and the server", async () => {
    const http = mockFetch({
      "GET /api/requests": requestsRoute,
      "GET /api/library-status": { library: { movie: [], tv: [] }, requests: [] },
    });
    const { wrapper, router } = await renderApp("/requests");
    await button(wrapper, "Added").trigger("click");
    await flushPromises();
    expect(router.currentRoute.value.query).toEqual({ status: "added" });
    expect(http.calls.at(-1)!.url).toBe("/api/requests?status=added&limit=48");
    expect(titles(wrapper)).toEqual(["Alien"]);
    await button(wrapper, "TV shows").trigger("click");
    await flushPromises();
    expect(http.calls.at(-1)!.url).toBe("/api/requests?media_type=tv&status=added&limit=48");
    expect(wrapper.text()).toContain("Nothing has been added yet.");
    wrapper.unmount();
  });

  it("removes a request after confirmation, and keeps it when the server refuses", async () => {
    const http = mockFetch({
      "GET /api/requests": requestsRoute,
      "GET /api/library-status": { library: { movie: [], tv: [] }, requests: [] },
      "DELETE /api/request/movie/1": apiError(503, "store_unavailable"),
    });
    const { wrapper } = await renderApp("/requests");
    await wrapper.find("button[aria-label='Remove request for Dune']").trigger("click");
    const dialog = wrapper.find("dialog[open]");
    expect(dialog.text()).toContain("Remove the request for Dune?");
    await dialog
      .findAll("button")
      .find((b) => b.text() === "Remove")!
      .trigger("click");
    await flushPromises();
    expect(titles(wrapper)).toContain("Dune");
    expect(toasts.list.find((t) => t.kind === "error")?.message).toContain("The request could not be removed.");

    http.set("DELETE /api/request/movie/1", json({ success: true }));
    await wrapper
      .find("dialog[open]")
      .findAll("button")
      .find((b) => b.text() === "Remove")!
      .trigger("click");
    await flushPromises();
    expect(http.callsTo("DELETE", "/api/request/movie/1")).toHaveLength(2);
    expect(titles(wrapper)).not.toContain("Dune");
    expect(button(wrapper, "Pending").text()).toContain("(2)");
    expect(wrapper.find("dialog[open]").exists()).toBe(false);
    expect(toasts.list.at(-1)!.message).toBe("Dune was removed.");
    wrapper.unmount();
  });

  it("follows someone else's request and shows the new followers; a refusal keeps things as they were", async () => {
    const http = mockFetch({
      "GET /api/requests": requestsRoute,
      "GET /api/library-status": { library: { movie: [], tv: [] }, requests: [] },
      "POST /api/request/tv/3/follow": apiError(503, "store_unavailable"),
    });
    const { wrapper } = await renderApp("/requests");
    // alice requested Dune herself: nothing to follow there.
    expect(wrapper.find("#request-movie-1 button.follow").exists()).toBe(false);
    await wrapper.find("#request-tv-3 button.follow").trigger("click");
    await flushPromises();
    expect(toasts.list.find((t) => t.kind === "error")?.message).toContain("Could not change notifications for Severance.");
    expect(wrapper.find("#request-tv-3 .followers").exists()).toBe(false);

    http.set("POST /api/request/tv/3/follow", json({ following: true, followers: ["alice"] }));
    await wrapper.find("#request-tv-3 button.follow").trigger("click");
    await flushPromises();
    expect(wrapper.find("#request-tv-3 .followers").text()).toBe("Also notifying: alice");
    expect(wrapper.find("#request-tv-3 button.follow").text()).toBe("Stop notifying me");
    // The Discover cards know too.
    expect(follows.isFollowing("alice", "tv", 3)).toBe(true);

    http.set("DELETE /api/request/tv/3/follow", json({ following: false, followers: [] }));
    await wrapper.find("#request-tv-3 button.follow").trigger("click");
    await flushPromises();
    expect(http.callsTo("DELETE", "/api/request/tv/3/follow")).toHaveLength(1);
    expect(wrapper.find("#request-tv-3 button.follow").text()).toBe("Notify me too");
    expect(follows.isFollowing("alice", "tv", 3)).toBe(false);
    wrapper.unmount();
  });

  it("tells the Discover cards what the page says alice follows (followed elsewhere, stopped elsewhere)", async () => {
    follows.set("alice", "movie", 2, true);
    const followed = all.map((r) => (r.tmdb_id === 3 ? { ...r, followers: ["alice"] } : { ...r, followers: [] }));
    mockFetch({
      "GET /api/requests": json({ requests: followed, next_cursor: null, counts }),
      "GET /api/library-status": { library: { movie: [], tv: [] }, requests: [] },
    });
    const { wrapper } = await renderApp("/requests");
    expect(wrapper.find("#request-tv-3 button.follow").text()).toBe("Stop notifying me");
    expect(follows.isFollowing("alice", "tv", 3)).toBe(true);
    expect(follows.isFollowing("alice", "movie", 2)).toBe(false);
    wrapper.unmount();
  });

  it("cancelling the dialog removes nothing", async () => {
    const http = mockFetch({
      "GET /api/requests": requestsRoute,
      "GET /api/library-status": { library: { movie: [], tv: [] }, requests: [] },
    });
    const { wrapper } = await renderApp("/requests");
    await wrapper.find("button[aria-label='Remove request for Heat']").trigger("click");
    await wrapper
      .find("dialog[open]")
      .findAll("button")
      .find((b) => b.text() === "Cancel")!
      .trigger("click");
    await flushPromises();
    expect(http.calls.filter((c) => c.method === "DELETE")).toHaveLength(0);
    expect(titles(wrapper)).toContain("Heat");
    wrapper.unmount();
  });

  it("loads further pages until the focused item from a notification link is there", async () => {
    const page = (list: typeof all, next: string | null) => json({ requests: list, next_cursor: next, counts });
    const http = mockFetch({
      "GET /api/requests?status=added&limit=48": page([request(10, { added_at: "2026-03-05T12:00:00.000Z" })], "c1"),
      "GET /api/requests?status=added&limit=48&cursor=c1": page(
        [request(603, { title: "The Matrix", added_at: "2026-03-06T12:00:00.000Z" })],
        null,
      ),
      "GET /api/library-status": { library: { movie: [], tv: [] }, requests: [] },
    });
    const { wrapper } = await renderApp("/requests?status=added&focus=movie-603");
    await flushPromises();
    expect(http.calls.map((c) => c.url)).toContain("/api/requests?status=added&limit=48&cursor=c1");
    const focused = wrapper.find("#request-movie-603");
    expect(focused.classes()).toContain("focused");
    expect(document.activeElement).toBe(focused.element);
    wrapper.unmount();
  });

  it("sends a signed-out user to the login screen and back afterwards", async () => {
    session.end("logout");
    mockFetch({});
    const { router, wrapper } = await renderApp("/requests?status=added");
    expect(router.currentRoute.value.name).toBe("login");
    expect(router.currentRoute.value.query.redirect).toBe("/requests?status=added");
    wrapper.unmount();
  });

  it("a 401 ends the session and shows the login screen", async () => {
    mockFetch({ "GET /api/requests": apiError(401, "token_expired"), "GET /api/library-status": apiError(401, "token_expired") });
    const { router, wrapper } = await renderApp("/requests");
    await flushPromises();
    expect(session.isAuthenticated.value).toBe(false);
    expect(router.currentRoute.value.name).toBe("login");
    expect(wrapper.text()).toContain("Your session has ended. Please sign in again.");
    wrapper.unmount();
  });
});
