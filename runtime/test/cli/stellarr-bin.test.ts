import { describe, expect, it } from "vitest";

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
