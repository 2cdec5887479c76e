/**
 * Lambda bundles (`npm run build -w runtime`, which then builds the Node bundles of
 * node-bundle.ts too): esbuild, ESM for Node 20+ (Lambda runs Node 22),
 * minified, code-split so web-push and TheTVDB load only when used.
 *
 *   dist/lambda/api/index.mjs     (+ chunks/)   handler: `index.handler`
 *   dist/lambda/warmer/index.mjs  (+ chunks/)   handler: `index.handler`
 *   dist/lambda/notifier/index.mjs (+ chunks/)  handler: `index.handler` (channel senders load lazily)
 *   dist/lambda/<name>.meta.json                esbuild metafile (size reports), outside the deployed directory
 *
 * The build fails when a forbidden module is reachable (better-sqlite3 or anything native, classic
 * zod, the AWS SDK) or when the API's code loaded at init (`loadedAtInit`) exceeds the 200 KB budget
 * (product.md §12).
 */
import { build, type BuildOptions, type Metafile, type Plugin } from "esbuild";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { BANNER } from "./banner.js";

export const RUNTIME_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const DIST_DIR = join(RUNTIME_DIR, "dist", "lambda");
export const API_BUDGET_BYTES = 200 * 1024;

/** `core`: the entry's wiring, which statically reaches everything the entry loads (see `oneStaticChunk`). */
export const BUNDLES = {
  api: { entry: "src/entries/lambda.ts", core: "src/wiring/lambda-api.ts" },
  warmer: { entry: "src/entries/warmer-lambda.ts", core: "src/wiring/lambda-warmer.ts" },
  notifier: { entry: "src/entries/notifier-lambda.ts", core: "src/wiring/lambda-notifier.ts" },
} as const;
export type BundleName = keyof typeof BUNDLES;

/** The metafile sits next to the bundle directory, so the deployed zip holds only code. */
export const metafilePath = (name: BundleName): string => join(DIST_DIR, `${name}.meta.json`);

/** Modules that must never be reachable from a Lambda entry, by input path. */
const FORBIDDEN: { pattern: RegExp; why: string }[] = [
  { pattern: /(^|\/)node_modules\/better-sqlite3\//, why: "better-sqlite3 is native and SQLite-only" },
  { pattern: /(^|\/)node_modules\/bindings\//, why: "native addon loader" },
  { pattern: /\.node$/, why: "native addon" },
  { pattern: /(^|\/)node_modules\/zod\/(v4\/classic|v3|v4\/index|index)/, why: "classic zod (use zod/mini on the request path)" },
  { pattern: /(^|\/)node_modules\/@aws-sdk\/(?!util-dynamodb\/)/, why: "the AWS SDK (lib/sigv4.ts + the lib-dynamodb stub replace it)" },
  { pattern: /(^|\/)node_modules\/@smithy\//, why: "the AWS SDK (lib/sigv4.ts replaces it)" },
  {
    pattern: /(^|\/)node_modules\/aws4fetch\//,
    why: "aws4fetch signs into WHATWG classes, which load undici (lib/sigv4.ts signs plain values)",
  },
  { pattern: /(^|\/)src\/adapters\/store\/sqlite\//, why: "the SQLite store" },
  { pattern: /(^|\/)src\/adapters\/node\//, why: "the Node HTTP server" },
  { pattern: /(^|\/)src\/entries\/node\.ts$/, why: "the Node entry" },
  { pattern: /(^|\/)src\/wiring\/(node|cli)\.ts$/, why: "the Node or CLI wiring" },
];

/**
 * dynamodb-toolbox's package.json does not declare `sideEffects: false`, so importing anything from
 * its barrel keeps every module (scan, transactions, JSON schema export…: ≈ 120 KB). Its modules
 * only declare classes and functions, so we tell esbuild so, and unused actions are dropped. The
 * Lambda tests exercise the bundled store against dynalite.
 */
const sideEffectFreeToolbox: Plugin = {
  name: "side-effect-free-toolbox",
  setup(b) {
    b.onResolve({ filter: /^dynamodb-toolbox(\/|$)|^\.\.?\// }, async (args) => {
      if (args.pluginData === "toolbox-resolving") return undefined;
      if (!args.path.startsWith("dynamodb-toolbox") && !args.importer.includes("/node_modules/dynamodb-toolbox/")) return undefined;
      const resolved = await b.resolve(args.path, {
        kind: args.kind,
        importer: args.importer,
        resolveDir: args.resolveDir,
        pluginData: "toolbox-resolving",
      });
      if (resolved.errors.length > 0) return { errors: resolved.errors };
      return { ...resolved, sideEffects: false };
    });
  },
};

/**
 * One chunk for everything the entry loads, instead of one per set of lazily loaded modules that
 * share it. esbuild puts a module used by the entry and by lazy modules A and B into a chunk of its
 * own for {entry, A, B}, so the API's static code came as 20 files, 15 of them under 2 KB; Node's
 * ESM loader costs ~0.3 ms per file on a cold start (resolve, open, read, compile, link:
 * docs/benchmarks.md, issue #25). Each lazily loaded module of our own therefore also imports the
 * entry's wiring (`core`, no top-level await): every module the entry reaches is then shared by
 * the same set of entry points and lands in one chunk. The lazy module finds that chunk already
 * evaluated when it loads, so the import costs nothing at run time and changes no order of
 * evaluation; what is static and what is lazy stays the same.
 */
export function oneStaticChunk(core: string): Plugin {
  const coreFile = resolve(RUNTIME_DIR, core);
  return {
    name: "one-static-chunk",
    setup(b) {
      const lazy = new Set<string>();
      b.onResolve({ filter: /^\.\.?\// }, async (args) => {
        if (args.kind !== "dynamic-import" || args.pluginData === "one-static-chunk" || args.importer.includes("/node_modules/"))
          return undefined;
        const resolved = await b.resolve(args.path, {
          kind: args.kind,
          importer: args.importer,
          resolveDir: args.resolveDir,
          pluginData: "one-static-chunk",
        });
        if (resolved.errors.length === 0 && !resolved.external) lazy.add(resolved.path);
        return resolved.errors.length > 0 ? { errors: resolved.errors } : resolved;
      });
      b.onLoad({ filter: /\.ts$/ }, async (args) => {
        if (!lazy.has(args.path)) return undefined;
        const source = await readFile(args.path, "utf8");
        return { contents: `import ${JSON.stringify(coreFile)};\n${source}`, loader: "ts", resolveDir: dirname(args.path) };
      });
    },
  };
}

export interface ChunkSize {
  file: string;
  bytes: number;
  /** Loaded at init (`loadedAtInit`) rather than on demand. */
  atInit: boolean;
}

export interface BundleReport {
  name: BundleName;
  outdir: string;
  entryFile: string;
  chunks: ChunkSize[];
  /** The chunks loaded at init, together (the API's 200 KB budget). */
  initBytes: number;
  metafile: Metafile;
}

/** Output files reachable from `entry` through static imports only (what a cold start loads). */
export function staticallyReachable(metafile: Metafile, entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const imp of metafile.outputs[file]?.imports ?? []) {
      if (imp.kind === "import-statement" && !imp.external) visit(imp.path);
    }
  };
  visit(entry);
  return seen;
}

/**
 * Output files a cold start loads before the first event: what static imports reach from the entry,
 * and what the entry file itself imports dynamically, with its static imports. The API entry sends
 * the secret's read and then imports its wiring (entries/lambda.ts): that import happens at init,
 * not on demand. Lazily loaded modules are imported by the chunks, never by the entry file.
 */
export function loadedAtInit(metafile: Metafile, entry: string): Set<string> {
  const seen = staticallyReachable(metafile, entry);
  for (const imp of metafile.outputs[entry]?.imports ?? []) {
    if (imp.kind !== "dynamic-import" || imp.external) continue;
    for (const file of staticallyReachable(metafile, imp.path)) seen.add(file);
  }
  return seen;
}

/** The bundle's entry output. Dynamically imported modules have an `entryPoint` too: the entry is the one written as index.mjs. */
export function entryOutput(metafile: Metafile): string {
  const entry = Object.keys(metafile.outputs).find((f) => f === "index.mjs" || f.endsWith("/index.mjs"));
  if (!entry) throw new Error("No index.mjs among the bundle's outputs");
  return entry;
}

/** Every forbidden input in the metafile (statically or lazily reachable: both end up deployed). */
export function forbiddenInputs(metafile: Metafile): string[] {
  const found: string[] = [];
  for (const input of Object.keys(metafile.inputs)) {
    const hit = FORBIDDEN.find((f) => f.pattern.test(input));
    if (hit) found.push(`${input} (${hit.why})`);
  }
  return found;
}

/** The esbuild options of every Lambda bundle, without entry points and output directory (tests reuse them). */
export function lambdaBuildOptions(): BuildOptions & { metafile: true } {
  return {
    absWorkingDir: RUNTIME_DIR,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    minify: true,
    sourcemap: false,
    legalComments: "none",
    outExtension: { ".js": ".mjs" },
    chunkNames: "chunks/[name]-[hash]",
    banner: { js: BANNER },
    alias: { "@aws-sdk/lib-dynamodb": "./src/adapters/store/dynamodb/lib-dynamodb-stub.ts" },
    // Only the bundle's own code in the zip: nothing from node_modules is loaded at run time.
    packages: "bundle",
    metafile: true,
    plugins: [sideEffectFreeToolbox],
    logLevel: "warning",
  };
}

export async function buildBundle(name: BundleName): Promise<BundleReport> {
  const outdir = join(DIST_DIR, name);
  await rm(outdir, { recursive: true, force: true });
  await mkdir(outdir, { recursive: true });
  const options = lambdaBuildOptions();
  const result = await build({
    ...options,
    entryPoints: { index: BUNDLES[name].entry },
    outdir,
    plugins: [...(options.plugins ?? []), oneStaticChunk(BUNDLES[name].core)],
  });
  const metafile = result.metafile;
  const forbidden = forbiddenInputs(metafile);
  if (forbidden.length > 0) {
    throw new Error(`The ${name} bundle reaches forbidden modules:\n  - ${forbidden.join("\n  - ")}`);
  }
  await writeFile(metafilePath(name), JSON.stringify(metafile));

  // Dynamically imported modules have an `entryPoint` too: the entry is the one written as index.mjs.
  const entryFile = Object.keys(metafile.outputs).find((f) => f.endsWith("/index.mjs"))!;
  const reachable = loadedAtInit(metafile, entryFile);
  const chunks = Object.entries(metafile.outputs)
    .filter(([file]) => file.endsWith(".mjs"))
    .map(([file, out]) => ({ file: relative(outdir, resolve(RUNTIME_DIR, file)), bytes: out.bytes, atInit: reachable.has(file) }))
    .sort((a, b) => Number(b.atInit) - Number(a.atInit) || b.bytes - a.bytes);
  const initBytes = chunks.filter((c) => c.atInit).reduce((n, c) => n + c.bytes, 0);
  return { name, outdir, entryFile: join(outdir, "index.mjs"), chunks, initBytes, metafile };
}

export async function buildAll(opts: { enforceBudget?: boolean } = {}): Promise<BundleReport[]> {
  const reports = [await buildBundle("api"), await buildBundle("warmer"), await buildBundle("notifier")];
  const api = reports[0]!;
  if ((opts.enforceBudget ?? true) && api.initBytes > API_BUDGET_BYTES) {
    throw new Error(
      `The API bundle's code loaded at init is ${kb(api.initBytes)}, over the ${kb(API_BUDGET_BYTES)} budget (product.md §12). ` +
        `Largest inputs:\n${largestInputs(api.metafile, 10)
          .map((l) => `  ${l}`)
          .join("\n")}`,
    );
  }
  return reports;
}

export const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

/** The biggest contributors to the bundle (for budget failures and reports). */
export function largestInputs(metafile: Metafile, n: number): string[] {
  const byInput = new Map<string, number>();
  for (const out of Object.values(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(out.inputs)) {
      const key = input.replace(/^(.*node_modules\/(@[^/]+\/)?[^/]+)\/.*$/, "$1");
      byInput.set(key, (byInput.get(key) ?? 0) + bytesInOutput);
    }
  }
  return [...byInput.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, v]) => `${kb(v).padStart(9)}  ${k}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  try {
    for (const r of await buildAll({ enforceBudget: process.env.STELLARR_ALLOW_OVER_BUDGET !== "1" })) {
      process.stdout.write(`${r.name}: ${relative(process.cwd(), r.entryFile)} — at init ${kb(r.initBytes)}\n`);
      for (const c of r.chunks) process.stdout.write(`  ${c.atInit ? "init" : "lazy"}  ${kb(c.bytes).padStart(9)}  ${c.file}\n`);
    }
    // The Node bundles too (npm start, the stellarr command, the container image): node-bundle.ts.
    const { buildNodeBundles } = await import("./node-bundle.js");
    for (const f of (await buildNodeBundles()).files) {
      if (f.file.endsWith(".mjs"))
        process.stdout.write(`node: ${relative(process.cwd(), join(RUNTIME_DIR, "dist", "node", f.file))} — ${kb(f.bytes)}\n`);
    }
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
}
