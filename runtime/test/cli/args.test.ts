import { describe, expect, it } from "vitest";
import { parsePlexSyncArgs, UsageError } from "../../src/cli/args.js";

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
