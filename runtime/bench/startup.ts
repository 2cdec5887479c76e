/**
 * Start-up as users and Lambda see it, medians of `BENCH_START_RUNS` fresh processes (default 7),
 * warm page cache (a first, unmeasured run loads every file):
 *
 * - embedded server: process start → first healthy `GET /api/health` answer, for `node scripts/start.mjs`
 *   (the prebuilt bundle), `npm start` (the same plus npm itself) and `npm run dev` (the TypeScript
 *   sources through tsx), on an existing data directory (a restart) and, for start.mjs, a fresh one
 *   (first start: secrets generated, database created); with the CPU time the process tree used by
 *   then (user + system from /proc), steadier than wall time on a busy machine. Next to them, a
 *   one-line `node:http` server: the floor Node itself sets on this machine.
 * - the `stellarr` command: `stellarr --help`, process start → exit, with its CPU time.
 * - API Lambda bundle: a fresh `node` process imports `dist/lambda/api/index.mjs` and invokes its
 *   handler with a Function URL event for `GET /api/health`, as Lambda would, against dynalite and
 *   the Secrets Manager fake: process start → first response, split into the init (the import) and
 *   the first invocation, then a second invocation; and again with the Secrets Manager fake answering
 *   25 ms later, as a remote service would (`lambda.api.sm_25ms.*`).
 */
import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { ensureNodeBundle } from "../build/prebuilt.mjs";
import { startSecretsManagerFake } from "@stellarr/testkit/fakes/secrets-manager";
import { copyBundle } from "../test/lambda/bundle-process.js";
import { createDynaliteStore, TEST_CREDENTIALS } from "@stellarr/testkit/dynalite";
import { lambdaApiEnv } from "@stellarr/testkit/lambda-env";
import { freePort } from "@stellarr/testkit/server-process";
import type { Figure } from "./index.js";

const ROOT = resolve(fileURLToPath(import.meta.url), "../../..");
const RUNS = Number(process.env.BENCH_START_RUNS ?? 7);
const SECRET = "bench-secret-key-0123456789abcdef";
/** A Secrets Manager answer as far away as AWS's (see `lambdaFigures`). */
const LAMBDA_SM_LATENCY_MS = 25;

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const round = (n: number): number => Math.round(n * 10) / 10;
const now = (): number => performance.timeOrigin + performance.now();

/** CPU time (user + system) of every live process in a process group, ms (Linux; NaN elsewhere). */
function groupCpuMs(pgid: number): number {
  let ticks = 0;
  try {
    for (const pid of readdirSync("/proc")) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
        // After the parenthesised command: state is field 3, pgrp 5, utime 14, stime 15.
        const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        if (Number(f[2]) === pgid) ticks += Number(f[11]) + Number(f[12]);
      } catch {
        // The process ended meanwhile.
      }
    }
  } catch {
    return NaN;
  }
  return ticks * 10; // USER_HZ = 100
}

interface StartSample {
  wallMs: number;
  cpuMs: number;
}

/** Starts `argv`, polls /api/health every 2 ms until 200, then SIGTERMs the whole process group. */
async function startOnce(argv: string[], dataDir: string): Promise<StartSample> {
  const port = await freePort();
  const t0 = now();
  const child = spawn(argv[0]!, argv.slice(1), {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      APP_SECRET_KEY: SECRET,
      PRESHARED_PASSWORD: "bench password",
      LOG_LEVEL: "error",
    },
    stdio: ["ignore", "ignore", "inherit"],
    // Its own process group: npm's children are measured and stopped with it.
    detached: true,
  });
  const exited = new Promise((r) => child.once("exit", r));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${argv.join(" ")} exited with ${child.exitCode}`);
      const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      await new Promise((r) => setTimeout(r, 2));
    }
    return { wallMs: now() - t0, cpuMs: groupCpuMs(child.pid!) };
  } finally {
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {}
    await exited;
  }
}

/** Median start → first healthy answer over RUNS runs; `fresh` gives each run a new data directory. */
async function startFigures(name: string, argv: string[], opts: { fresh?: boolean } = {}): Promise<Figure[]> {
  const shared = await mkdtemp(join(tmpdir(), "stellarr-bench-start-"));
  const samples: StartSample[] = [];
  try {
    // Unmeasured: loads every file into the page cache and (for restarts) creates the data directory.
    await startOnce(argv, shared);
    for (let i = 0; i < RUNS; i++) {
      const dir = opts.fresh ? await mkdtemp(join(tmpdir(), "stellarr-bench-start-")) : shared;
      try {
        samples.push(await startOnce(argv, dir));
      } finally {
        if (opts.fresh) await rm(dir, { recursive: true, force: true });
      }
    }
  } finally {
    await rm(shared, { recursive: true, force: true });
  }
  return [
    { name: `startup.${name}.first_healthy`, value: round(median(samples.map((s) => s.wallMs))), unit: "ms" },
    { name: `startup.${name}.first_healthy_cpu`, value: round(median(samples.map((s) => s.cpuMs))), unit: "ms" },
  ];
}

/**
 * `stellarr --help` (bin/stellarr.mjs: stamp check, cli.mjs), process start → exit, median of RUNS:
 * wall time and the process's own CPU time (a preload prints `process.cpuUsage()` at exit).
 */
async function cliFigures(): Promise<Figure[]> {
  const cpuAtExit = `data:text/javascript,process.on("exit",()=>{const c=process.cpuUsage();process.stderr.write("CPU "+(c.user+c.system)/1000+"\\n")})`;
  const once = async (): Promise<StartSample> => {
    const t0 = now();
    const child = spawn(process.execPath, ["--import", cpuAtExit, join(ROOT, "runtime/bin/stellarr.mjs"), "--help"], {
      cwd: ROOT,
      stdio: ["ignore", "ignore", "pipe"],
    });
    let err = "";
    child.stderr.setEncoding("utf8").on("data", (d: string) => (err += d));
    const code = await new Promise((r) => child.once("exit", r));
    const cpu = /CPU ([\d.]+)/.exec(err);
    if (code !== 0 || !cpu) throw new Error(`stellarr --help exited with ${String(code)}: ${err}`);
    return { wallMs: now() - t0, cpuMs: Number(cpu[1]) };
  };
  await once(); // unmeasured: page cache
  const samples: StartSample[] = [];
  for (let i = 0; i < RUNS; i++) samples.push(await once());
  return [
    { name: "startup.stellarr_help.exit", value: round(median(samples.map((s) => s.wallMs))), unit: "ms" },
    { name: "startup.stellarr_help.cpu", value: round(median(samples.map((s) => s.cpuMs))), unit: "ms" },
  ];
}

const BARE_SERVER = `require("node:http").createServer((q, s) => s.end("{}")).listen(process.env.PORT, process.env.HOST);`;

const LAMBDA_DRIVER = (bundleUrl: string, event: unknown) => `
const { handler } = await import(${JSON.stringify(bundleUrl)});
const imported = performance.now();
const first = await handler(${JSON.stringify(event)});
const answered = performance.now();
const second = await handler(${JSON.stringify(event)});
const again = performance.now();
const cpu = process.cpuUsage();
process.stdout.write(JSON.stringify({
  status: [first.statusCode, second.statusCode],
  imported, answered, answeredAt: performance.timeOrigin + answered, second: again - answered,
  cpu: (cpu.user + cpu.system) / 1000,
}));
`;

interface LambdaSample {
  firstResponse: number;
  init: number;
  invocation: number;
  second: number;
  cpu: number;
}

/**
 * `smLatencyMs`: how long the Secrets Manager fake takes to answer. 0 is loopback; AWS's own is
 * tens of milliseconds away (a new connection: DNS, TCP and TLS handshakes, then the call), the
 * round trip the entry overlaps with loading the app (entries/lambda.ts).
 */
async function lambdaFigures(smLatencyMs = 0): Promise<Figure[]> {
  const [sm, table, bundle, work] = await Promise.all([
    startSecretsManagerFake({ accessKeyId: TEST_CREDENTIALS.accessKeyId, latencyMs: smLatencyMs }),
    createDynaliteStore(),
    copyBundle("api"),
    mkdtemp(join(tmpdir(), "stellarr-bench-lambda-")),
  ]);
  try {
    sm.put("stellarr/app", {
      APP_SECRET_KEY: SECRET,
      PRESHARED_PASSWORD: "bench password",
      TMDB_API_KEY: "bench-tmdb-key",
      ORIGIN_VERIFY_SECRET: "bench-origin-verify",
      BASE_URL: "https://stellarr.example.com",
    });
    const host = "abcdefghijklmnop.lambda-url.us-east-1.on.aws";
    const event = {
      version: "2.0",
      rawPath: "/api/health",
      rawQueryString: "",
      headers: { host, "x-origin-verify": "bench-origin-verify", "cloudfront-viewer-address": "203.0.113.50:51234" },
      requestContext: { domainName: host, http: { method: "GET", sourceIp: "130.176.0.10" } },
      isBase64Encoded: false,
    };
    const driver = join(work, "driver.mjs");
    await writeFile(driver, LAMBDA_DRIVER(pathToFileURL(join(bundle.dir, "index.mjs")).href, event));
    const env = {
      PATH: process.env.PATH ?? "",
      ...lambdaApiEnv({ secretsManagerUrl: sm.url, table, secretId: "stellarr/app" }),
      AWS_SESSION_TOKEN: "session-token",
      LOG_LEVEL: "error",
    };
    const once = (): Promise<LambdaSample> =>
      new Promise((ok, fail) => {
        const t0 = now();
        const child = spawn(process.execPath, [driver], { cwd: work, env, stdio: ["ignore", "pipe", "inherit"] });
        let out = "";
        child.stdout.setEncoding("utf8").on("data", (d: string) => (out += d));
        child.once("exit", (code) => {
          try {
            const r = JSON.parse(out) as {
              status: number[];
              imported: number;
              answered: number;
              answeredAt: number;
              second: number;
              cpu: number;
            };
            if (code !== 0 || r.status.some((s) => s !== 200)) throw new Error(`status ${r.status.join(",")}`);
            ok({ firstResponse: r.answeredAt - t0, init: r.imported, invocation: r.answered - r.imported, second: r.second, cpu: r.cpu });
          } catch (err) {
            fail(new Error(`Lambda driver (exit ${code}): ${err instanceof Error ? err.message : String(err)}: ${out}`));
          }
        });
      });
    await once(); // unmeasured: page cache
    const samples: LambdaSample[] = [];
    for (let i = 0; i < RUNS; i++) samples.push(await once());
    const prefix = smLatencyMs ? `lambda.api.sm_${smLatencyMs}ms` : "lambda.api";
    const fig = (name: string, pick: (s: LambdaSample) => number): Figure => ({
      name: `${prefix}.${name}`,
      value: round(median(samples.map(pick))),
      unit: "ms",
    });
    if (smLatencyMs) return [fig("first_response", (s) => s.firstResponse), fig("init", (s) => s.init), fig("process_cpu", (s) => s.cpu)];
    return [
      fig("first_response", (s) => s.firstResponse),
      fig("init", (s) => s.init),
      fig("first_invocation", (s) => s.invocation),
      fig("second_invocation", (s) => s.second),
      fig("process_cpu", (s) => s.cpu),
      { name: "lambda.api.first_response_budget", value: 120, unit: "ms" },
    ];
  } finally {
    await Promise.all([sm.close(), table.cleanup(), bundle.cleanup(), rm(work, { recursive: true, force: true })]);
  }
}

export async function bench(): Promise<Figure[]> {
  // What `npm start` would build first; the figures are about starting, not building.
  await ensureNodeBundle("server");
  const figures: Figure[] = [];
  const bare = join(tmpdir(), `stellarr-bench-bare-${process.pid}.cjs`);
  await writeFile(bare, BARE_SERVER);
  try {
    figures.push(...(await startFigures("bare_node_http", [process.execPath, bare])));
  } finally {
    await rm(bare, { force: true });
  }
  figures.push(...(await startFigures("start_mjs", [process.execPath, join(ROOT, "scripts/start.mjs")])));
  figures.push(...(await startFigures("start_mjs.first_start", [process.execPath, join(ROOT, "scripts/start.mjs")], { fresh: true })));
  figures.push(...(await startFigures("npm_start", ["npm", "start", "--silent"])));
  figures.push(...(await startFigures("dev_tsx", [process.execPath, "--import", "tsx", join(ROOT, "runtime/src/entries/node.ts")])));
  figures.push({ name: "startup.first_healthy_budget", value: 150, unit: "ms" });
  figures.push(...(await cliFigures()));
  figures.push(...(await lambdaFigures()));
  figures.push(...(await lambdaFigures(LAMBDA_SM_LATENCY_MS)));
  return figures;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  for (const f of await bench()) process.stdout.write(`${f.name} ${f.value} ${f.unit}\n`);
  process.exit(0);
}
