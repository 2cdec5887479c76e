/**
 * `npx stellarr import-original` (the real bin, its own process) into the DATA_DIR of a running
 * embedded server (another process), while that server keeps writing the same SQLite database
 * (library syncs): no busy errors on either side, nothing lost, and the server serves the imported
 * data at once.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { originalSqliteRows } from "@stellarr/testkit/original/dataset";
import { writeOriginalSqlite } from "@stellarr/testkit/original/sqlite";
import { sessionKey, signToken } from "../../src/domain/auth/token.js";
import { ROOT, inheritedEnv, startServerProcess, type ServerProcess } from "../support/server-process.js";

const SECRET = "import-test-secret-0123456789";
const PASSWORD = "import test password";
const HOOK = "import-test-webhook-token";
const EXTRA_REQUESTS = 300;
const EXTRA_LIBRARY = 3000;

function importProcess(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(ROOT, "runtime/bin/stellarr.mjs"), "import-original", ...args],
      { cwd, env: inheritedEnv(), maxBuffer: 10 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe("import-original beside the running embedded server", () => {
  let dir: string;
  let server: ServerProcess | null = null;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "stellarr-import-live-"));
  });
  afterEach(async () => {
    if (server && server.child.exitCode === null) await server.kill();
    server = null;
    await rm(dir, { recursive: true, force: true });
  });

  it("imports into the live database while the server writes to it, and the server shows the result", { timeout: 120_000 }, async () => {
    const rows = originalSqliteRows();
    for (let i = 0; i < EXTRA_REQUESTS; i++) {
      rows.requests.push({
        id: 100 + i,
        tmdb_id: 500_000 + i,
        media_type: i % 2 ? "tv" : "movie",
        title: `Title ${i}`,
        created_at: "2024-06-01 00:00:00",
      });
    }
    for (let i = 0; i < EXTRA_LIBRARY; i++)
      rows.library.push({ tmdb_id: 700_000 + i, media_type: "movie", title: `Film ${i}`, synced_at: "2024-06-01 00:00:00" });
    const original = join(dir, "original.db");
    writeOriginalSqlite(original, rows);
    const dataDir = join(dir, "data");
    server = await startServerProcess({
      dataDir,
      cwd: dir,
      env: { APP_SECRET_KEY: SECRET, PRESHARED_PASSWORD: PASSWORD, PLEX_WEBHOOK_TOKEN: HOOK, TMDB_API_KEY: "" },
    });

    // The server keeps writing (library syncs of ids the original does not have) during the import.
    let importing = true;
    const statuses: number[] = [];
    const synced: number[] = [];
    const writer = async (lane: number) => {
      for (let batch = 0; importing || batch < 3; batch++) {
        const ids = Array.from({ length: 50 }, (_, i) => 900_000 + lane * 100_000 + batch * 50 + i);
        const res = await fetch(`${server!.url}/sync/library?media_type=movie&token=${HOOK}`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(ids.map((tmdb_id) => ({ tmdb_id }))),
        });
        statuses.push(res.status);
        if (res.ok) synced.push(...ids);
      }
    };
    const writers = Promise.all([writer(0), writer(1)]);
    const run = await importProcess(["--sqlite", original, "--data-dir", dataDir], dir);
    importing = false;
    await writers;

    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout.replace(/ {2,}/g, " ")).toContain(
      `Requests: ${4 + EXTRA_REQUESTS} imported, 0 completed, 0 already present, 7 skipped`,
    );
    expect(run.stdout.replace(/ {2,}/g, " ")).toContain(`Library: ${3 + EXTRA_LIBRARY} imported, 0 already present, 2 skipped`);
    expect(statuses.length).toBeGreaterThan(6);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);

    const token = signToken(sessionKey(SECRET, PASSWORD), "alice", Math.floor(Date.now() / 1000));
    const auth = { authorization: `Bearer ${token}` };
    const status = (await (await fetch(`${server.url}/api/library-status`, { headers: auth })).json()) as {
      library: { movie: number[]; tv: number[] };
    };
    const movies = new Set(status.library.movie);
    for (const id of [550, 603, 700_000, 700_000 + EXTRA_LIBRARY - 1, ...synced]) expect(movies.has(id), String(id)).toBe(true);
    expect(status.library.movie).toHaveLength(2 + EXTRA_LIBRARY + synced.length);
    expect(status.library.tv).toEqual([95396]);
    const listed = (await (await fetch(`${server.url}/api/requests?limit=500`, { headers: auth })).json()) as {
      requests: { tmdb_id: number; requested_by: string | null }[];
    };
    expect(listed.requests).toHaveLength(4 + EXTRA_REQUESTS);
    expect(listed.requests.at(-1)).toMatchObject({ tmdb_id: 603, requested_by: null, added_at: "2024-02-01T08:00:00.000Z" });

    // Again, with the server still running: nothing left to write.
    const again = await importProcess(["--sqlite", original, "--data-dir", dataDir], dir);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("Nothing to write: everything was already imported.");

    expect(await server.stop()).toBe(0);
  });
});
