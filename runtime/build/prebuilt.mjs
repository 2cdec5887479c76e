/**
 * The prebuilt Node bundles (`runtime/dist/node/`, built by `build/node-bundle.ts`): are they fresh,
 * and build them when they are not. Plain JavaScript, because `npm start` (scripts/start.mjs) and the
 * `stellarr` bin run this before anything could compile TypeScript — and it has to stay cheap: a
 * fresh check reads one small JSON file and stats the files it lists (about 2 ms).
 *
 * The build stamp lists every file the bundles were built from (the runtime's own sources from
 * esbuild's metafile, the build scripts, package.json files and the lockfile) with its mtime and
 * size, and the bundles' own files. Any difference — an edited, added-to, deleted or replaced
 * file, a `git checkout`, an `npm ci` that changed the lockfile — makes the bundles stale.
 */
import { readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

export const RUNTIME_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const REPO_ROOT = resolve(RUNTIME_DIR, "..");
export const NODE_DIST_DIR = join(RUNTIME_DIR, "dist", "node");
export const STAMP_FILE = join(NODE_DIST_DIR, "build-stamp.json");
const STAMP_VERSION = 1;

/** The bundles: `server` is the embedded server (`npm start`, the container image), `cli` the `stellarr` command. */
export const NODE_BUNDLE_FILES = { server: "server.mjs", cli: "cli.mjs" };

/** Files outside the metafile that decide what a build produces. */
export const BUILD_INPUTS = [
  "package.json",
  "package-lock.json",
  "runtime/package.json",
  "runtime/build/node-bundle.ts",
  "runtime/build/banner.ts",
  "runtime/build/prebuilt.mjs",
];

/** `[mtimeMs, size]` of a file, or null when it does not exist. */
export function signature(path) {
  try {
    const s = statSync(path, { throwIfNoEntry: false });
    return s === undefined ? null : [s.mtimeMs, s.size];
  } catch {
    return null;
  }
}

/**
 * The stamp of a build: `files` maps paths relative to `root` (inputs and outputs) to their
 * signature at the end of the build.
 * @param {string[]} absolutePaths
 * @param {string} [root]
 */
export function makeStamp(absolutePaths, root = REPO_ROOT) {
  const files = {};
  for (const path of absolutePaths) {
    const sig = signature(path);
    if (sig === null) throw new Error(`build stamp: ${path} does not exist`);
    files[relative(root, path)] = sig;
  }
  return { version: STAMP_VERSION, files };
}

/**
 * Why the bundles must be rebuilt, or null when they are fresh.
 * @param {string} [stampFile]
 * @param {string} [root] what the stamp's paths are relative to
 * @returns {string | null}
 */
export function staleReason(stampFile = STAMP_FILE, root = REPO_ROOT) {
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(stampFile, "utf8"));
  } catch {
    return "not built yet";
  }
  if (stamp?.version !== STAMP_VERSION || typeof stamp.files !== "object" || stamp.files === null) return "built by another version";
  // Concatenated, not path.join()ed: ~270 paths, already normalised by the build (relative()).
  const base = root.endsWith(sep) ? root : root + sep;
  for (const [file, recorded] of Object.entries(stamp.files)) {
    const now = signature(base + file);
    if (now === null) return `${file} is gone`;
    if (!Array.isArray(recorded) || now[0] !== recorded[0] || now[1] !== recorded[1]) return `${file} changed`;
  }
  return null;
}

/** Thrown when a bundle is missing and cannot be built here; its message is the one line to show. */
export class PrebuiltError extends Error {
  name = "PrebuiltError";
}

/** The `tsx` loader's URL when the development dependencies are installed, else null. */
function tsxLoader() {
  try {
    return import.meta.resolve("tsx");
  } catch {
    return null;
  }
}

/**
 * The path of a fresh bundle (`server` or `cli`), building both first when they are missing or
 * stale. The build runs in a child process (tsx + esbuild, development dependencies), so none of
 * the build tooling stays loaded in the caller. Without the development dependencies (a
 * production-only install) a stale bundle runs as it is, with a warning; a missing one is an error.
 * Concurrent callers may both build: outputs are replaced atomically and carry the same code.
 * @param {"server" | "cli"} name
 * @param {{ log?: (line: string) => void, tsx?: string | null, distDir?: string }} [opts]
 *   `tsx` and `distDir` are for tests: the loader to build with (null: none installed), where the bundles are.
 * @returns {Promise<string>}
 */
export async function ensureNodeBundle(name, opts = {}) {
  const log = opts.log ?? ((line) => process.stderr.write(`${line}\n`));
  const distDir = opts.distDir ?? NODE_DIST_DIR;
  const file = join(distDir, NODE_BUNDLE_FILES[name]);
  // Stamped paths are relative to the repository, three levels above runtime/dist/node.
  const reason = staleReason(join(distDir, "build-stamp.json"), resolve(distDir, "../../.."));
  if (reason === null) return file;
  const tsx = opts.tsx === undefined ? tsxLoader() : opts.tsx;
  if (tsx === null) {
    if (signature(file) !== null) {
      log(`The prebuilt ${name} bundle may be out of date (${reason}); without the development dependencies it cannot be rebuilt here.`);
      return file;
    }
    throw new PrebuiltError(
      `The ${name} bundle (${relative(process.cwd(), file)}) is not built, and the development dependencies that build it are not installed: run "npm ci" with them, or "npm run build" where they are.`,
    );
  }
  log(`Building the ${name === "server" ? "server" : "command-line"} bundle (${reason})…`);
  // Loaded only to build: a fresh start does without child_process (~3 ms).
  const { spawnSync } = await import("node:child_process");
  const outdir = resolve(distDir) === NODE_DIST_DIR ? [] : ["--outdir", resolve(distDir)];
  const build = spawnSync(process.execPath, ["--import", tsx, join(RUNTIME_DIR, "build/node-bundle.ts"), ...outdir], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  if (build.status !== 0) throw new PrebuiltError(`Building the ${name} bundle failed (see above).`);
  return file;
}
