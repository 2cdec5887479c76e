import { describe, expect, it } from "vitest";
import { parsePlexSyncArgs, UsageError } from "../../src/cli/args.js";
import { createProgress } from "../../src/cli/progress.js";
import { validateSyncBatch } from "../../src/domain/library/batch.js";
import { resolveItems } from "../../src/app/library/sync.js";
import { plexLibraryEntry } from "../../src/domain/plex/library-entry.js";
import { fakeCatalogue } from "@stellarr/testkit/plex";

describe("validateSyncBatch", () => {
  it("accepts ids, null ids and titles; ignores unknown keys", () => {
    expect(
      validateSyncBatch([
        { tmdb_id: 1, tvdb_id: null, title: null, extra: 1 },
        { tvdb_id: 2, title: "X" },
      ]),
    ).toEqual({
      ok: true,
      items: [
        { tmdb_id: 1, tvdb_id: null, title: null },
        { tmdb_id: null, tvdb_id: 2, title: "X" },
      ],
    });
    expect(validateSyncBatch([])).toEqual({ ok: true, items: [] });
  });

  it("names every bad index, caps the list, rejects oversized batches", () => {
    const r = validateSyncBatch([{ tmdb_id: 0 }, { tmdb_id: 2 ** 31 }, { tvdb_id: true }, { tmdb_id: 1, title: "x".repeat(501) }, []]);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => i.path)).toEqual([[0, "tmdb_id"], [1, "tmdb_id"], [2, "tvdb_id"], [3, "title"], [4]]);
    const many = validateSyncBatch(Array.from({ length: 1000 }, () => "bad"));
    expect(!many.ok && many.issues.length).toBe(100);
    expect(validateSyncBatch(Array.from({ length: 1001 }, (_, i) => ({ tmdb_id: i + 1 }))).ok).toBe(false);
    expect(validateSyncBatch({})).toEqual({ ok: false, issues: [{ path: [], message: "Body must be a JSON array" }] });
  });
});

describe("resolveItems", () => {
  it("dedupes by TMDB id (later fields win, unknown fields stay unset) and reports unresolved indexes", async () => {
    const cat = fakeCatalogue({ "tvdb_id:81189": { tv_ids: [1396] } });
    const r = await resolveItems(
      "tv",
      [
        { tmdb_id: 1396, tvdb_id: null, title: "Breaking Bad" },
        { tmdb_id: null, tvdb_id: 81189, title: null },
        { tmdb_id: null, tvdb_id: 5, title: "?" },
        { tmdb_id: 7, tvdb_id: null, title: null },
      ],
      cat,
    );
    expect(r.entries).toEqual([{ tmdb_id: 1396, tvdb_id: 81189, title: "Breaking Bad" }, { tmdb_id: 7 }]);
    expect(r.unresolved).toEqual([2]);
  });

  it("movies map through movie_results", async () => {
    const cat = fakeCatalogue({ "tvdb_id:20800": { movie_ids: [584], tv_ids: [9] } });
    expect((await resolveItems("movie", [{ tmdb_id: null, tvdb_id: 20800, title: null }], cat)).entries).toEqual([
      { tmdb_id: 584, tvdb_id: 20800 },
    ]);
  });
});

describe("plexLibraryEntry", () => {
  it.each([
    [
      { title: "The Matrix", guid: "plex://movie/x", Guid: [{ id: "imdb://tt0133093" }, { id: "tmdb://603" }] },
      { tmdb_id: 603, tvdb_id: null, title: "The Matrix" },
    ],
    [
      { title: "Bluey (2018)", guid: "plex://show/x", Guid: [{ id: "tmdb://82728" }, { id: "tvdb://353546" }] },
      { tmdb_id: 82728, tvdb_id: 353546, title: "Bluey" },
    ],
    [
      { title: "Breaking Bad", guid: "com.plexapp.agents.thetvdb://81189?lang=en" },
      { tmdb_id: null, tvdb_id: 81189, title: "Breaking Bad" },
    ],
    [
      { title: "Heat", guid: "com.plexapp.agents.themoviedb://949?lang=en" },
      { tmdb_id: 949, tvdb_id: null, title: "Heat" },
    ],
    [{ guid: "com.plexapp.agents.hama://tvdb-76885?lang=en" }, { tmdb_id: null, tvdb_id: 76885, title: null }],
  ])("%j", (meta, expected) => {
    expect(plexLibraryEntry(meta)).toEqual(expected);
  });

  it("no TMDB/TVDB id → null (IMDb alone is not enough; anidb, personal media)", () => {
    expect(plexLibraryEntry({ guid: "com.plexapp.agents.imdb://tt2283336?lang=en" })).toBeNull();
    expect(plexLibraryEntry({ guid: "com.plexapp.agents.hama://anidb-23" })).toBeNull();
    expect(plexLibraryEntry({ guid: "com.plexapp.agents.none://abc", Guid: "nope" })).toBeNull();
  });
});

describe("parsePlexSyncArgs", () => {
  const base = ["--plex-token", "p", "--url", "https://s.example", "--token", "t"];
  it("defaults", () => {
    expect(parsePlexSyncArgs(base, {})).toEqual({
      plexUrl: "http://localhost:32400",
      plexToken: "p",
      url: "https://s.example",
      token: "t",
      libraries: [],
      mediaTypes: ["movie", "tv"],
      incremental: false,
      notify: true,
      dryRun: false,
      batchSize: 500,
      listLibraries: false,
      verbose: false,
    });
  });
  it("flags beat env; empty env counts as unset; aliases with = work", () => {
    const o = parsePlexSyncArgs(
      ["--stellarr-url=https://a.example", "--sync-token=x", "-l", "A", "--library", "B", "--tv-only", "--no-notify"],
      {
        PLEX_TOKEN: "env",
        PLEX_URL: "",
        STELLARR_URL: "https://ignored.example",
      },
    );
    expect(o).toMatchObject({
      plexToken: "env",
      plexUrl: "http://localhost:32400",
      url: "https://a.example",
      token: "x",
      libraries: ["A", "B"],
      mediaTypes: ["tv"],
      notify: false,
    });
  });
  it("usage errors", () => {
    for (const argv of [
      [],
      ["--plex-token", "p"],
      [...base, "--batch-size", "0"],
      [...base, "--batch-size", "x"],
      [...base, "extra"],
      ["--plex-token", "p", "--url", "ftp://x", "--token", "t"],
    ]) {
      expect(() => parsePlexSyncArgs(argv, {})).toThrow(UsageError);
    }
    expect(parsePlexSyncArgs(["--plex-token", "p", "--list-libraries"], {})).toMatchObject({ listLibraries: true, url: null });
    expect(parsePlexSyncArgs(["-h"], {})).toBe("help");
  });
});

describe("createProgress", () => {
  it("plain mode prints at most one line per 5 % and always the last", () => {
    let out = "";
    const p = createProgress({ write: (s) => void (out += s) }, "X", 1000);
    for (let i = 1; i <= 1000; i++) p.update(i);
    p.finish("done");
    const lines = out.trim().split("\n");
    expect(lines.length).toBeLessThanOrEqual(22);
    expect(lines.at(-2)).toBe("X: 1000/1000 (100%)");
    expect(lines.at(-1)).toBe("X: done");
  });
  it("TTY mode redraws one line", () => {
    let out = "";
    const p = createProgress({ write: (s) => void (out += s), isTTY: true, columns: 80 }, "X", 4);
    p.update(2);
    expect(out).toBe("\r\x1b[2KX [###############---------------]  50% 2/4");
    p.finish("ok");
    expect(out.endsWith("\r\x1b[2KX: ok\n")).toBe(true);
  });
});

describe("the stellarr bin", () => {
  it("`npx stellarr plex-sync --help` runs from the repository (bin linked by npm ci)", async () => {
    const { execFile } = await import("node:child_process");
    const { fileURLToPath } = await import("node:url");
    const root = fileURLToPath(new URL("../../..", import.meta.url));
    const run = (args: string[]) =>
      new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
        execFile("npx", ["--no-install", "stellarr", ...args], { cwd: root, timeout: 60_000 }, (err, stdout, stderr) =>
          resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
        );
      });
    const help = await run(["plex-sync", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Usage: stellarr plex-sync");
    const usage = await run(["plex-sync", "--movies-only", "--tv-only"]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("--plex-token");
  });
});
