import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ref } from "vue";
import { setLocale } from "@/i18n/index.js";
import { library } from "@/stores/library.js";
import { toasts } from "@/stores/toasts.js";
import { apiError, json, mockFetch, type RecordedCall } from "@/utils/test/fetch-mock.js";
import { request } from "@/utils/test/fixtures.js";
import { useRequestList, type RequestFilter } from "./useRequestList.js";

const counts = { movie: { pending: 3, added: 1 }, tv: { pending: 1, added: 0 } };

/** Three pages by cursor: ids 1–2, 2–4 (one repeated), 5. */
function pagedRoute(call: RecordedCall): Response {
  const cursor = new URL(call.url, "http://x").searchParams.get("cursor");
  if (!cursor) return json({ requests: [request(1), request(2)], next_cursor: "c2", counts });
  if (cursor === "c2")
    return json({ requests: [request(2), request(3), request(4, { added_at: "2026-03-05T12:00:00.000Z" })], next_cursor: "c3", counts });
  return json({ requests: [request(5, { media_type: "tv" })], next_cursor: null, counts });
}

beforeEach(async () => {
  toasts.clear();
  library.clear();
  await setLocale("en", { persist: false });
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe("useRequestList", () => {
  it("asks for the filter's first page, counts per type and status, and appends pages without repeats", async () => {
    const http = mockFetch({ "GET /api/requests": pagedRoute });
    const filter = ref<RequestFilter>({ type: "movie", status: "pending" });
    const list = useRequestList(() => filter.value);
    expect(await list.load()).toBe(true);
    expect(http.calls[0]!.url).toBe("/api/requests?media_type=movie&status=pending&limit=48");
    expect(list.requests.value.map((r) => r.tmdb_id)).toEqual([1, 2]);
    expect(list.countFor("all", "all")).toBe(5);
    expect(list.countFor("movie", "pending")).toBe(3);
    expect(list.countFor("all", "added")).toBe(1);

    expect(await list.loadMore()).toBe(true);
    expect(http.calls[1]!.url).toBe("/api/requests?media_type=movie&status=pending&limit=48&cursor=c2");
    expect(list.requests.value.map((r) => r.tmdb_id)).toEqual([1, 2, 3, 4]);

    filter.value = { type: "all", status: "all" };
    await list.load();
    expect(http.calls.at(-1)!.url).toBe("/api/requests?limit=48");
  });

  it("loads until a focused request is there, at most so many pages", async () => {
    const http = mockFetch({ "GET /api/requests": pagedRoute });
    const list = useRequestList(() => ({ type: "all", status: "all" }));
    await list.load();
    expect(await list.loadUntil("tv-5", 1)).toBe(false);
    expect(http.calls).toHaveLength(2);
    expect(await list.loadUntil("tv-5", 5)).toBe(true);
    expect(list.cursor.value).toBeNull();
    expect(await list.loadMore()).toBe(false);
    expect(http.calls).toHaveLength(3);
  });

  it("a newer load supersedes an older one; a failed load says so in a toast", async () => {
    const pending: ((r: Response) => void)[] = [];
    const http = mockFetch({ "GET /api/requests": () => new Promise<Response>((resolve) => pending.push(resolve)) });
    const list = useRequestList(() => ({ type: "all", status: "all" }));
    const older = list.load();
    const newer = list.load();
    pending[1]!(json({ requests: [request(9)], next_cursor: null, counts }));
    pending[0]!(json({ requests: [request(8)], next_cursor: null, counts }));
    expect(await older).toBe(false);
    expect(await newer).toBe(true);
    expect(list.requests.value.map((r) => r.tmdb_id)).toEqual([9]);

    http.set("GET /api/requests", apiError(503, "store_unavailable"));
    expect(await list.load()).toBe(false);
    expect(list.failed.value).toBe(true);
    expect(toasts.list.at(-1)).toMatchObject({ kind: "error", message: expect.stringMatching(/^Requests could not be loaded\. /) });
  });

  it("removes a request from the server, the list, the counts and the badges; keeps it when the server refuses", async () => {
    const http = mockFetch({ "GET /api/requests": pagedRoute, "DELETE /api/request/movie/2": json({ success: true }) });
    const list = useRequestList(() => ({ type: "all", status: "all" }));
    await list.load();
    library.markRequested(request(2));
    expect(library.isRequested("movie", 2)).toBe(true);

    expect(await list.remove(list.requests.value[1]!)).toBe(true);
    expect(http.callsTo("DELETE", "/api/request/movie/2")).toHaveLength(1);
    expect(list.requests.value.map((r) => r.tmdb_id)).toEqual([1]);
    expect(list.counts.value.movie).toEqual({ pending: 2, added: 1 });
    expect(library.isRequested("movie", 2)).toBe(false);
    expect(toasts.list.at(-1)!.message).toBe("Request 2 was removed.");

    http.set("DELETE /api/request/movie/1", apiError(503, "store_unavailable"));
    expect(await list.remove(list.requests.value[0]!)).toBe(false);
    expect(list.requests.value.map((r) => r.tmdb_id)).toEqual([1]);
    expect(list.counts.value.movie).toEqual({ pending: 2, added: 1 });
    expect(toasts.list.at(-1)).toMatchObject({ kind: "error", message: expect.stringMatching(/^The request could not be removed\. /) });
  });
});
