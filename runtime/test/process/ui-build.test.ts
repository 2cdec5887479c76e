/**
 * The first start of a fresh clone (scripts/ui-build.mjs): Vite builds the UI in a child process
 * while the server answers pages with the "building" page (static-files reads the same marker),
 * then the finished build becomes `ui/dist` in one rename and the UI is served; a failed build
 * leaves the placeholder. Vite is replaced by a script that waits for the test's signal, so the
 * in-progress state is observed without timing.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startUiBuild } from "../../../scripts/ui-build.mjs";
import { createStaticFiles } from "../../src/adapters/assets/static-files.js";

const FAKE_VITE = `
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
const out = process.argv[process.argv.indexOf("--outDir") + 1];
mkdirSync(out, { recursive: true });
writeFileSync(join(out, "partial.js"), "");
const go = process.env.FAKE_VITE_GO;
while (!existsSync(go)) await new Promise((r) => setTimeout(r, 20));
if (process.env.FAKE_VITE_FAIL) process.exit(1);
writeFileSync(join(out, "index.html"), '<!doctype html><div id="app"></div>');
`;

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
  delete process.env.FAKE_VITE_GO;
  delete process.env.FAKE_VITE_FAIL;
});

async function checkout() {
  const root = await mkdtemp(join(tmpdir(), "stellarr-ui-build-"));
  dirs.push(root);
  const uiRoot = join(root, "ui");
  await mkdir(uiRoot);
  await writeFile(join(uiRoot, "index.html"), "<!-- the UI's source entry -->");
  const vite = join(root, "fake-vite.mjs");
  await writeFile(vite, FAKE_VITE);
  const go = join(root, "go");
  // The child inherits this process's environment.
  process.env.FAKE_VITE_GO = go;
  const assets = createStaticFiles({ uiDir: join(uiRoot, "dist"), trendingDir: join(root, "trending"), locales: ["en"], appName: "S" });
  const page = async (path = "/") => {
    const url = new URL(path, "http://localhost");
    const res = await assets.serve(new Request(url), url);
    return { status: res!.status, cache: res!.headers.get("cache-control"), text: await res!.text() };
  };
  return { root, uiRoot, vite, signal: () => writeFile(go, ""), page };
}

describe("the UI build of a first start", () => {
  it("serves the building page while Vite runs, then the built UI", async () => {
    const c = await checkout();
    const lines: string[] = [];
    const build = startUiBuild({ uiRoot: c.uiRoot, vite: c.vite, log: (l) => lines.push(l) })!;
    expect(build).not.toBeNull();
    // Wait until the child has created its output directory.
    while (!(await readdir(c.uiRoot)).some((n) => n.startsWith("dist.building-"))) await new Promise((r) => setTimeout(r, 20));
    const building = await c.page("/requests");
    expect(building.status).toBe(200);
    expect(building.text).toContain("Building the web interface");
    expect(building.text).toContain('http-equiv="refresh"');
    expect(building.cache).toBe("no-store");
    // Half-written output is never served as the UI.
    expect(existsSync(join(c.uiRoot, "dist"))).toBe(false);

    await c.signal();
    expect(await build.done).toBe(true);
    expect(await readdir(c.uiRoot)).toEqual(["dist", "index.html"]);
    expect((await c.page("/")).text).toContain('<div id="app">');
    expect(lines).toEqual([expect.stringContaining("Building the web UI in the background"), "The web UI is built: reload the page."]);
    // Built now: a second start builds nothing.
    expect(startUiBuild({ uiRoot: c.uiRoot, vite: c.vite, log: () => {} })).toBeNull();
  });

  it("leaves the placeholder page and no partial output when the build fails", async () => {
    const c = await checkout();
    process.env.FAKE_VITE_FAIL = "1";
    const lines: string[] = [];
    const build = startUiBuild({ uiRoot: c.uiRoot, vite: c.vite, log: (l) => lines.push(l) })!;
    await c.signal();
    expect(await build.done).toBe(false);
    expect(await readdir(c.uiRoot)).toEqual(["index.html"]);
    const page = await c.page("/");
    expect(page.text).toContain("has not been built");
    expect(page.text).not.toContain("Building the web interface");
    expect(lines.at(-1)).toContain("The web UI build failed");
  });

  it("ignores and removes the output of a server that died mid-build", async () => {
    const c = await checkout();
    const dead = spawnSync(process.execPath, ["-e", "0"]).pid!;
    await mkdir(join(c.uiRoot, `dist.building-${dead}`));
    expect((await c.page("/")).text).toContain("has not been built");
    const build = startUiBuild({ uiRoot: c.uiRoot, vite: c.vite, log: () => {} })!;
    expect(existsSync(join(c.uiRoot, `dist.building-${dead}`))).toBe(false);
    await c.signal();
    expect(await build.done).toBe(true);
  });

  it("builds nothing without Vite (a production-only install) and says so", async () => {
    const c = await checkout();
    const lines: string[] = [];
    expect(startUiBuild({ uiRoot: c.uiRoot, vite: join(c.root, "missing-vite.js"), log: (l) => lines.push(l) })).toBeNull();
    expect(lines).toEqual([expect.stringContaining("Vite is not installed")]);
    expect((await c.page("/")).text).toContain("has not been built");
  });
});
