/**
 * The runtime image's /app, laid out from the checkout without a Docker engine: what the final stage
 * COPYs, with its stages' outputs stood in for by their local equivalents — the runtime workspace's
 * production dependencies (`npm ci --omit=dev --workspace runtime`, resolved from package-lock.json), the
 * server bundle and the built UI. Every file is readable by anyone, as the image's root-owned files are
 * for its USER, so a test can run the start command as an unprivileged user even when the checkout lives
 * in a directory that user cannot enter (a clone under /root or in a `mktemp -d` folder).
 */
import { chmodSync, cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { parseDockerfile } from "./dockerfile.js";

interface LockEntry {
  version?: string;
  link?: boolean;
  resolved?: string;
  optional?: boolean;
  dev?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

/**
 * Lock-file locations (`node_modules/a`, `node_modules/a/node_modules/b`) of a workspace's production
 * dependency closure, found the way Node resolves them: the nearest `node_modules` up the tree.
 */
export function productionClosure(lock: { packages: Record<string, LockEntry> }, workspace: string): string[] {
  const found = new Set<string>();
  const resolve = (from: string, name: string): string | undefined => {
    for (let dir = from; ;) {
      const candidate = dir === "" ? `node_modules/${name}` : `${dir}/node_modules/${name}`;
      if (lock.packages[candidate]) return candidate;
      if (dir === "") return undefined;
      // `node_modules/a/node_modules/@s/b` → `node_modules/a` → `` (the root); a workspace → the root.
      const up = dir.lastIndexOf("/node_modules/");
      dir = up >= 0 ? dir.slice(0, up) : "";
    }
  };
  const visit = (location: string) => {
    const entry = lock.packages[location]!;
    const wanted = [
      ...Object.keys(entry.dependencies ?? {}),
      ...Object.keys(entry.optionalDependencies ?? {}),
      ...Object.keys(entry.peerDependencies ?? {}).filter((p) => !entry.peerDependenciesMeta?.[p]?.optional),
    ];
    for (const name of wanted) {
      const at = resolve(location, name);
      if (at === undefined) {
        if (entry.optionalDependencies?.[name] !== undefined || entry.peerDependencies?.[name] !== undefined) continue;
        throw new Error(`${location} needs ${name}, which package-lock.json does not hold`);
      }
      if (found.has(at)) continue;
      found.add(at);
      const target = lock.packages[at]!;
      visit(target.link && target.resolved ? target.resolved : at);
    }
  };
  if (!lock.packages[workspace]) throw new Error(`package-lock.json has no workspace ${workspace}`);
  visit(workspace);
  return [...found].sort();
}

/** `COPY --from=<stage> <path>` sources the layout can stand in for, and how. */
export type StageOutputs = Record<string, (root: string, lock: { packages: Record<string, LockEntry> }) => (dest: string) => void>;

/** The Dockerfile's build stages, as the checkout holds their results. */
export const LOCAL_STAGE_OUTPUTS: StageOutputs = {
  // Stage `deps`: `npm ci --omit=dev --workspace runtime` in /app.
  "deps:/app/node_modules": (root, lock) => (dest) => {
    for (const location of productionClosure(lock, "runtime")) {
      const source = path.join(root, location);
      const target = path.join(dest, path.relative("node_modules", location));
      if (!existsSync(source)) {
        if (lock.packages[location]!.optional) continue; // another platform's binary
        throw new Error(`${location} is in package-lock.json but not installed: run npm ci`);
      }
      mkdirSync(path.dirname(target), { recursive: true });
      if (lstatSync(source).isSymbolicLink()) {
        // A workspace link: the image's npm ci links it the same way.
        symlinkSync(path.relative(path.dirname(target), path.join(dest, "..", lock.packages[location]!.resolved!)), target);
        continue;
      }
      // Nested node_modules are lock entries of their own, copied when (and only when) they are in the closure.
      cpSync(source, target, { recursive: true, filter: (src) => src === source || !src.slice(source.length).includes("/node_modules") });
    }
  },
  // Stage `bundle`: `node --import tsx runtime/build/node-bundle.ts` in /src (npm start builds the same files).
  "bundle:/src/runtime/dist/node": (root) => (dest) => {
    if (!existsSync(path.join(root, "runtime", "dist", "node", "server.mjs")))
      throw new Error("runtime/dist/node is missing: npm run build -w runtime");
    cpSync(path.join(root, "runtime", "dist", "node"), dest, { recursive: true });
  },
  // Stage `ui`: `npm run build -w ui` in /src.
  "ui:/src/ui/dist": (root) => (dest) => {
    if (!existsSync(path.join(root, "ui", "dist", "index.html"))) throw new Error("ui/dist is missing: npm run build -w ui");
    cpSync(path.join(root, "ui", "dist"), dest, { recursive: true });
  },
};

/** Makes a tree readable (and its directories enterable) by everyone. */
function openUp(dir: string): void {
  chmodSync(dir, 0o755);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isSymbolicLink()) continue;
    if (entry.isDirectory()) openUp(p);
    else chmodSync(p, lstatSync(p).mode & 0o111 ? 0o755 : 0o644);
  }
}

/**
 * Lays out the final stage's WORKDIR (/app) in a new directory under the system temp directory and returns
 * its path. Throws when the Dockerfile copies something this layout cannot stand in for.
 */
export function stageImageTree(root: string, stageOutputs: StageOutputs = LOCAL_STAGE_OUTPUTS): string {
  const { stages } = parseDockerfile(readFileSync(path.join(root, "Dockerfile"), "utf8"));
  const final = stages[stages.length - 1]!;
  const lock = JSON.parse(readFileSync(path.join(root, "package-lock.json"), "utf8"));
  const app = mkdtempSync(path.join(tmpdir(), "stellarr-image-app-"));
  for (const ins of final.instructions.filter((i) => i.keyword === "COPY")) {
    const from = /--from=(\S+)/.exec(ins.args)?.[1];
    const parts = ins.args.replace(/--\S+/g, "").trim().split(/\s+/);
    const destArg = parts.pop()!;
    const dest = path.join(app, destArg);
    for (const src of parts) {
      if (from !== undefined) {
        const output = stageOutputs[`${from}:${src}`];
        if (!output) throw new Error(`line ${ins.line}: no local stand-in for COPY --from=${from} ${src}`);
        mkdirSync(path.dirname(dest), { recursive: true });
        output(root, lock)(dest);
      } else {
        // `COPY a b ./` puts files into the directory; `COPY runtime/src runtime/src` copies the directory as named.
        const target = destArg.endsWith("/") ? path.join(dest, path.basename(src)) : dest;
        mkdirSync(path.dirname(target), { recursive: true });
        cpSync(path.join(root, src), target, { recursive: true });
      }
    }
  }
  openUp(app);
  return app;
}
