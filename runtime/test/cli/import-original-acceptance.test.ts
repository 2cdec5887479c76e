/**
 * `stellarr import-original` end to end, for both of the original's layouts (its SQLite file and
 * its DynamoDB table, on dynalite) into both of this Stellarr's stores (SQLite in DATA_DIR and
 * DynamoDB on dynalite): the exact resulting rows through the store port and the HTTP API,
 * idempotency (a second run writes nothing: no DynamoDB write on the wire, no SQLite commit),
 * `--dry-run`, and completing requests that already exist.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MATRIX_GUID, BLUEY_GUID } from "@stellarr/testkit/original/dataset";
import { toApiRequest } from "../../src/domain/requests/shape.js";
import { createTestApp, type TestApp } from "@stellarr/testkit/app";
import { plexForm } from "@stellarr/testkit/plex";
import { EXPECTED, countsLine } from "../support/import-expected.js";
import { createBench, type Bench, type SourceKind, type TargetKind } from "../support/import-bench.js";

const HOOK = "webhook-token-for-import-tests";
const combos: [SourceKind, TargetKind][] = [
  ["sqlite", "sqlite"],
  ["sqlite", "dynamodb"],
  ["dynamodb", "sqlite"],
  ["dynamodb", "dynamodb"],
];
const flat = (s: string) => s.replace(/ {2,}/g, " ");

describe.each(combos)("import-original from the original's %s into this Stellarr's %s", (source, target) => {
  const expected = EXPECTED[source];
  let bench: Bench;
  let app: TestApp | null;
  beforeEach(async () => {
    bench = await createBench(source, target);
    app = null;
  });
  afterEach(async () => {
    await bench.cleanup();
  });
  const api = async () => (app ??= await createTestApp({ store: bench.store(), config: { webhookToken: HOOK } }));

  it("imports exactly the original's valid rows: store port, GET /api/requests, library-status and the GUID cache", async () => {
    const run = await bench.run();
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const out = flat(run.stdout);
    const c = expected.counts;
    expect(out).toContain(countsLine("Requests", { ...c.requests, updated: 0, present: 0 }));
    expect(out).toContain(countsLine("Library", { ...c.library, present: 0 }));
    expect(out).toContain(countsLine("GUID cache", { ...c.guids, present: 0 }));
    expect(out).toContain(countsLine("Push subscriptions", { ...c.subscriptions, present: 0 }));
    expect(out).toContain(expected.ignored);
    expect(out).toMatch(/Done: \d+ writes\./);

    // The store port.
    const store = bench.store();
    expect((await store.allRequests()).map(toApiRequest)).toEqual(expected.requests);
    expect(await store.allLibraryIds()).toEqual(expected.library);
    for (const [guid, mapping] of Object.entries(expected.guids)) expect(await store.getGuid(guid), guid).toEqual(mapping);
    expect(await store.getGuid("plex://show/5d9c086c46115600200aa2fe")).toBeNull();
    expect(await store.getGuid("com.plexapp.agents.themoviedb://4242?lang=en")).toBeNull();
    expect(await store.listSubscriptions("alice")).toEqual([]);

    // The HTTP API.
    const t = await api();
    const token = t.login("someone");
    const listed = await t.request("/api/requests?limit=500", { token });
    expect(listed.status).toBe(200);
    const body = (await listed.json()) as { requests: unknown[]; counts: unknown };
    // The list adds each request's followers (an import brings none) and the servers that have it
    // (the original knew only Plex: its library becomes Plex's).
    const inLibrary = (r: (typeof expected.requests)[number]) => expected.library[r.media_type].includes(r.tmdb_id);
    expect(body.requests).toEqual(expected.requests.map((r) => ({ ...r, followers: [], available_on: inLibrary(r) ? ["plex"] : [] })));
    const pending = expected.requests.filter((r) => r.added_at === null);
    expect(body.counts).toEqual({
      movie: {
        pending: pending.filter((r) => r.media_type === "movie").length,
        added: expected.requests.filter((r) => r.media_type === "movie" && r.added_at !== null).length,
      },
      tv: {
        pending: pending.filter((r) => r.media_type === "tv").length,
        added: expected.requests.filter((r) => r.media_type === "tv" && r.added_at !== null).length,
      },
    });
    const status = await t.request("/api/library-status", { token });
    expect(await status.json()).toEqual({ library: expected.library, requests: pending });

    // The imported GUID cache resolves a Plex item that carries no external id at all.
    const movie = {
      event: "library.new",
      Server: { title: "Plex" },
      Metadata: { type: "movie", title: "The Matrix", year: 1999, guid: MATRIX_GUID },
    };
    const hook = await t.request(`/webhook/plex?token=${HOOK}`, { method: "POST", body: plexForm(movie) });
    expect(await hook.json()).toMatchObject({ status: "success", tmdb_id: 603, media_type: "movie", matched_by: "plex_guid" });
    if (source === "dynamodb") {
      const episode = {
        event: "library.new",
        Server: { title: "Plex" },
        Metadata: {
          type: "episode",
          title: "Keepy Uppy",
          grandparentTitle: "Bluey",
          grandparentGuid: BLUEY_GUID,
          guid: "plex://episode/abc",
        },
      };
      const res = await t.request(`/webhook/plex?token=${HOOK}`, { method: "POST", body: plexForm(episode) });
      expect(await res.json()).toMatchObject({ status: "success", tmdb_id: 82728, media_type: "tv", matched_by: "plex_guid" });
    }
  });

  it("a second run writes nothing and says so", async () => {
    expect((await bench.run()).code).toBe(0);
    const before = await bench.snapshot();
    const mark = bench.mark();
    const again = await bench.run();
    expect(again.code).toBe(0);
    expect(bench.writesSince(mark)).toBe(0);
    expect(await bench.snapshot()).toBe(before);
    const out = flat(again.stdout);
    const c = expected.counts;
    expect(out).toContain(countsLine("Requests", { imported: 0, updated: 0, present: c.requests.imported, skipped: c.requests.skipped }));
    expect(out).toContain(countsLine("Library", { imported: 0, present: c.library.imported, skipped: c.library.skipped }));
    expect(out).toContain(countsLine("GUID cache", { imported: 0, present: c.guids.imported, skipped: c.guids.skipped }));
    expect(out).toContain("Nothing to write: everything was already imported.");
  });

  it("--dry-run reports what would be imported and writes nothing", async () => {
    const before = await bench.snapshot();
    const mark = bench.mark();
    const dry = await bench.run("--dry-run");
    expect(dry.stderr).toBe("");
    expect(dry.code).toBe(0);
    expect(bench.writesSince(mark)).toBe(0);
    expect(await bench.snapshot()).toBe(before);
    // A SQLite target that does not exist yet is not even created.
    if (target === "sqlite") expect(bench.targetExists()).toBe(false);
    const out = flat(dry.stdout);
    const c = expected.counts;
    expect(out).toContain(countsLine("Requests", { ...c.requests, updated: 0, present: 0 }, true));
    expect(out).toContain(countsLine("Library", { ...c.library, present: 0 }, true));
    expect(out).toContain(countsLine("GUID cache", { ...c.guids, present: 0 }, true));
    expect(out).toContain("Dry run: nothing was written.");
  });

  it("leaves what this Stellarr already has alone, and only completes existing requests (fulfilment, missing ids)", async () => {
    const store = bench.store();
    // Someone requested The Matrix and Breaking Bad in this Stellarr before the import.
    await store.insertRequest({
      ...expected.requests.find((r) => r.tmdb_id === 603)!,
      requested_by: "zed",
      imdb_id: null,
      created_at: "2026-01-01T00:00:00.000Z",
      added_at: null,
      plex_guid: null,
    });
    const bb = expected.requests.find((r) => r.tmdb_id === 1396)!;
    await store.insertRequest({ ...bb, requested_by: "zed", created_at: "2026-01-02T00:00:00.000Z" });
    await store.upsertLibrary("movie", [{ tmdb_id: 603, title: "Matrix (this Stellarr's title)" }], Date.now());
    await store.putGuid(MATRIX_GUID, { media_type: "movie", tmdb_id: 604, tvdb_id: null });

    const beforeDry = bench.mark();
    const dry = flat((await bench.run("--dry-run")).stdout);
    expect(bench.writesSince(beforeDry)).toBe(0);
    const c = expected.counts;
    expect(dry).toContain(
      countsLine("Requests", { imported: c.requests.imported - 2, updated: 1, present: 1, skipped: c.requests.skipped }, true),
    );
    expect(dry).toContain(countsLine("Library", { imported: c.library.imported - 1, present: 1, skipped: c.library.skipped }, true));
    expect(dry).toContain(countsLine("GUID cache", { imported: c.guids.imported - 1, present: 1, skipped: c.guids.skipped }, true));

    const beforeRun = bench.mark();
    const run = await bench.run();
    expect(run.code).toBe(0);
    // The write observer sees this run's writes (so its zero below means something).
    expect(bench.writesSince(beforeRun)).toBeGreaterThan(0);
    expect(flat(run.stdout)).toContain(
      countsLine("Requests", { imported: c.requests.imported - 2, updated: 1, present: 1, skipped: c.requests.skipped }),
    );
    const matrix = expected.requests.find((r) => r.tmdb_id === 603)!;
    // Fulfilment and the missing IMDb id come from the original; requester and date stay this Stellarr's.
    expect(toApiRequest((await store.getRequest({ media_type: "movie", tmdb_id: 603 }))!)).toEqual({
      ...matrix,
      requested_by: "zed",
      created_at: "2026-01-01T00:00:00.000Z",
    });
    expect((await store.getRequest({ media_type: "tv", tmdb_id: 1396 }))?.requested_by).toBe("zed");
    expect(await store.getGuid(MATRIX_GUID)).toEqual({ media_type: "movie", tmdb_id: 604, tvdb_id: null });
    expect(await store.allLibraryIds()).toEqual(expected.library);

    const mark = bench.mark();
    expect(flat((await bench.run()).stdout)).toContain("Nothing to write: everything was already imported.");
    expect(bench.writesSince(mark)).toBe(0);
  });
});
