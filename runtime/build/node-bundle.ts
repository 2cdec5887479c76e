/**
 * The Node bundles (`npm run build -w runtime`, and `npm start` / `stellarr` when missing or stale):
 * the embedded server and the `stellarr` command as one ESM file each, so starting them loads one
 * file instead of compiling ~100 TypeScript modules through tsx.
 *
 *   dist/node/server.mjs (+ .map)   the embedded server: `npm start`, the container image
 *   dist/node/cli.mjs    (+ .map)   the `stellarr` command (bin/stellarr.mjs): arguments and usage
 *   dist/node/cli-*.mjs  (+ .map)   its commands' wiring, each loaded by cli.mjs when that command runs
 *   dist/node/build-stamp.json      what they were built from (build/prebuilt.mjs checks it)
 *   dist/node.meta.json             esbuild metafile (tests read the external imports from it)
 *
 * Packages in NODE_EXTERNALS, and native addons, load from node_modules at run time, so they must be
 * production dependencies of the runtime (stacks/test/dockerfile.test.ts checks the image has them).
 * Source maps are linked and enabled by the launchers (`process.setSourceMapsEnabled`,
 * `--enable-source-maps`), so stack traces in logs name the TypeScript sources.
 */
import { build, type BuildOptions, type Metafile, type Plugin } from "esbuild";
import { mkdir, mkdtemp, readdir, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { BANNER } from "./banner.js";
import { BUILD_INPUTS, makeStamp, NODE_DIST_DIR, REPO_ROOT, RUNTIME_DIR, signature, STAMP_FILE } from "./prebuilt.mjs";

export { ensureNodeBundle, NODE_BUNDLE_FILES, NODE_DIST_DIR } from "./prebuilt.mjs";

export const NODE_ENTRIES = { server: "src/entries/node.ts", cli: "src/cli/stellarr.ts" } as const;
export const NODE_METAFILE = join(RUNTIME_DIR, "dist", "node.meta.json");

/**
 * The `stellarr` command's subcommands, each a bundle of its own that cli.mjs imports (by file name,
 * next to itself) when that command runs: cli/stellarr.ts imports their wiring dynamically. Without
 * this, cli.mjs would hold import-original's AWS SDK and DynamoDB Toolbox (1.5 of its 1.8 MB), which
 * `--help` and `plex-sync` would parse at every run. Self-contained bundles, not shared chunks, for
 * the reason given at `splitting` below.
 */
export const CLI_COMMAND_ENTRIES = {
  "cli-plex-sync": "src/wiring/plex-sync.ts",
  "cli-jellyfin-sync": "src/wiring/jellyfin-sync.ts",
  "cli-emby-sync": "src/wiring/emby-sync.ts",
  "cli-import-original": "src/wiring/import-original.ts",
} as const;

/** Turns cli/stellarr.ts's dynamic imports of the command wiring into imports of the command bundles. */
const cliCommandBundles: Plugin = {
  name: "cli-command-bundles",
  setup(b) {
    const byInput = new Map(Object.entries(CLI_COMMAND_ENTRIES).map(([name, input]) => [join(RUNTIME_DIR, input), name]));
    b.onResolve({ filter: /^\.\.?\/.*\.js$/ }, (args) => {
      if (args.kind !== "dynamic-import") return undefined;
      const name = byInput.get(resolve(args.resolveDir, args.path.replace(/\.js$/, ".ts")));
      return name === undefined ? undefined : { path: `./${name}.mjs`, external: true };
    });
  },
};

/**
 * Loaded from node_modules, not bundled: web-push (and its ~200 KB of CommonJS dependencies) is
 * imported only when a notification is first sent; in the bundle it would be parsed at every start.
 *
 * better-sqlite3's JavaScript IS bundled (loading it from node_modules costs ~20 ms of start-up:
 * a dozen CommonJS files resolved one by one, plus the ESM-to-CommonJS export scan); its native
 * addon is not — it is required at run time from the installed package by path (`bindings` is
 * replaced by build/bindings-shim.cjs). The lockfile is in the build stamp, so a different
 * installed better-sqlite3 makes the bundle stale and it is rebuilt to match.
 */
export const NODE_EXTERNALS = ["web-push"];

export function nodeBuildOptions(): BuildOptions & { metafile: true } {
  return {
    absWorkingDir: RUNTIME_DIR,
    entryPoints: { ...NODE_ENTRIES, ...CLI_COMMAND_ENTRIES },
    bundle: true,
    // One file per entry (no shared or lazy chunks): a rebuild while a server runs can never remove
    // a chunk that server has yet to load.
    splitting: false,
    format: "esm",
    platform: "node",
    target: "node20",
    // Not minified: stack traces keep the functions' names and a line structure close to the
    // sources (esbuild heads each module with its path). Minifying saved nothing measurable at start.
    minify: false,
    sourcemap: "linked",
    // Stack traces need the mappings, not the sources (a third of the size).
    sourcesContent: false,
    legalComments: "none",
    outExtension: { ".js": ".mjs" },
    banner: { js: BANNER },
    external: NODE_EXTERNALS,
    alias: { bindings: "./build/bindings-shim.cjs" },
    plugins: [cliCommandBundles],
    metafile: true,
    logLevel: "warning",
  };
}

export interface NodeBundleReport {
  files: { file: string; bytes: number }[];
  metafile: Metafile;
  /** False when a source changed during the build: no stamp was written, so the next start rebuilds. */
  stamped: boolean;
}

/**
 * Builds both bundles into a private directory, then moves each file into `outDir` (a rename: a
 * concurrent reader sees the old file or the new one, never half of one) and writes the stamp last.
 * `outDir` (default `dist/node`; tests build elsewhere) must sit in `runtime/dist/`: the bundles
 * find `ui/dist` and node_modules relative to themselves.
 */
export async function buildNodeBundles(opts: { outDir?: string } = {}): Promise<NodeBundleReport> {
  const outDir = resolve(opts.outDir ?? NODE_DIST_DIR);
  if (dirname(outDir) !== join(RUNTIME_DIR, "dist")) throw new Error(`The Node bundles are built into runtime/dist/<name>, not ${outDir}`);
  const before = await sourceSignatures();
  await mkdir(join(RUNTIME_DIR, "dist"), { recursive: true });
  // A sibling of the output directory: the source maps' relative paths stay right after the move.
  const tmp = await mkdtemp(join(RUNTIME_DIR, "dist", "node.tmp-"));
  try {
    const result = await build({ ...nodeBuildOptions(), outdir: tmp });
    const native = Object.keys(result.metafile.inputs).filter((i) => i.endsWith(".node"));
    if (native.length > 0) throw new Error(`The Node bundles would embed native addons (mark them external): ${native.join(", ")}`);
    await mkdir(outDir, { recursive: true });
    const files: NodeBundleReport["files"] = [];
    for (const name of await readdir(tmp)) {
      await rename(join(tmp, name), join(outDir, name));
      files.push({ file: name, bytes: signature(join(outDir, name))?.[1] ?? 0 });
    }
    const metaTmp = join(tmp, "..", `node.meta.json.${process.pid}`);
    await writeFile(metaTmp, JSON.stringify(result.metafile));
    await rename(metaTmp, outDir === NODE_DIST_DIR ? NODE_METAFILE : `${outDir}.meta.json`);

    const inputs = Object.keys(result.metafile.inputs)
      .filter((i) => !i.includes("node_modules/"))
      .map((i) => resolve(RUNTIME_DIR, i));
    const stamp = makeStamp([...inputs, ...BUILD_INPUTS.map((f) => join(REPO_ROOT, f)), ...files.map((f) => join(outDir, f.file))]);
    // An input edited while esbuild read it may not be in the output: leave the bundles stale.
    const stamped = inputs.every((path) => {
      const was = before.get(path);
      const now = stamp.files[relative(REPO_ROOT, path)];
      return was !== undefined && now !== undefined && was[0] === now[0] && was[1] === now[1];
    });
    if (stamped) {
      const stampTmp = join(tmp, "..", `build-stamp.json.${process.pid}`);
      await writeFile(stampTmp, JSON.stringify(stamp));
      await rename(stampTmp, join(outDir, basename(STAMP_FILE)));
    }
    return { files, metafile: result.metafile, stamped };
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

/** Signatures of the runtime's sources, its build scripts and the build inputs before a build, to compare with after it. */
async function sourceSignatures(): Promise<Map<string, [number, number]>> {
  const out = new Map<string, [number, number]>();
  const paths = [...BUILD_INPUTS.map((f) => join(REPO_ROOT, f))];
  for (const dir of ["src", "build"]) {
    for (const entry of await readdir(join(RUNTIME_DIR, dir), { withFileTypes: true, recursive: true })) {
      if (entry.isFile()) paths.push(join(entry.parentPath, entry.name));
    }
  }
  for (const path of paths) {
    const sig = signature(path);
    if (sig) out.set(path, sig);
  }
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  try {
    // `--outdir <runtime/dist/name>`: build elsewhere than dist/node (tests).
    const at = process.argv.indexOf("--outdir");
    const outDir = at > 0 ? process.argv[at + 1] : undefined;
    const report = await buildNodeBundles({ outDir });
    if (!report.stamped)
      process.stderr.write("A source changed during the build: the bundles stay stale and are rebuilt at the next start.\n");
    for (const f of report.files)
      process.stdout.write(`node: ${relative(process.cwd(), join(outDir ?? NODE_DIST_DIR, f.file))} — ${(f.bytes / 1024).toFixed(1)} KB\n`);
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
}
