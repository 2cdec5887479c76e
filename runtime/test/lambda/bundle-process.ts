/**
 * Runs a BUILT Lambda bundle in a child `node` process, the way Lambda does: a real `.mjs` file
 * imports `index.mjs` and calls `handler(event)` for each event (one container, many invocations).
 * A module loader hook records every file the process loads, so tests can see which chunks a cold
 * start and each invocation pulled in.
 *
 * With `{ remainingMs }` an invocation gets a Lambda context whose `getRemainingTimeInMillis()` counts
 * down from it, and the driver plays Lambda's timeout: a handler still running when it reaches zero
 * gets no answer through (the invocation fails as "timed out", as a Function URL's bare 502 would),
 * and the process is killed.
 *
 * `copyBundle(name)` builds `dist/lambda/<name>` when it is missing or older than the sources (under
 * a lock directory shared by parallel test files) and copies it to a temp directory, so each process
 * runs from its own copy and a rebuild elsewhere cannot swap chunks under a running test.
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Metafile } from "esbuild";
import { TEST_CREDENTIALS, TEST_REGION } from "@stellarr/testkit/dynalite";
import { buildBundle, DIST_DIR, metafilePath, RUNTIME_DIR, type BundleName } from "../../build/bundle.js";

const LOCK = join(DIST_DIR, "..", ".lambda-build.lock");

async function newestMtime(dir: string): Promise<number> {
  let newest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    newest = Math.max(newest, (await stat(join(entry.parentPath, entry.name))).mtimeMs);
  }
  return newest;
}

async function isFresh(name: BundleName): Promise<boolean> {
  try {
    const built = (await stat(metafilePath(name))).mtimeMs;
    const sources = Math.max(await newestMtime(join(RUNTIME_DIR, "src")), await newestMtime(join(RUNTIME_DIR, "build")));
    return built >= sources;
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs `fn` holding the build lock (a directory: atomic to create), shared by parallel test files. */
async function withBuildLock<T>(fn: () => Promise<T>): Promise<T> {
  await mkdir(join(DIST_DIR, ".."), { recursive: true });
  for (let waited = 0; ; waited += 250) {
    try {
      await mkdir(LOCK);
    } catch {
      // Someone else is building or copying; a lock left by a crashed run expires.
      const age = Date.now() - (await stat(LOCK).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs;
      if (age > 180_000) await rm(LOCK, { recursive: true, force: true });
      if (waited > 300_000) throw new Error("timed out waiting for another process to build the Lambda bundles");
      await sleep(250);
      continue;
    }
    try {
      return await fn();
    } finally {
      await rm(LOCK, { recursive: true, force: true });
    }
  }
}

const buildIfStale = async (name: BundleName): Promise<void> => {
  if (!(await isFresh(name))) await buildBundle(name);
};

/** Builds the bundles unless fresh ones exist (sources edited since the last build make them stale). */
export async function ensureBundles(names: BundleName[] = ["api", "warmer"]): Promise<void> {
  await withBuildLock(async () => {
    for (const name of names) await buildIfStale(name);
  });
}

/**
 * A fresh build of one bundle, copied (+ its metafile) to a private temp directory under the build
 * lock, so a rebuild by another test file cannot swap chunks under a running process.
 */
export async function copyBundle(name: BundleName): Promise<{ dir: string; metafile: Metafile; cleanup(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), `stellarr-${name}-`));
  const metafile = await withBuildLock(async () => {
    await buildIfStale(name);
    await cp(join(DIST_DIR, name), dir, { recursive: true });
    return JSON.parse(await readFile(metafilePath(name), "utf8")) as Metafile;
  });
  return { dir, metafile, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Output chunk file names (relative to the bundle dir) whose inputs match `input`. */
export function chunksContaining(metafile: Metafile, input: RegExp): string[] {
  return Object.entries(metafile.outputs)
    .filter(([file, out]) => file.endsWith(".mjs") && Object.keys(out.inputs).some((i) => input.test(i)))
    .map(([file]) => file.replace(/^.*\/(chunks\/[^/]+|index\.mjs)$/, "$1"));
}

export interface Invocation<R> {
  result: R;
  /** With `remainingMs`: when (epoch ms, this machine's clock) the context's remaining time reached zero. */
  endsAt?: number;
  /** Files of the bundle directory loaded so far in this process (relative paths). */
  loaded: string[];
  /**
   * Node's fetch classes (undici's JavaScript) have loaded in this process so far: the first read
   * of `Headers`, `Request` or `Response`, or a `fetch`, loads them (`process.moduleLoadList`).
   */
  fetchClassesLoaded: boolean;
}

export interface BundleProcess {
  invoke<R = unknown>(event: unknown, opts?: { remainingMs?: number }): Promise<Invocation<R>>;
  /** Lines the process printed that were not protocol messages (the JSON logs). */
  logs: string[];
  close(): Promise<void>;
}

const HOOKS = `
import { appendFileSync } from "node:fs";
let log;
export function initialize(data) { log = data.log; }
export async function load(url, context, next) {
  // Written before the module is handed back: by the time import() settles, the file lists it.
  if (url.startsWith("file:")) appendFileSync(log, url + "\\n");
  return next(url, context);
}
`;

const DRIVER = (bundleUrl: string, hooksUrl: string, logFile: string) => `
import { register } from "node:module";
import { createInterface } from "node:readline";
register(${JSON.stringify(hooksUrl)}, import.meta.url, { data: { log: ${JSON.stringify(logFile)} } });
const { handler } = await import(${JSON.stringify(bundleUrl)});
const undici = () => process.moduleLoadList.some((m) => m.includes("undici"));
const out = (msg) => process.stdout.write("@@" + JSON.stringify({ ...msg, undici: undici() }) + "\\n");
out({ ready: true });
for await (const line of createInterface({ input: process.stdin })) {
  const { id, event, remainingMs } = JSON.parse(line);
  let context;
  let endsAt;
  let killer;
  if (typeof remainingMs === "number") {
    endsAt = Date.now() + remainingMs;
    context = { getRemainingTimeInMillis: () => Math.max(0, endsAt - Date.now()), awsRequestId: "req-" + id, functionName: "stellarr-test-api" };
    // Lambda's timeout: whatever the handler does after this never reaches the caller.
    killer = setTimeout(() => {
      out({ id, thrown: "Task timed out after " + remainingMs + " ms (the Lambda timeout)", endsAt });
      process.exit(1);
    }, Math.max(0, remainingMs));
  }
  try {
    const result = await handler(event, context);
    clearTimeout(killer);
    out({ id, result, endsAt });
  } catch (err) {
    clearTimeout(killer);
    out({ id, thrown: String(err && err.stack || err), endsAt });
  }
}
`;

/** Starts `node driver.mjs` importing `<dir>/index.mjs` with exactly `env` (plus PATH). */
export async function startBundleProcess(dir: string, env: Record<string, string>): Promise<BundleProcess> {
  const work = await mkdtemp(join(tmpdir(), "stellarr-driver-"));
  const hooks = join(work, "hooks.mjs");
  const driver = join(work, "driver.mjs");
  const loadLog = join(work, "loaded.log");
  await writeFile(loadLog, "");
  await writeFile(hooks, HOOKS);
  await writeFile(driver, DRIVER(pathToFileURL(join(dir, "index.mjs")).href, pathToFileURL(hooks).href, loadLog));

  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [driver], {
    cwd: work,
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  const logs: string[] = [];
  const stderr: string[] = [];
  const waiting = new Map<number, (msg: { result?: unknown; thrown?: string; endsAt?: number; undici?: boolean }) => void>();
  let onReady: (() => void) | null = null;
  let exited: string | null = null;
  let buffer = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    buffer += chunk;
    let nl;
    while ((nl = buffer.indexOf("\n")) >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      if (!line.startsWith("@@")) {
        logs.push(line);
        continue;
      }
      const msg = JSON.parse(line.slice(2)) as {
        id?: number;
        ready?: boolean;
        result?: unknown;
        thrown?: string;
        endsAt?: number;
        undici?: boolean;
      };
      if (msg.ready) onReady?.();
      else if (msg.id !== undefined) waiting.get(msg.id)?.(msg);
    }
  });
  child.stderr.setEncoding("utf8").on("data", (c: string) => stderr.push(c));
  const failAll = () => {
    for (const resolve of waiting.values()) resolve({ thrown: `process exited: ${exited}\n${stderr.join("")}` });
    waiting.clear();
  };
  child.on("exit", (code, signal) => {
    exited = `code ${code} signal ${signal}`;
    failAll();
    onReady?.();
  });
  await new Promise<void>((resolve) => (onReady = resolve));
  if (exited) throw new Error(`bundle process failed to start (${exited}):\n${stderr.join("")}`);

  const loaded = async (): Promise<string[]> => {
    const prefix = pathToFileURL(dir).href + "/";
    const lines = (await readFile(loadLog, "utf8")).split("\n").filter((l) => l.startsWith(prefix));
    return [...new Set(lines.map((l) => l.slice(prefix.length)))];
  };

  let ids = 0;
  return {
    logs,
    async invoke<R>(event: unknown, opts: { remainingMs?: number } = {}): Promise<Invocation<R>> {
      const id = ++ids;
      const msg = await new Promise<{ result?: unknown; thrown?: string; endsAt?: number; undici?: boolean }>((resolve) => {
        if (exited) return resolve({ thrown: `process exited: ${exited}` });
        waiting.set(id, resolve);
        child.stdin.write(JSON.stringify({ id, event, remainingMs: opts.remainingMs }) + "\n");
      });
      waiting.delete(id);
      if (msg.thrown !== undefined) throw new Error(`handler threw: ${msg.thrown}`);
      return { result: msg.result as R, endsAt: msg.endsAt, loaded: await loaded(), fetchClassesLoaded: msg.undici === true };
    },
    async close() {
      if (!exited) {
        child.stdin.end();
        await new Promise((r) => child.once("exit", r));
      }
      await rm(work, { recursive: true, force: true });
    },
  };
}

/**
 * The environment a bundle reads AWS from, pointed at the local fakes: test credentials, the
 * Secrets Manager fake's configuration secret and a DynamoDB table (dynalite).
 */
export function awsFakesEnv(secretsManagerUrl: string, table: { tableName: string; endpoint: string }): Record<string, string> {
  return {
    AWS_REGION: TEST_REGION,
    AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
    SECRET_ID: "stellarr/app",
    SECRETS_MANAGER_ENDPOINT: secretsManagerUrl,
    TABLE_NAME: table.tableName,
    DYNAMODB_ENDPOINT: table.endpoint,
  };
}
