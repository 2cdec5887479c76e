import { describe, expect, it } from "vitest";
import { notifyFulfilled } from "../../../src/app/library/notify-fulfilled.js";
import { nullLogger } from "../../../src/adapters/log/null-logger.js";
import type { Notifier } from "../../../src/ports/notifier.js";
import type { StoredRequest } from "../../../src/ports/store/index.js";

const req = (tmdb_id: number): StoredRequest => ({
  tmdb_id,
  media_type: "movie",
  title: `T${tmdb_id}`,
  year: 2000,
  overview: null,
  poster_path: "/p.jpg",
  imdb_id: null,
  tvdb_id: null,
  requested_by: "alice",
  created_at: "2026-01-01T00:00:00.000Z",
  added_at: "2026-01-02T00:00:00.000Z",
  plex_guid: null,
  profile: "default",
  seasons: null,
  anime: false,
  tmdb_seasons: null,
  seq: tmdb_id,
});

describe("notifyFulfilled", () => {
  it("counts requests with at least one delivery, with bounded concurrency", async () => {
    let inFlight = 0;
    let peak = 0;
    const notifier: Notifier = {
      async notifyFulfilled(f) {
        peak = Math.max(peak, ++inFlight);
        await new Promise((r) => setImmediate(r));
        inFlight--;
        return { attempted: 1, delivered: f.tmdb_id % 2 };
      },
    };
    const out = await notifyFulfilled(notifier, [1, 2, 3, 4, 5, 6, 7].map(req), { waitMs: 60_000, concurrency: 3, logger: nullLogger });
    expect(out).toEqual({ delivered: 4, pending: 0 });
    expect(peak).toBe(3);
  });

  it("stops waiting at the bound; a stuck or throwing notifier never fails the caller", async () => {
    const stuck: Notifier = { notifyFulfilled: () => new Promise(() => {}) };
    expect(await notifyFulfilled(stuck, [req(1)], { waitMs: 10, logger: nullLogger })).toEqual({ delivered: 0, pending: 1 });
    const throwing: Notifier = {
      async notifyFulfilled() {
        throw new Error("boom");
      },
    };
    expect(await notifyFulfilled(throwing, [req(1), req(2)], { waitMs: 60_000, logger: nullLogger })).toEqual({ delivered: 0, pending: 0 });
    expect(await notifyFulfilled(stuck, [], { waitMs: 60_000, logger: nullLogger })).toEqual({ delivered: 0, pending: 0 });
  });
});
