import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { json, mockFetch } from "@/utils/test/fetch-mock.js";
import { freshToken, request } from "@/utils/test/fixtures.js";
import type { ListedRequest } from "@/api/types.js";
import { follows } from "./follows.js";
import { library } from "./library.js";
import { isTokenFresh, session } from "./session.js";
import { toasts } from "./toasts.js";
import { trendingLocale } from "./app-config.js";

beforeEach(() => {
  localStorage.clear();
  library.clear();
  session.end("logout");
});
afterEach(() => vi.unstubAllGlobals());

describe("session", () => {
  it("persists a login and restores it on the next load", () => {
    const token = freshToken();
    session.start(token, "alice");
    session.state.token = null;
    session.restore();
    expect(session.state).toMatchObject({ token, name: "alice" });
  });

  it("drops a stored token older than 30 days, or one that is not three-part", () => {
    const old = `${Math.floor(Date.now() / 1000) - 31 * 86400}.YQ.sig`;
    localStorage.setItem("stellarr.session", JSON.stringify({ token: old, name: "alice" }));
    session.restore();
    expect(session.isAuthenticated.value).toBe(false);
    expect(localStorage.getItem("stellarr.session")).toBeNull();
    expect(isTokenFresh("YWxpY2U.sig")).toBe(false);
  });

  it("tells listeners once when it ends", () => {
    const listener = vi.fn();
    const off = session.onEnd(listener);
    session.start(freshToken(), "alice");
    session.end("expired");
    session.end("expired");
    off();
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener).toHaveBeenCalledWith("expired");
    expect(session.state.ended).toBe("expired");
  });
});

describe("library status", () => {
  const body = { library: { movie: [1, 2], tv: [9] }, requests: [request(5)] };

  it("fetches, caches with the ETag, and revalidates with If-None-Match (304 keeps the copy)", async () => {
    const http = mockFetch({ "GET /api/library-status": json(body, 200, { etag: '"v1"' }) });
    await library.refresh();
    expect(library.inLibrary("movie", 2)).toBe(true);
    expect(library.inLibrary("tv", 2)).toBe(false);
    expect(library.isRequested("movie", 5)).toBe(true);
    expect(JSON.parse(localStorage.getItem("stellarr.library")!)).toMatchObject({ etag: '"v1"', status: body });

    // A new page load: the cached copy answers at once, then the server says nothing changed.
    library.clear();
    localStorage.setItem("stellarr.library", JSON.stringify({ etag: '"v1"', status: body }));
    library.restore();
    expect(library.inLibrary("tv", 9)).toBe(true);
    http.set("GET /api/library-status", new Response(null, { status: 304 }));
    await library.refresh();
    expect(http.calls.at(-1)!.headers.get("if-none-match")).toBe('"v1"');
    expect(library.inLibrary("tv", 9)).toBe(true);
  });

  it("shares one request between concurrent refreshes", async () => {
    const http = mockFetch({ "GET /api/library-status": () => json(body, 200, { etag: '"v1"' }) });
    await Promise.all([library.refresh(), library.refresh(), library.refresh()]);
    expect(http.calls).toHaveLength(1);
  });

  it("applies an optimistic request and undoes it", () => {
    library.restore();
    const undo = library.markRequested({ tmdb_id: 77, media_type: "tv", title: "Show" });
    expect(library.isRequested("tv", 77)).toBe(true);
    undo();
    expect(library.isRequested("tv", 77)).toBe(false);
  });

  it("ignores a corrupt cache", () => {
    localStorage.setItem("stellarr.library", "{not json");
    library.restore();
    expect(library.fresh.value).toBe(false);
  });
});

describe("toasts", () => {
  it("keeps at most five and dismisses by id", () => {
    toasts.clear();
    const ids = Array.from({ length: 7 }, (_, i) => toasts.info(`m${i}`));
    expect(toasts.list.map((t) => t.message)).toEqual(["m2", "m3", "m4", "m5", "m6"]);
    toasts.dismiss(ids[6]!);
    expect(toasts.list).toHaveLength(4);
    toasts.clear();
  });
});

describe("toasts of a page left behind", () => {
  it("dismisses the toasts shown before the mark, except those with an action", () => {
    toasts.clear();
    toasts.info("old");
    toasts.show("info", "update", { action: { label: "Reload", run: () => {} } });
    const mark = toasts.mark();
    toasts.success("new");
    toasts.dismissBefore(mark);
    expect(toasts.list.map((t) => t.message)).toEqual(["update", "new"]);
    toasts.clear();
  });
});

describe("follows", () => {
  beforeEach(() => follows.clear());

  it("learns from requests pages per name, keeps it in localStorage for that name only, and forgets it on clear", () => {
    follows.set("alice", "movie", 1, true);
    follows.learn("alice", [
      { media_type: "movie", tmdb_id: 1, followers: ["bob"] },
      { media_type: "tv", tmdb_id: 2, followers: ["alice", "carol"] },
      // A request without the list says nothing either way.
      { media_type: "movie", tmdb_id: 3 } as unknown as ListedRequest,
    ]);
    expect(follows.isFollowing("alice", "movie", 1)).toBe(false);
    expect(follows.isFollowing("alice", "tv", 2)).toBe(true);
    expect(JSON.parse(localStorage.getItem("stellarr.following")!)).toEqual({ name: "alice", keys: ["tv:2"] });
    // Another name in this browser does not inherit alice's follows; no name follows nothing.
    expect(follows.isFollowing("bob", "tv", 2)).toBe(false);
    expect(follows.isFollowing(null, "tv", 2)).toBe(false);
    follows.clear();
    expect(follows.isFollowing("alice", "tv", 2)).toBe(false);
    expect(localStorage.getItem("stellarr.following")).toBeNull();
  });

  it("loads the server's list, replacing what this browser knew, in one shared GET", async () => {
    session.start(freshToken(), "alice");
    follows.set("alice", "movie", 1, true);
    const http = mockFetch({
      "GET /api/follows": () =>
        json({
          follows: [
            { media_type: "tv", tmdb_id: 2 },
            { media_type: "movie", tmdb_id: 3 },
          ],
        }),
    });
    await Promise.all([follows.load("alice"), follows.load("alice")]);
    expect(http.calls).toHaveLength(1);
    // Followed on another device: shown; stopped elsewhere (or its request went): gone.
    expect(follows.isFollowing("alice", "tv", 2)).toBe(true);
    expect(follows.isFollowing("alice", "movie", 3)).toBe(true);
    expect(follows.isFollowing("alice", "movie", 1)).toBe(false);
    expect(JSON.parse(localStorage.getItem("stellarr.following")!)).toEqual({ name: "alice", keys: ["tv:2", "movie:3"] });
  });

  it("keeps a follow call made while the list was loading, and drops a load the session outlived", async () => {
    session.start(freshToken(), "alice");
    let answer: ((r: Response) => void) | null = null;
    mockFetch({ "GET /api/follows": () => new Promise<Response>((resolve) => (answer = resolve)) });
    const answered = async (body: unknown) => {
      await vi.waitFor(() => expect(answer).not.toBeNull());
      answer!(json(body));
      answer = null;
    };
    const loading = follows.load("alice");
    // The card changes at once; the older answer (without it) must not undo that.
    follows.set("alice", "movie", 7, true);
    follows.set("alice", "tv", 2, false);
    await answered({ follows: [{ media_type: "tv", tmdb_id: 2 }] });
    await loading;
    expect(follows.isFollowing("alice", "movie", 7)).toBe(true);
    expect(follows.isFollowing("alice", "tv", 2)).toBe(false);

    const late = follows.load("alice");
    follows.clear();
    await answered({ follows: [{ media_type: "movie", tmdb_id: 9 }] });
    await late;
    expect(follows.isFollowing("alice", "movie", 9)).toBe(false);
    expect(localStorage.getItem("stellarr.following")).toBeNull();
  });
});

describe("trending locale", () => {
  it("uses the UI language when the server produces it, a regional variant, else English", () => {
    expect(trendingLocale("es", ["en", "es"])).toBe("es");
    expect(trendingLocale("fr", ["en", "fr-CA"])).toBe("fr-CA");
    expect(trendingLocale("de", ["en", "es"])).toBe("en");
  });
});
