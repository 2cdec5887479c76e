/** Property-based checks of the Plex webhook: arbitrary and wrong-typed input never yields a 5xx or a partial write. */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "@stellarr/testkit/app";
import { storeFactories } from "@stellarr/testkit/stores";
import { WEBHOOK_TOKEN, fakeCatalogue, libraryState, newRequest, plexFixture, recordingNotifier } from "@stellarr/testkit/plex";

const BOUNDARY = "PropBoundary0123456789";
const RUNS = 25;

function multipart(payloadText: string, thumb = 0): Buffer {
  const parts = [
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="payload"\r\nContent-Type: application/json\r\n\r\n${payloadText}\r\n`,
    thumb
      ? `--${BOUNDARY}\r\nContent-Disposition: form-data; name="thumb"; filename="thumb.jpg"\r\nContent-Type: image/jpeg\r\n\r\n${"\xff".repeat(thumb)}\r\n`
      : "",
    `--${BOUNDARY}--\r\n`,
  ];
  return Buffer.from(parts.join(""), "utf8");
}

const wrongType = fc.oneof(
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.string(),
  fc.array(fc.integer(), { maxLength: 2 }),
  fc.dictionary(fc.string({ maxLength: 3 }), fc.integer(), { maxKeys: 2 }),
);
const guidEntry = fc.oneof(
  fc.constantFrom("tmdb://603", "tvdb://8031280", "imdb://tt0133093", "tmdb://x", "plex://movie/1", "tvdb://-1"),
  fc.string(),
);
const metadata = fc.record(
  {
    type: fc.oneof(fc.constantFrom("movie", "show", "season", "episode", "track", "clip"), wrongType),
    title: fc.oneof(fc.constantFrom("Bluey", "AMÉLIE", "The Matrix (1999)", ""), wrongType),
    year: fc.oneof(fc.integer({ min: 1900, max: 2100 }), wrongType),
    guid: fc.oneof(
      fc.constantFrom("plex://movie/m", "com.plexapp.agents.themoviedb://603?lang=en", "com.plexapp.agents.thetvdb://94571/1/1"),
      wrongType,
    ),
    grandparentGuid: fc.oneof(fc.constant("plex://show/s"), wrongType),
    grandparentTitle: fc.oneof(fc.constant("Bluey (2018)"), wrongType),
    Guid: fc.oneof(fc.array(fc.record({ id: fc.oneof(guidEntry, wrongType) }), { maxLength: 3 }), wrongType),
  },
  { requiredKeys: [] },
);
const payload = fc.record(
  {
    event: fc.oneof(fc.constant("library.new"), fc.constantFrom("media.play", "library.on.deck"), wrongType),
    Server: fc.oneof(fc.record({ title: fc.oneof(fc.constant("Vis"), wrongType) }), wrongType),
    Metadata: fc.oneof(metadata, wrongType),
  },
  { requiredKeys: [] },
);

describe.each(storeFactories)("Plex webhook properties ($name)", (factory) => {
  let t: TestApp;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    const made = await factory.create();
    cleanup = made.cleanup;
    const catalogue = fakeCatalogue({ "tvdb_id:8031280": { episode_show_ids: [82728] }, "tvdb_id:94571": { tv_ids: [18347] } });
    t = await createTestApp({ store: made.store, catalogue, notifier: recordingNotifier(), config: { webhookToken: WEBHOOK_TOKEN } });
    await t.store.insertRequest(newRequest("tv", 82728, "Bluey"));
    await t.store.insertRequest(newRequest("movie", 194, "Amélie"));
  });
  afterAll(async () => cleanup());

  const post = (body: Buffer) =>
    t.request(`/webhook/plex?token=${WEBHOOK_TOKEN}`, {
      method: "POST",
      body: new Uint8Array(body),
      headers: { "content-type": `multipart/form-data; boundary=${BOUNDARY}` },
    });

  /** Posts and checks the invariant: no 5xx; anything but a resolved success leaves the state untouched. */
  async function check(body: Buffer) {
    const before = await libraryState(t.store);
    const res = await post(body);
    expect(res.status).toBeLessThan(500);
    const out = (await res.json()) as { status?: string; tmdb_id?: number | null; media_type?: "movie" | "tv" };
    if (res.status === 200 && out.status === "success" && typeof out.tmdb_id === "number") {
      expect(await t.store.libraryIds(out.media_type!)).toContain(out.tmdb_id);
    } else {
      expect([200, 400, 422]).toContain(res.status);
      expect(await libraryState(t.store)).toBe(before);
    }
  }

  it("arbitrary JSON payloads", async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 3 }), async (v) => check(multipart(JSON.stringify(v)))),
      { numRuns: RUNS },
    );
  });

  it("arbitrary text payloads", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 200 }), async (s) => check(multipart(s))),
      { numRuns: RUNS },
    );
  });

  it("Plex-shaped payloads with wrong types anywhere", async () => {
    await fc.assert(
      fc.asyncProperty(payload, async (p) => check(multipart(JSON.stringify(p)))),
      { numRuns: RUNS * 2 },
    );
  });

  it("truncated multipart bodies are a 400 with nothing written", async () => {
    const full = multipart(JSON.stringify(plexFixture("library.new_episode_plex-agent.json")), 500);
    const closing = full.lastIndexOf(Buffer.from(`--${BOUNDARY}--`)) + BOUNDARY.length + 4;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: closing - 1 }), async (cut) => {
        const before = await libraryState(t.store);
        const res = await post(full.subarray(0, cut));
        expect(res.status).toBe(400);
        expect(await libraryState(t.store)).toBe(before);
      }),
      { numRuns: RUNS },
    );
  });
});
