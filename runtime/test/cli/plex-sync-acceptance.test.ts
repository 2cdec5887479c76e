/**
 * Issue 6 acceptance: a 20,000-item full resync through the CLI against the fake Plex server, with
 * readers polling the library throughout; and a resync killed halfway (a real `stellarr` process,
 * SIGKILLed) that leaves the previous library intact and readable.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { main } from "../../src/cli/stellarr.js";
import { generateMovies, startPlexFake, type PlexFake } from "@stellarr/testkit/fakes/plex-server";
import { storeFactories } from "@stellarr/testkit/stores";
import { WEBHOOK_TOKEN } from "@stellarr/testkit/plex";
import { captureIo, startStellarr, type StellarrServer } from "../support/cli-env.js";

const BIN = fileURLToPath(new URL("../../bin/stellarr.mjs", import.meta.url));

describe.each(storeFactories)("plex-sync acceptance ($name)", (factory) => {
  // The 20,000-item figure runs on SQLite; the DynamoDB emulator (dynalite) is ~10x slower per
  // write, so there the same protocol runs at 1,000 items to keep the suite fast.
  const N = factory.name === "sqlite" ? 20_000 : 1_000;
  const OLD = Array.from({ length: factory.name === "sqlite" ? 1000 : 200 }, (_, i) => 1 + i * 7);
  let plex: PlexFake;
  let s: StellarrServer;
  const movies = generateMovies(N, { firstTmdbId: 200_000, legacyEvery: 3 });
  const expected = movies.map((_, i) => 200_000 + i);

  beforeEach(async () => {
    plex = await startPlexFake({ sections: [{ key: "1", type: "movie", title: "Movies", items: movies }], maxPageSize: 1000 });
    s = await startStellarr(factory);
    for (let i = 0; i < OLD.length; i += 500) {
      await s.t.store.upsertLibrary(
        "movie",
        OLD.slice(i, i + 500).map((tmdb_id) => ({ tmdb_id })),
        Date.now(),
      );
    }
  });
  afterEach(async () => {
    await s.close();
    await plex.close();
  });

  /** Polls the library until stopped; every observation must be exactly the old or the new set. */
  function pollReaders() {
    const seen = { old: 0, new: 0, other: [] as number[] };
    let stop = false;
    const session = s.t.login();
    const done = (async () => {
      while (!stop) {
        // What the app serves readers: GET /api/library-status.
        const res = await s.t.request("/api/library-status", { token: session });
        if (res.status !== 200) throw new Error(`library-status answered ${res.status}`);
        const ids = ((await res.json()) as { library: { movie: number[] } }).library.movie;
        if (ids.length === OLD.length && ids.every((id, i) => id === OLD[i])) seen.old++;
        else if (ids.length === N && ids[0] === expected[0] && ids[N - 1] === expected[N - 1]) seen.new++;
        else seen.other.push(ids.length);
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    return {
      seen,
      stop: async () => {
        stop = true;
        await done;
      },
    };
  }

  it("a 20,000-item full resync completes with progress and leaves exactly the synced set", { timeout: 120_000 }, async () => {
    const readers = pollReaders();
    const io = captureIo();
    const code = await main(
      ["plex-sync", "--plex-url", plex.url, "--plex-token", plex.token, "--url", s.url, "--token", WEBHOOK_TOKEN, "--movies-only"],
      io,
    );
    await readers.stop();
    expect(io.errors()).toBe("");
    expect(code).toBe(0);
    expect(await s.t.store.libraryIds("movie")).toEqual(expected);
    // Progress: plain lines (not a TTY) through to 100 %, then the summary.
    const lines = io.output().split("\n");
    expect(lines.filter((l) => new RegExp(`^Movies · syncing: \\d+/${N} \\(\\d+%\\)$`).test(l)).length).toBeGreaterThanOrEqual(
      Math.min(10, N / 500),
    );
    expect(io.output()).toContain(`Movies · syncing: ${N}/${N} (100%)`);
    expect(io.output()).toContain(
      `${N} read from Plex, ${N} unique titles with ids, 0 without TMDB/TVDB/IMDb ids; ${N} in library, ${OLD.length} removed`,
    );
    expect(s.hits.filter((h) => h === "/sync/library")).toHaveLength(N / 500);
    expect(readers.seen.other).toEqual([]);
    expect(readers.seen.old).toBeGreaterThan(0);
  });

  it("a resync killed halfway leaves the previous library intact and readable", { timeout: 120_000 }, async () => {
    const readers = pollReaders();
    let kill!: () => void;
    const killed = new Promise<void>((r) => (kill = r));
    let batches = 0;
    s.intercept = (req) => {
      if (new URL(req.url).pathname !== "/sync/library") return null;
      batches++;
      if (batches === 3) {
        kill();
        return new Response(null, { status: 503 });
      }
      return null;
    };
    const child = spawn(process.execPath, [BIN, "plex-sync", "--movies-only", "--batch-size", "200"], {
      env: { ...process.env, PLEX_URL: plex.url, PLEX_TOKEN: plex.token, STELLARR_URL: s.url, STELLARR_SYNC_TOKEN: WEBHOOK_TOKEN },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) =>
      child.on("exit", (code, signal) => r({ code, signal })),
    );
    await Promise.race([killed, exited]);
    child.kill("SIGKILL");
    const exit = await exited;
    await readers.stop();

    expect(exit.signal).toBe("SIGKILL");
    expect(stdout).toContain("Movies · reading");
    expect(batches).toBeGreaterThanOrEqual(3);
    expect(s.hits).not.toContain("/sync/library/commit");
    expect(readers.seen.other).toEqual([]);
    expect(readers.seen.new).toBe(0);
    expect(await s.t.store.libraryIds("movie")).toEqual(OLD);

    // The abandoned staging does not get in the way of the next run.
    s.intercept = null;
    const io = captureIo();
    expect(
      await main(
        ["plex-sync", "--plex-url", plex.url, "--plex-token", plex.token, "--url", s.url, "--token", WEBHOOK_TOKEN, "--movies-only"],
        io,
      ),
    ).toBe(0);
    expect(await s.t.store.libraryIds("movie")).toEqual(expected);
  });
});
