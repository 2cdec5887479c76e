/**
 * Jellyfin figures beside Plex's (product.md §12): store round trips per Jellyfin webhook path
 * (≤ 6), measured through the real app on every store adapter, and the library-sync throughput of
 * `jellyfin-sync` next to `plex-sync` (items/s, the CLI against the fakes and a real Stellarr HTTP
 * server over the store).
 */
import { performance } from "node:perf_hooks";
import { main } from "../src/cli/stellarr.js";
import type { Store } from "../src/ports/store/index.js";
import { createTestApp, type TestApp } from "@stellarr/testkit/app";
import { jellyfinBody, jellyfinSendAllProperties } from "@stellarr/testkit/fakes/jellyfin-webhook";
import { generateLibraryItems, startJellyfinFake } from "@stellarr/testkit/fakes/jellyfin";
import { generateMovies, startPlexFake } from "@stellarr/testkit/fakes/plex-server";
import { storeFactories } from "@stellarr/testkit/stores";
import { WEBHOOK_TOKEN, fakeCatalogue, newRequest, recordingNotifier } from "@stellarr/testkit/plex";
import { captureIo, startStellarr } from "../test/support/cli-env.js";
import { perStore } from "./_stores.js";
import type { Figure } from "./index.js";

async function jellyfinWebhookRoundTrips(t: TestApp, store: Store, prefix: string): Promise<Figure[]> {
  const figures: Figure[] = [];
  const measure = async (name: string, data: Record<string, unknown>) => {
    const before = store.stats.roundTrips;
    const res = await t.request(`/webhook/jellyfin?token=${WEBHOOK_TOKEN}`, {
      method: "POST",
      body: jellyfinBody(data),
      headers: { "content-type": "text/plain" },
    });
    if (res.status !== 200) throw new Error(`jellyfin webhook answered ${res.status}`);
    await res.arrayBuffer();
    figures.push({ name: `${prefix}.${name}.round_trips`, value: store.stats.roundTrips - before, unit: "round_trips" });
  };
  await store.insertRequest(newRequest("tv", 1396, "Breaking Bad"));
  await store.insertRequest(newRequest("movie", 603, "The Matrix"));
  await store.insertRequest(newRequest("tv", 1399, "Game of Thrones", { year: 2011 }));
  const episode = (n: number) =>
    jellyfinSendAllProperties("ItemAdded", {
      type: "Episode",
      name: `Episode ${n}`,
      providerIds: { Tvdb: String(349_231 + n) },
      series: { name: "Breaking Bad", year: 2008, id: "a".repeat(32) },
      seasonNumber: 1,
      episodeNumber: n,
    });
  await measure("episode_lookup_flip_push", episode(1));
  await measure("episode_repeat", episode(1));
  await measure("episode_cached_show", episode(2));
  await measure(
    "movie_tmdb_flip_push",
    jellyfinSendAllProperties("ItemAdded", { type: "Movie", name: "The Matrix", providerIds: { Tmdb: "603" } }),
  );
  await measure(
    "season_title_fallback_flip_push",
    jellyfinSendAllProperties("ItemAdded", {
      type: "Season",
      name: "Season 1",
      series: { name: "Game of Thrones", year: 2011 },
      seasonNumber: 1,
    }),
  );
  await measure("ignored_event", jellyfinSendAllProperties("PlaybackStart", { type: "Movie", name: "X", providerIds: { Tmdb: "1" } }));
  return figures;
}

/** items/s of one full CLI run (read the fake server, send, commit) for each sync command. */
async function syncThroughput(): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const factory of storeFactories) {
    // dynalite writes ~10x slower than SQLite: a smaller library keeps the run short.
    const n = factory.name === "sqlite" ? 3000 : 600;
    let s: Awaited<ReturnType<typeof startStellarr>>;
    try {
      s = await startStellarr(factory);
    } catch (err) {
      console.log(
        `# media-servers bench: ${factory.name} store unavailable, skipped (${err instanceof Error ? err.message : String(err)})`,
      );
      continue;
    }
    const plex = await startPlexFake({
      sections: [{ key: "1", type: "movie", title: "Movies", items: generateMovies(n) }],
      maxPageSize: 1000,
    });
    const jellyfin = await startJellyfinFake({
      libraries: [{ Name: "Movies", CollectionType: "movies", items: generateLibraryItems(n) }],
    });
    try {
      const timed = async (name: string, args: string[]) => {
        const io = captureIo();
        const started = performance.now();
        const code = await main([...args, "--url", s.url, "--token", WEBHOOK_TOKEN, "--movies-only"], io);
        if (code !== 0) throw new Error(`${args[0]} exited ${code}: ${io.errors()}`);
        figures.push({
          name: `${name}.throughput_${n}.${factory.name}`,
          value: Math.round(n / ((performance.now() - started) / 1000)),
          unit: "items/s",
        });
      };
      await timed("plex_sync", ["plex-sync", "--plex-url", plex.url, "--plex-token", plex.token]);
      await timed("jellyfin_sync", ["jellyfin-sync", "--server-url", jellyfin.url, "--api-key", jellyfin.apiKey]);
    } finally {
      await plex.close();
      await jellyfin.close();
      await s.close();
    }
  }
  return figures;
}

export async function bench(): Promise<Figure[]> {
  const figures = await perStore("media-servers", async (store, factory) => {
    const catalogue = fakeCatalogue(
      Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`tvdb_id:${349_232 + i}`, { episode_show_ids: [1396] }])),
    );
    const t = await createTestApp({
      store,
      catalogue,
      notifier: recordingNotifier(() => store),
      config: { webhookToken: WEBHOOK_TOKEN },
    });
    return jellyfinWebhookRoundTrips(t, store, `jellyfin.webhook.${factory.name}`);
  });
  figures.push(...(await syncThroughput()));
  return figures;
}
