import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStaticFiles } from "../../../src/adapters/assets/static-files.js";
import { createTestApp, type TestApp } from "@stellarr/testkit/app";

describe("static files and trending", () => {
  let dir: string;
  let t: TestApp;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "stellarr-static-"));
    const ui = join(dir, "ui");
    await mkdir(join(ui, "assets"), { recursive: true });
    await mkdir(join(dir, "trending"), { recursive: true });
    await writeFile(join(ui, "index.html"), "<!doctype html><title>app</title>" + " ".repeat(2000));
    await writeFile(join(ui, "sw.js"), "self.addEventListener('push', () => {});");
    await writeFile(join(ui, "assets", "index-abc123.js"), "console.log(1);");
    await writeFile(join(ui, "robots.txt"), "User-agent: *");
    await writeFile(join(dir, "secret.txt"), "outside");
    await writeFile(join(dir, "trending", "trending-all-en.json"), JSON.stringify({ generated_at: "x", results: [] }));
    await writeFile(join(dir, "trending", "trending-all-xx.json"), "{}");
    t = await createTestApp({
      assets: createStaticFiles({ uiDir: ui, trendingDir: join(dir, "trending"), locales: ["en", "fr"], appName: "S" }),
    });
  });
  afterAll(async () => {
    await t.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("serves index.html for SPA routes with no-cache, compressed when asked", async () => {
    for (const path of ["/", "/requests", "/requests/deep/link"]) {
      const res = await t.request(path);
      expect(res.status).toBe(200);
      expect(res.headers.get("cache-control")).toBe("no-cache");
      expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    }
    const gz = await t.request("/", { headers: { "accept-encoding": "gzip, br" } });
    expect(gz.headers.get("content-encoding")).toBe("gzip");
  });

  it("uses the cache rules of product.md §4", async () => {
    expect((await t.request("/assets/index-abc123.js")).headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect((await t.request("/sw.js")).headers.get("cache-control")).toBe("no-cache");
    expect((await t.request("/robots.txt")).status).toBe(200);
  });

  it("answers unknown files, traversal and API prefixes with JSON 404s", async () => {
    for (const path of [
      "/assets/missing.js",
      "/../secret.txt",
      "/%2e%2e/secret.txt",
      "/api/unknown",
      "/list/unknown",
      "/webhook/x",
      "/sync/x",
      "/%E0%A4%A.js",
    ]) {
      const res = await t.request(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get("content-type"), path).toBe("application/json; charset=utf-8");
    }
  });

  it("serves trending files only for configured locales and valid names", async () => {
    const ok = await t.request("/trending-all-en.json");
    expect(ok.status).toBe(200);
    expect(ok.headers.get("cache-control")).toBe("public, max-age=3600");
    expect(ok.headers.get("content-type")).toBe("application/json; charset=utf-8");
    for (const path of [
      "/trending-all-xx.json",
      "/trending-person-en.json",
      "/trending-all-fr.json",
      "/trending-all-en.json.bak",
      "/trending-all-../x.json",
    ]) {
      const res = await t.request(path);
      expect(res.status, path).toBe(404);
      expect((await res.json()).code).toBe("not_found");
    }
  });

  it("answers HEAD like GET without a body", async () => {
    const res = await t.request("/trending-all-en.json", { method: "HEAD" });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("");
  });
});
