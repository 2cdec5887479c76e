/**
 * `npm start`'s script (scripts/start.mjs) as a user runs it: runs the prebuilt server bundle in the
 * same process (building it first when missing or stale), serves the API and the UI, and exits 0 on
 * SIGTERM. (The background UI build of a fresh clone: ui-build.test.ts.)
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { freePort, inheritedEnv, ROOT } from "@stellarr/testkit/server-process";
import { staleReason } from "../../build/prebuilt.mjs";

describe("npm start", () => {
  it("serves the app and stops cleanly on SIGTERM", async () => {
    const dir = await mkdtemp(join(tmpdir(), "stellarr-npm-start-"));
    const port = await freePort();
    const child = spawn(process.execPath, [join(ROOT, "scripts/start.mjs")], {
      cwd: dir,
      env: { ...inheritedEnv(), PORT: String(port), DATA_DIR: join(dir, "data"), LOG_LEVEL: "warn" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    try {
      const deadline = Date.now() + 120_000;
      let health: Response | null = null;
      while (Date.now() < deadline && child.exitCode === null) {
        health = await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => null);
        if (health?.ok) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(health?.status, out).toBe(200);
      const home = await fetch(`http://127.0.0.1:${port}/`);
      expect(home.status).toBe(200);
      if (existsSync(join(ROOT, "ui/dist/index.html"))) expect(await home.text()).toContain('<div id="app"');
      expect(out).toContain("generated a shared password");
      // What it ran is the bundle, current with the sources.
      expect(staleReason()).toBeNull();
      child.kill("SIGTERM");
      const code = await new Promise((r) => child.once("exit", r));
      expect(code).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
      await rm(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
