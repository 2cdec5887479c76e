/**
 * Issue 10 acceptance on the embedded server: a fresh data directory (demo catalogue) serves
 * non-empty trending files shortly after start, with the hour of caching; an unconfigured locale is
 * a JSON 404.
 */
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TrendingFile } from "../../src/contract/trending.js";
import { startServerProcess, type ServerProcess } from "@stellarr/testkit/server-process";

let dir: string;
let server: ServerProcess;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "stellarr-embedded-trending-"));
  server = await startServerProcess({ dataDir: dir, env: { TRENDING_LOCALES: "en,de", TMDB_API_KEY: "" } });
});
afterAll(async () => {
  await server?.stop();
  await rm(dir, { recursive: true, force: true });
});

/** Polls until the file is served (the start-up run is in the background by design). */
async function waitFor(path: string): Promise<Response> {
  for (let i = 0; ; i++) {
    const res = await fetch(`${server.url}${path}`);
    if (res.status === 200 || i >= 300) return res;
    await res.body?.cancel();
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("embedded server trending", () => {
  it("writes and serves every configured file from a fresh data directory", async () => {
    for (const locale of ["en", "de"]) {
      for (const type of ["all", "movie", "tv"]) {
        const res = await waitFor(`/trending-${type}-${locale}.json`);
        expect(res.status, `${type}-${locale}`).toBe(200);
        expect(res.headers.get("cache-control")).toBe("public, max-age=3600");
        expect(res.headers.get("content-type")).toMatch(/^application\/json/);
        const body = (await res.json()) as TrendingFile;
        expect(body.results.length).toBeGreaterThan(0);
        expect(Date.parse(body.generated_at)).not.toBeNaN();
      }
    }
    expect((await readdir(join(dir, "trending"))).sort()).toEqual(
      ["de", "en"].flatMap((l) => ["all", "movie", "tv"].map((t) => `trending-${t}-${l}.json`)).sort(),
    );
  });

  it("answers a JSON 404 for an unconfigured locale", async () => {
    const res = await fetch(`${server.url}/trending-all-xx.json`);
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await res.json()).toMatchObject({ code: "not_found" });
  });
});
