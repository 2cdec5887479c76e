/**
 * Store round trips per request for the catalogue/request/feed endpoints (product.md §12: a
 * search page is ONE batched read; library-status, requests and feeds are queries only), for
 * every store adapter. Measured through the real app with the offline demo catalogue (no
 * network), as `store.stats.roundTrips` deltas around one request, after seeding a library and
 * requests bigger than one internal page.
 */
import { createDemoCatalogue } from "../src/adapters/catalogue/demo/index.js";
import type { MediaType } from "../src/ports/store/index.js";
import { createTestApp } from "@stellarr/testkit/app";
import { perStore } from "./_stores.js";

interface Figure {
  name: string;
  value: number;
  unit: string;
}

const LIBRARY_SIZE = 3000;
const REQUESTS = 300;

export async function bench(): Promise<Figure[]> {
  return perStore("catalogue", async (store, factory) => {
    const figures: Figure[] = [];
    const t = await createTestApp({ store, catalogue: createDemoCatalogue(), config: { feedToken: null } });
    const now = t.clock.now();
    for (const type of ["movie", "tv"] as MediaType[]) {
      const items = Array.from({ length: LIBRARY_SIZE / 2 }, (_, i) => ({ tmdb_id: 1_000_000 + i }));
      for (let i = 0; i < items.length; i += 500) await store.upsertLibrary(type, items.slice(i, i + 500), now);
    }
    for (let i = 0; i < REQUESTS; i++) {
      const media_type: MediaType = i % 2 ? "tv" : "movie";
      await store.insertRequest({
        tmdb_id: 2_000_000 + i,
        media_type,
        title: `Seeded ${i}`,
        year: 2000 + (i % 25),
        overview: null,
        poster_path: null,
        imdb_id: media_type === "movie" ? `tt${String(5_000_000 + i).padStart(7, "0")}` : null,
        tvdb_id: media_type === "tv" ? 500_000 + i : null,
        requested_by: "bench",
        created_at: new Date(now + i).toISOString(),
      });
    }
    const token = t.login("bench");
    const measure = async (label: string, path: string, init: Parameters<typeof t.request>[1] = {}) => {
      const before = store.stats.roundTrips;
      const res = await t.request(path, { token, ...init });
      if (res.status !== 200) throw new Error(`${label}: HTTP ${res.status}`);
      await res.arrayBuffer();
      figures.push({ name: `store_round_trips.${label}.${factory.name}`, value: store.stats.roundTrips - before, unit: "round trips" });
    };
    await measure("search_page", "/api/search", { method: "POST", json: { query: "the" } });
    await measure("requests_list", "/api/requests?limit=100");
    await measure("library_status", "/api/library-status");
    await measure("feed_radarr", "/list/radarr");
    await measure("feed_radarr_tmdb", "/list/radarr/tmdb");
    await measure("feed_sonarr", "/list/sonarr");
    return figures;
  });
}
