/**
 * The prebuilt Node bundles (build/node-bundle.ts, build/prebuilt.mjs): what the build stamp
 * records, when the bundles count as stale, what happens without the development dependencies, and
 * the real build — one file per entry, web-push left to node_modules, no native addon embedded,
 * the stamp written last and fresh.
 */
import { mkdir, mkdtemp, readFile, rm, utimes, writeFile } from "node:fs/promises";
import { builtinModules } from "node:module";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { buildNodeBundles, CLI_COMMAND_ENTRIES, NODE_ENTRIES, NODE_EXTERNALS } from "../../build/node-bundle.js";
import { ensureNodeBundle, makeStamp, PrebuiltError, REPO_ROOT, RUNTIME_DIR, STAMP_FILE, staleReason } from "../../build/prebuilt.mjs";

const dirs: string[] = [];
const tmp = async () => {
  const d = await mkdtemp(join(tmpdir(), "stellarr-prebuilt-"));
  dirs.push(d);
  return d;
};
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

/** A fake checkout: two sources and a bundle in runtime/dist/node, stamped. */
async function stamped() {
  const root = await tmp();
  const dist = join(root, "runtime", "dist", "node");
  await mkdir(dist, { recursive: true });
  const a = join(root, "a.ts");
  const b = join(root, "b.ts");
  const out = join(dist, "server.mjs");
  for (const f of [a, b, out]) await writeFile(f, `// ${f}\n`);
  const stampFile = join(dist, "build-stamp.json");
  await writeFile(stampFile, JSON.stringify(makeStamp([a, b, out], root)));
  return { root, dist, a, b, out, stampFile, stale: () => staleReason(stampFile, root) };
}

describe("the build stamp", () => {
  it("is fresh until a listed file changes its mtime or size, disappears, or the stamp is missing or foreign", async () => {
    const s = await stamped();
    expect(s.stale()).toBeNull();

    // Same size, new mtime (an editor save, a git checkout): stale.
    const later = new Date(Date.now() + 5_000);
    await utimes(s.a, later, later);
    expect(s.stale()).toBe("a.ts changed");

    const t = await stamped();
    await writeFile(t.b, "// a longer file than before\n");
    expect(t.stale()).toBe("b.ts changed");

    const u = await stamped();
    await rm(u.out);
    expect(u.stale()).toBe("runtime/dist/node/server.mjs is gone");

    const v = await stamped();
    await writeFile(v.stampFile, JSON.stringify({ version: 0, files: {} }));
    expect(v.stale()).toBe("built by another version");
    await rm(v.stampFile);
    expect(v.stale()).toBe("not built yet");
  });

  it("without the development dependencies: runs a stale bundle with a warning, refuses a missing one in one line", async () => {
    const s = await stamped();
    await writeFile(s.stampFile, "{}");
    const lines: string[] = [];
    expect(await ensureNodeBundle("server", { distDir: s.dist, tsx: null, log: (l) => lines.push(l) })).toBe(s.out);
    expect(lines).toEqual([expect.stringContaining("may be out of date (built by another version)")]);

    const empty = await tmp();
    const thrown = await ensureNodeBundle("cli", { distDir: empty, tsx: null, log: () => {} }).catch((err: unknown) => err);
    expect(thrown).toBeInstanceOf(PrebuiltError);
    expect((thrown as Error).message).toMatch(/cli\.mjs\) is not built, and the development dependencies .* "npm ci"/);
    expect((thrown as Error).message).not.toContain("\n");
  });

  it("returns a fresh bundle without building or logging", async () => {
    const s = await stamped();
    const lines: string[] = [];
    // A loader that cannot run: proof that nothing is built when the stamp is fresh.
    expect(await ensureNodeBundle("server", { distDir: s.dist, tsx: "file:///nonexistent/loader.mjs", log: (l) => lines.push(l) })).toBe(
      s.out,
    );
    expect(lines).toEqual([]);
  });
});

describe("the Node bundles", () => {
  /** A private output directory beside dist/node (same depth: the bundles resolve ui/dist and node_modules from there). */
  const privateDist = async () => {
    const dir = await mkdtemp(join(RUNTIME_DIR, "dist", "node-test-"));
    dirs.push(dir, `${dir}.meta.json`);
    return dir;
  };

  it("build into one file per entry, leave web-push and native addons to node_modules, and stamp what they were built from", async () => {
    const outDir = await privateDist();
    const report = await buildNodeBundles({ outDir });
    const entries = { ...NODE_ENTRIES, ...CLI_COMMAND_ENTRIES };
    expect(report.files.map((f) => f.file).sort()).toEqual(
      Object.keys(entries)
        .flatMap((name) => [`${name}.mjs`, `${name}.mjs.map`])
        .sort(),
    );
    const outputs = Object.entries(report.metafile.outputs).filter(([file]) => file.endsWith(".mjs"));
    expect(outputs.map(([, o]) => o.entryPoint).sort()).toEqual(Object.values(entries).sort());
    // No chunks: a rebuild can never remove a chunk a running server has yet to load.
    expect(outputs).toHaveLength(Object.keys(entries).length);
    expect(Object.keys(report.metafile.inputs).filter((i) => i.endsWith(".node"))).toEqual([]);

    const server = outputs.find(([, o]) => o.entryPoint === NODE_ENTRIES.server)![1];
    const external = new Set(server.imports.filter((i) => i.external).map((i) => i.path));
    for (const spec of external) {
      const builtin = spec.startsWith("node:") || builtinModules.includes(spec);
      expect(builtin || NODE_EXTERNALS.includes(spec), spec).toBe(true);
    }
    expect(external.has("web-push")).toBe(true);
    // better-sqlite3's JavaScript is bundled; its addon is required by path at run time (the shim
    // replaces `bindings`, which cannot find it from inside a bundle).
    expect(Object.keys(server.inputs).some((i) => i.includes("node_modules/better-sqlite3/lib/database.js"))).toBe(true);
    expect(Object.keys(server.inputs)).toContain("build/bindings-shim.cjs");
    expect(Object.keys(server.inputs).some((i) => i.includes("node_modules/bindings/"))).toBe(false);

    // The command line: usage and arguments only; each command's wiring is its own bundle, imported
    // from next to cli.mjs when that command runs (so --help never parses the AWS SDK).
    const cli = outputs.find(([, o]) => o.entryPoint === NODE_ENTRIES.cli)![1];
    expect(cli.imports.filter((i) => i.kind === "dynamic-import").map((i) => [i.path, i.external])).toEqual(
      Object.keys(CLI_COMMAND_ENTRIES).map((name) => [`./${name}.mjs`, true]),
    );
    expect(Object.keys(cli.inputs).filter((i) => i.includes("node_modules/"))).toEqual([]);
    const importOriginal = outputs.find(([, o]) => o.entryPoint === CLI_COMMAND_ENTRIES["cli-import-original"])![1];
    expect(Object.keys(importOriginal.inputs).some((i) => i.includes("node_modules/@aws-sdk/"))).toBe(true);
    expect(cli.bytes).toBeLessThan(importOriginal.bytes / 20);
    // Each sync command's bundle holds its own client, not another's.
    const inputsOf = (name: keyof typeof CLI_COMMAND_ENTRIES) =>
      Object.keys(outputs.find(([, o]) => o.entryPoint === CLI_COMMAND_ENTRIES[name])![1].inputs);
    expect(inputsOf("cli-plex-sync")).toContain("src/adapters/plex/client.ts");
    expect(inputsOf("cli-plex-sync").some((i) => i.startsWith("src/adapters/media-server/"))).toBe(false);
    for (const name of ["cli-jellyfin-sync", "cli-emby-sync"] as const) {
      expect(inputsOf(name)).toContain("src/adapters/media-server/client.ts");
      expect(inputsOf(name).some((i) => i.startsWith("src/adapters/plex/"))).toBe(false);
      expect(inputsOf(name).some((i) => i.includes("node_modules/@aws-sdk/"))).toBe(false);
    }

    expect(report.stamped).toBe(true);
    const stampFile = join(outDir, "build-stamp.json");
    expect(staleReason(stampFile)).toBeNull();
    const stamp = JSON.parse(await readFile(stampFile, "utf8")) as { files: Record<string, unknown> };
    const out = relative(REPO_ROOT, outDir);
    for (const file of [
      "runtime/src/entries/node.ts",
      "runtime/src/cli/stellarr.ts",
      "runtime/build/bindings-shim.cjs",
      "package-lock.json",
      "runtime/package.json",
      `${out}/server.mjs`,
      `${out}/cli.mjs`,
      `${out}/cli-plex-sync.mjs`,
      `${out}/cli-jellyfin-sync.mjs`,
      `${out}/cli-emby-sync.mjs`,
      `${out}/cli-import-original.mjs`,
    ]) {
      expect(Object.keys(stamp.files), file).toContain(file);
    }
    expect(Object.keys(stamp.files).some((f) => f.includes("node_modules"))).toBe(false);
    expect(REPO_ROOT).toBe(join(import.meta.dirname, "../../.."));
    // The default place is only ever written by a default build.
    expect(STAMP_FILE).toBe(join(REPO_ROOT, "runtime/dist/node/build-stamp.json"));
  }, 120_000);

  it("are built by the first start that finds them missing (a fresh clone), in a child process", async () => {
    const distDir = await privateDist();
    const lines: string[] = [];
    const cli = await ensureNodeBundle("cli", { distDir, log: (l) => lines.push(l) });
    expect(lines).toEqual(["Building the command-line bundle (not built yet)…"]);
    expect(cli).toBe(join(distDir, "cli.mjs"));
    expect(staleReason(join(distDir, "build-stamp.json"))).toBeNull();
    const { main } = (await import(cli)) as { main: (argv: string[], io: unknown) => Promise<number> };
    let out = "";
    const code = await main(["--help"], { stdout: { write: (s: string) => (out += s) }, stderr: { write: () => {} }, env: {}, fetch });
    expect(code).toBe(0);
    expect(out).toContain("plex-sync");
  }, 120_000);
});
