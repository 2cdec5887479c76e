/**
 * The runtime image without a Docker engine: lint the Dockerfile (stages, non-root USER,
 * HEALTHCHECK without curl, nothing secret baked in, every COPY source in the context), check the
 * production install holds everything the start command imports, and run the image's start and
 * healthcheck commands as an unprivileged user in a copy of the image's /app (its COPYs, with the
 * production dependencies resolved from package-lock.json), so the checkout's location does not matter.
 */
import { spawn, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { builtinModules } from "node:module";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type { Metafile } from "esbuild";
import { beforeAll, describe, expect, it } from "vitest";
import { SECRET_VARIABLES } from "../components/runtime-env.js";
import { repoRoot } from "../settings.js";
import {
  dockerIgnored,
  dockerfileViolations,
  execForm,
  healthcheck,
  keyValues,
  parseDockerfile,
  readDockerignore,
} from "../testing/dockerfile.js";
import { productionClosure, stageImageTree } from "../testing/image-tree.js";
import { freePort } from "@stellarr/testkit/server-process";
import { ensureNodeBundle, NODE_BUNDLE_FILES, NODE_DIST_DIR, NODE_ENTRIES, NODE_METAFILE } from "@stellarr/testkit/node-bundle";

const dockerfile = readFileSync(path.join(repoRoot, "Dockerfile"), "utf8");
const ignore = readDockerignore(readFileSync(path.join(repoRoot, ".dockerignore"), "utf8"));
const contextHas = (src: string) => existsSync(path.join(repoRoot, src)) && !dockerIgnored(ignore, src.replace(/\/+$/, ""));
const lint = (text: string) => dockerfileViolations(text, { secretNames: SECRET_VARIABLES, contextHas });
const { stages } = parseDockerfile(dockerfile);
const final = stages[stages.length - 1]!;
const finalEnv = Object.assign({}, ...final.instructions.filter((i) => i.keyword === "ENV").map((i) => keyValues(i.args))) as Record<
  string,
  string
>;
const cmd = execForm(final.instructions.filter((i) => i.keyword === "CMD").pop()!.args)!;
const health = healthcheck(final.instructions.filter((i) => i.keyword === "HEALTHCHECK").pop()!.args);

// The image's CMD runs the prebuilt server bundle: build it here (as the Dockerfile's bundle stage does) when missing or stale.
beforeAll(() => ensureNodeBundle("server", { log: () => {} }), 120_000);

describe("Dockerfile lint", () => {
  it("passes every rule", () => {
    expect(lint(dockerfile)).toEqual([]);
  });

  it("is multi-stage, small and shaped like the repository at run time", () => {
    expect(stages.map((s) => s.name)).toEqual(["ui", "bundle", "deps", "runtime"]);
    expect(final.from).toBe("${NODE_IMAGE}");
    expect(finalEnv).toMatchObject({ NODE_ENV: "production", HOST: "0.0.0.0", PORT: "8080", DATA_DIR: "/data" });
    expect(final.instructions.find((i) => i.keyword === "VOLUME")?.args).toBe('["/data"]');
    expect(final.instructions.filter((i) => i.keyword === "USER").map((i) => i.args)).toEqual(["node"]);
    expect(cmd).toEqual(["node", "runtime/dist/node/server.mjs"]);
    expect(health.command?.[0]).toBe("node");
    expect(health.options).toMatchObject({ interval: "30s", timeout: "5s" });
  });

  it("runs the prebuilt server bundle: built in its own stage, no TypeScript sources or tooling at run time", () => {
    const bundle = stages.find((s) => s.name === "bundle")!;
    expect(bundle.instructions.filter((i) => i.keyword === "RUN").map((i) => i.args)).toContain(
      "node --import tsx runtime/build/node-bundle.ts",
    );
    const copies = final.instructions.filter((i) => i.keyword === "COPY").map((i) => i.args);
    expect(copies).toContain("--from=bundle /src/runtime/dist/node runtime/dist/node");
    expect(copies.some((c) => /runtime\/(src|build)\b/.test(c))).toBe(false);
    expect(cmd.join(" ")).not.toMatch(/tsx|--import|--loader|\.ts\b/);
  });

  it("keeps local state, secrets and other workspaces out of the build context", () => {
    for (const f of [
      ".env",
      "runtime/.env",
      "data/stellarr.db",
      "node_modules/x",
      "runtime/node_modules/x",
      ".git/HEAD",
      "stacks/index.ts",
      "policies/index.ts",
      "testkit/src/index.ts",
      "ui/dist/index.html",
      "ui/dist.building-123/index.html",
      "Pulumi.prod.yaml",
    ]) {
      expect(dockerIgnored(ignore, f), f).toBe(true);
    }
    for (const f of [
      "stacks/package.json",
      "policies/package.json",
      "testkit/package.json",
      "runtime/src/entries/node.ts",
      "runtime/build/node-bundle.ts",
      "ui/src/main.ts",
      "package-lock.json",
      "Dockerfile",
    ]) {
      expect(dockerIgnored(ignore, f), f).toBe(false);
    }
  });

  it.each([
    ["a root final stage", (t: string) => t.replace(/^USER node$/m, ""), "final stage runs as root (no USER)"],
    ["an explicit root user", (t: string) => t.replace(/^USER node$/m, "USER root"), "final stage runs as root"],
    [
      "a baked-in secret",
      (t: string) => t.replace(/^ENV NODE_ENV=production/m, "ENV APP_SECRET_KEY=abc NODE_ENV=production"),
      "bakes a secret into the image",
    ],
    [
      "a token build argument",
      (t: string) => t.replace(/^ARG NODE_IMAGE=/m, "ARG FEED_TOKEN=x\nARG NODE_IMAGE="),
      "ARG FEED_TOKEN bakes a secret",
    ],
    [
      "a curl healthcheck",
      (t: string) => t.replace(/CMD \["node", "-e", .*\]$/m, 'CMD ["curl", "-f", "http://127.0.0.1:8080/api/ready"]'),
      "HEALTHCHECK needs curl/wget",
    ],
    ["no healthcheck", (t: string) => t.replace(/^HEALTHCHECK[\s\S]*?\n(?=CMD)/m, ""), "no HEALTHCHECK"],
    [
      "a single stage",
      (t: string) =>
        t
          .split(/^FROM \$\{NODE_IMAGE\} AS runtime$/m)[1]!
          .replace(/^/, "FROM node:22\n")
          .replace(/COPY --from=\S+ .*\n/g, ""),
      "not a multi-stage build",
    ],
    [
      "a shell-form CMD",
      (t: string) => t.replace(/^CMD \[.*\]$/m, "CMD node runtime/dist/node/server.mjs"),
      "CMD missing or not in exec form",
    ],
    ["copying the whole context", (t: string) => t.replace("COPY runtime/src runtime/src", "COPY . ."), "copies the whole context"],
    [
      "a missing source",
      (t: string) => t.replace("COPY runtime/src runtime/src", "COPY runtime/nope runtime/src"),
      "runtime/nope is not in the build context",
    ],
  ])("catches %s", (_label, mutate, expected) => {
    const violations = lint(mutate(dockerfile));
    expect(
      violations.some((x) => x.includes(expected)),
      violations.join("\n"),
    ).toBe(true);
  });
});

describe("the production install", () => {
  it("can run `npm ci` in the image: the lockfile matches every package.json the Dockerfile copies", () => {
    const lock = JSON.parse(readFileSync(path.join(repoRoot, "package-lock.json"), "utf8"));
    const sorted = (o: Record<string, string> | undefined) =>
      Object.fromEntries(Object.entries(o ?? {}).sort(([a], [b]) => a.localeCompare(b)));
    const copied = dockerfile.match(/^COPY (?:\S+\/)?package\.json\b.*$/gm)!.map((l) => l.split(/\s+/)[1]!);
    expect(copied).toEqual(
      expect.arrayContaining([
        "runtime/package.json",
        "ui/package.json",
        "stacks/package.json",
        "policies/package.json",
        "testkit/package.json",
      ]),
    );
    for (const file of new Set(copied.filter((f) => f.endsWith("package.json")))) {
      const workspace = path.dirname(file) === "." ? "" : path.dirname(file);
      const pkg = JSON.parse(readFileSync(path.join(repoRoot, file), "utf8"));
      const locked = lock.packages[workspace];
      expect(locked, `${file} in package-lock.json`).toBeDefined();
      for (const field of ["dependencies", "devDependencies", "optionalDependencies"]) {
        expect(sorted(locked[field]), `${file} ${field}`).toEqual(sorted(pkg[field]));
      }
    }
  });

  it("copies every workspace's package.json into each stage that runs npm ci", () => {
    const workspaces = JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8")).workspaces as string[];
    const installing = stages.filter((s) => s.instructions.some((i) => i.keyword === "RUN" && /\bnpm ci\b/.test(i.args)));
    expect(installing.map((s) => s.name)).toEqual(["ui", "bundle", "deps"]);
    for (const stage of installing) {
      const copied = stage.instructions.filter((i) => i.keyword === "COPY").map((i) => i.args.split(/\s+/)[0]);
      for (const ws of workspaces) expect(copied, `${stage.name} copies ${ws}/package.json`).toContain(`${ws}/package.json`);
    }
  });

  it("has every package the server bundle loads at run time among the runtime's production dependencies (npm ci --omit=dev -w runtime)", () => {
    const pkg = JSON.parse(readFileSync(path.join(repoRoot, "runtime", "package.json"), "utf8"));
    const prod = new Set(Object.keys(pkg.dependencies ?? {}));
    expect(path.join(repoRoot, cmd[cmd.length - 1]!)).toBe(path.join(NODE_DIST_DIR, NODE_BUNDLE_FILES.server));
    const meta = JSON.parse(readFileSync(NODE_METAFILE, "utf8")) as Metafile;
    const server = Object.values(meta.outputs).find((o) => o.entryPoint === NODE_ENTRIES.server)!;
    const packageOf = (spec: string) => (spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0]!);
    const used = new Set(
      server.imports
        .filter((i) => i.external && !i.path.startsWith("node:") && !builtinModules.includes(i.path))
        .map((i) => packageOf(i.path)),
    );
    expect(used.has("web-push")).toBe(true);
    // better-sqlite3's native addon is required by path from the installed package (runtime/build/bindings-shim.cjs).
    used.add("better-sqlite3");
    for (const p of used) expect(prod.has(p), `${p} is a production dependency of runtime`).toBe(true);
    // Nothing of the TypeScript tooling is needed to run it.
    for (const dev of ["tsx", "esbuild", "typescript"]) expect(prod.has(dev), dev).toBe(false);
  });
});

/**
 * Runs a command as `nobody` when we are root (as the image's USER would), else as ourselves.
 * setpriv execs the command itself (runuser would stay in between and swallow SIGTERM's exit code).
 */
function asUnprivileged(argv: string[]): string[] {
  if (process.getuid?.() !== 0) return argv;
  return ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--", ...argv];
}
const setprivMissing = process.getuid?.() === 0 && spawnSync("setpriv", ["--version"]).error !== undefined;

/** Why the unprivileged user cannot read the laid-out /app (e.g. TMPDIR under /root), or null. */
function unreadable(app: string): string | null {
  const probe = asUnprivileged([
    process.execPath,
    "-e",
    "require('fs').accessSync(process.argv[1], require('fs').constants.R_OK)",
    path.join(app, "package.json"),
  ]);
  const r = spawnSync(probe[0]!, probe.slice(1), { encoding: "utf8" });
  const cause = /\b(E[A-Z]+): [^\n]*/.exec(r.stderr)?.[0] ?? `exit ${r.status}`;
  return r.status === 0 ? null : `${app} is not readable by uid 65534 (${cause}); set TMPDIR to a directory it can enter`;
}

describe.skipIf(setprivMissing)("the image's start and healthcheck commands as an unprivileged user", () => {
  it("serve, pass the healthcheck, write only DATA_DIR, and stop on SIGTERM", async (ctx) => {
    // /app as the image holds it, root-owned and read-only for the app user, wherever the checkout lives.
    let app: string;
    try {
      app = stageImageTree(repoRoot);
    } catch (err) {
      const reason = `cannot lay out the image's /app: ${err instanceof Error ? err.message : String(err)}`;
      if (process.env.CI === "true") throw new Error(reason);
      console.warn(`skipped: ${reason}`);
      return ctx.skip(reason);
    }
    try {
      const why = unreadable(app);
      if (why !== null) {
        if (process.env.CI === "true") throw new Error(why);
        console.warn(`skipped: ${why}`);
        return ctx.skip(why);
      }
      await serveFromImageTree(app);
    } finally {
      rmSync(app, { recursive: true, force: true });
    }
  }, 180_000);
});

async function serveFromImageTree(app: string): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "stellarr-image-data-"));
  if (process.getuid?.() === 0) chownSync(dataDir, 65534, 65534);
  const port = await freePort();
  // The image's ENV, with a free port, a private DATA_DIR, and loopback instead of 0.0.0.0 (tests stay on 127.0.0.1).
  const env = { PATH: process.env.PATH!, ...finalEnv, PORT: String(port), DATA_DIR: dataDir, HOST: "127.0.0.1" };
  const [bin, ...rest] = asUnprivileged(cmd);
  const child = spawn(bin!, rest, { cwd: app, env, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (c) => resolve(c)));
  const check = () => {
    const [hb, ...hr] = asUnprivileged(health.command!);
    return spawnSync(hb!, hr, { cwd: app, env, encoding: "utf8", timeout: 20_000 }).status;
  };
  try {
    const deadline = Date.now() + 60_000;
    let status = check();
    while (status !== 0 && child.exitCode === null && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      status = check();
    }
    expect(status, out).toBe(0);
    // State lands in DATA_DIR (database, generated secrets), owned by the unprivileged user.
    const files = readdirSync(dataDir);
    expect(files).toContain("stellarr.db");
    if (process.getuid?.() === 0) expect(statSync(path.join(dataDir, "stellarr.db")).uid).toBe(65534);
  } finally {
    child.kill("SIGTERM");
  }
  expect(await exited).toBe(0);
  // Nothing listening any more: the healthcheck now fails.
  expect(check()).not.toBe(0);
  rmSync(dataDir, { recursive: true, force: true });
}

describe("the image's /app layout", () => {
  it("resolves the runtime's production dependencies as Node would, from package-lock.json", () => {
    const lock = {
      packages: {
        runtime: { dependencies: { a: "1", "@s/b": "1" } },
        "node_modules/a": { dependencies: { c: "1" }, optionalDependencies: { gone: "1" } },
        "node_modules/a/node_modules/c": { dependencies: { d: "1" } },
        "node_modules/c": {},
        "node_modules/d": {},
        "node_modules/@s/b": { peerDependencies: { a: "1", p: "1" }, peerDependenciesMeta: { p: { optional: true } } },
        "node_modules/dev-only": { dev: true },
      },
    };
    expect(productionClosure(lock, "runtime")).toEqual([
      "node_modules/@s/b",
      "node_modules/a",
      "node_modules/a/node_modules/c",
      "node_modules/d",
    ]);
    expect(() => productionClosure({ packages: { runtime: { dependencies: { x: "1" } } } }, "runtime")).toThrow(
      "runtime needs x, which package-lock.json does not hold",
    );
  });
});

describe("Dockerfile reader", () => {
  it("joins continuations, keeps stages apart and reads ENV pairs", () => {
    const parsed = parseDockerfile('ARG A=1\nFROM x AS one\nRUN a \\\n  # note\n  b\nFROM y\nENV K=v Q="w z"\n');
    expect(parsed.args.map((a) => a.args)).toEqual(["A=1"]);
    expect(parsed.stages.map((s) => [s.from, s.name, s.instructions.map((i) => i.args)])).toEqual([
      ["x", "one", ["a    b"]],
      ["y", undefined, ['K=v Q="w z"']],
    ]);
    expect(keyValues('K=v Q="w z"')).toEqual({ K: "v", Q: "w z" });
    expect(keyValues("LEGACY value here")).toEqual({ LEGACY: "value here" });
  });
});
