/** Shared test doubles for the Plex webhook and library sync suites. */
import { readFileSync } from "node:fs";
import type { Catalogue, FindResult } from "@stellarr/runtime/internal/ports/catalogue";
import type { Fulfilment, Notifier } from "@stellarr/runtime/internal/ports/notifier";
import type { MediaType, NewRequest, Store } from "@stellarr/runtime/internal/ports/store/index";

export const WEBHOOK_TOKEN = "plex-webhook-token-for-tests";

export const plexFixture = (name: string): Record<string, unknown> & { Metadata: Record<string, unknown> } =>
  JSON.parse(readFileSync(new URL(`../fixtures/plex/${name}`, import.meta.url), "utf8"));

/** A multipart body like Plex sends: the `payload` part and, optionally, a `thumb` JPEG part. */
export function plexForm(payload: unknown, opts: { thumbBytes?: number; raw?: string } = {}): FormData {
  const form = new FormData();
  form.set("payload", opts.raw ?? JSON.stringify(payload));
  if (opts.thumbBytes) form.set("thumb", new Blob([new Uint8Array(opts.thumbBytes).fill(0xd8)], { type: "image/jpeg" }), "thumb.jpg");
  return form;
}

export interface FakeCatalogue extends Catalogue {
  findCalls: string[];
  /** When set, `find` waits for this promise before answering. */
  gate: Promise<void> | null;
  failFind: boolean;
}

/** A catalogue whose `/find` answers from a table keyed `"<source>:<id>"`; everything else is empty. */
export function fakeCatalogue(table: Record<string, Partial<FindResult>> = {}): FakeCatalogue {
  const cat: FakeCatalogue = {
    kind: "tmdb",
    findCalls: [],
    gate: null,
    failFind: false,
    search: async (q) => ({ page: q.page, total_pages: 0, total_results: 0, results: [] }),
    details: async () => null,
    trending: async () => [],
    async find(id, source) {
      cat.findCalls.push(`${source}:${id}`);
      if (cat.gate) await cat.gate;
      if (cat.failFind) {
        const { UpstreamError } = await import("@stellarr/runtime/internal/ports/catalogue");
        throw new UpstreamError("error", "TMDB answered 500");
      }
      return { movie_ids: [], tv_ids: [], episode_show_ids: [], ...table[`${source}:${id}`] };
    },
  };
  return cat;
}

export interface RecordingNotifier extends Notifier {
  sent: Fulfilment[];
}

/**
 * Records fulfilments and, like the web-push notifier, reads the requester's subscriptions (one
 * store round trip) so round-trip budgets are measured with a realistic notifier.
 */
export function recordingNotifier(store?: () => Store, delivered = 1): RecordingNotifier {
  const n: RecordingNotifier = {
    sent: [],
    async notifyFulfilled(f) {
      n.sent.push(f);
      if (store && f.requested_by) await store().listSubscriptions(f.requested_by);
      return { attempted: delivered, delivered };
    },
  };
  return n;
}

export function newRequest(media_type: MediaType, tmdb_id: number, title: string, extra: Partial<NewRequest> = {}): NewRequest {
  return {
    tmdb_id,
    media_type,
    title,
    year: null,
    overview: null,
    poster_path: null,
    imdb_id: null,
    tvdb_id: null,
    requested_by: "alice",
    created_at: new Date(Date.UTC(2026, 0, 1)).toISOString(),
    ...extra,
  };
}

/** What `GET /api/library-status` is computed from: library ids of both types and the pending requests. */
export async function libraryState(store: Store): Promise<string> {
  const [movie, tv, pending, all] = await Promise.all([
    store.libraryIds("movie"),
    store.libraryIds("tv"),
    store.allRequests({ status: "pending" }),
    store.allRequests(),
  ]);
  return JSON.stringify({ library: { movie, tv }, pending, all });
}
