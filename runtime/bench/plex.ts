/**
 * Plex figures: store round trips per webhook path (product.md §12: ≤ 6), measured through the
 * real app for every store adapter, plus the multipart reader's throughput on a Plex-sized body
 * and the time to stage and commit a 5,000-title full resync through the sync endpoints.
 */
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import { readMultipartFields } from "../src/http/multipart.js";
import type { Store } from "../src/ports/store/index.js";
import { createTestApp, type TestApp } from "@stellarr/testkit/app";
import { perStore } from "./_stores.js";
import { WEBHOOK_TOKEN, fakeCatalogue, newRequest, plexFixture, plexForm, recordingNotifier } from "@stellarr/testkit/plex";

interface Figure {
  name: string;
  value: number;
  unit: string;
}

async function webhookRoundTrips(t: TestApp, store: Store, prefix: string): Promise<Figure[]> {
  const figures: Figure[] = [];
  const send = async (payload: unknown) => {
    const res = await t.request(`/webhook/plex?token=${WEBHOOK_TOKEN}`, { method: "POST", body: plexForm(payload, { thumbBytes: 8000 }) });
    if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
    await res.arrayBuffer();
  };
  const measure = async (name: string, payload: unknown) => {
    const before = store.stats.roundTrips;
    await send(payload);
    figures.push({ name: `${prefix}.${name}.round_trips`, value: store.stats.roundTrips - before, unit: "round_trips" });
  };
  await store.insertRequest(newRequest("tv", 82728, "Bluey"));
  await store.insertRequest(newRequest("movie", 603, "The Matrix"));
  await store.insertRequest(newRequest("movie", 194, "Amélie", { year: 2001 }));
  const episode = plexFixture("library.new_episode_plex-agent.json");
  await measure("episode_lookup_flip_push", episode);
  await measure("episode_repeat", episode);
  const next = structuredClone(episode);
  next.Metadata.guid = "plex://episode/next";
  await measure("episode_cached_show", next);
  await measure("movie_tmdb_flip_push", {
    event: "library.new",
    Metadata: { type: "movie", title: "The Matrix", guid: "plex://movie/m", Guid: [{ id: "tmdb://603" }] },
  });
  await measure("movie_title_fallback_flip_push", {
    event: "library.new",
    Metadata: { type: "movie", title: "AMÉLIE", year: 2001, guid: "com.plexapp.agents.none://x" },
  });
  await measure("ignored_event", plexFixture("media.pause_movie_plex-agent.json"));
  return figures;
}

async function resyncMs(t: TestApp, n: number): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < n; i += 500) {
    const items = Array.from({ length: Math.min(500, n - i) }, (_, k) => ({ tmdb_id: 1_000_000 + i + k, title: `Title ${i + k}` }));
    const res = await t.request(`/sync/library?media_type=movie&mode=full&sync_id=bench&token=${WEBHOOK_TOKEN}`, { json: items });
    if (res.status !== 200) throw new Error(`sync batch answered ${res.status}`);
    await res.arrayBuffer();
  }
  const res = await t.request(`/sync/library/commit?media_type=movie&sync_id=bench&token=${WEBHOOK_TOKEN}`, { method: "POST" });
  if (res.status !== 200) throw new Error(`commit answered ${res.status}`);
  return performance.now() - started;
}

async function multipartMbPerSecond(): Promise<number> {
  // A JPEG-like (incompressible, random) thumb just under the 4 MB cap.
  const form = plexForm(plexFixture("library.new_episode_plex-agent.json"));
  form.set("thumb", new Blob([randomBytes(3_900_000)], { type: "image/jpeg" }), "thumb.jpg");
  // One serialisation: each encoding of a FormData picks a new boundary.
  const encoded = new Request("http://x/", { method: "POST", body: form });
  const contentType = encoded.headers.get("content-type")!;
  const body = new Uint8Array(await encoded.arrayBuffer());
  const runs = 20;
  const started = performance.now();
  for (let i = 0; i < runs; i++) {
    const req = new Request("http://x/", { method: "POST", body, headers: { "content-type": contentType } });
    await readMultipartFields(req, { maxBytes: 4 * 1024 * 1024, keep: ["payload"] });
  }
  const seconds = (performance.now() - started) / 1000;
  return (body.byteLength * runs) / 1e6 / seconds;
}

export async function bench(): Promise<Figure[]> {
  const figures = await perStore("plex", async (store, factory) => {
    const catalogue = fakeCatalogue({ "tvdb_id:8031280": { episode_show_ids: [82728] } });
    // The notifier reads the requester's subscriptions like the web-push notifier does.
    const t = await createTestApp({
      store,
      catalogue,
      notifier: recordingNotifier(() => store),
      config: { webhookToken: WEBHOOK_TOKEN },
    });
    return [
      ...(await webhookRoundTrips(t, store, `plex.webhook.${factory.name}`)),
      { name: `plex.resync_5000.${factory.name}`, value: Math.round(await resyncMs(t, 5000)), unit: "ms" },
    ];
  });
  figures.push({ name: "plex.multipart_4mb_parse", value: Math.round(await multipartMbPerSecond()), unit: "MB/s" });
  return figures;
}
