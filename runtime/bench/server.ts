/**
 * The embedded server as users run it (a separate Node process on loopback), measured from this
 * process with autocannon: req/s, p50/p99 and the server's CPU time per request per endpoint at 10
 * and 50 connections, with 100, 10,000 and 100,000 stored items, and the server's peak RSS.
 * (Start-up figures — `node scripts/start.mjs`, `npm start`, the Lambda bundle — are startup.ts's.)
 * Durations are short and fixed so the whole module takes about two minutes on 2 cores.
 *
 * CPU per request is the server process's utime + stime (all its threads, from `/proc/<pid>/stat`)
 * over a run divided by the requests answered: steadier than req/s on a shared machine, where the
 * load generator and other processes compete for the same cores.
 */
import autocannon from "autocannon";
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createSqliteStore } from "../src/adapters/store/sqlite/index.js";
import { sessionKey, signToken } from "../src/domain/auth/token.js";
import { startTmdbFake } from "@stellarr/testkit/fakes/tmdb";
import type { Figure } from "./index.js";

const ROOT = resolve(fileURLToPath(import.meta.url), "../../..");
// Absolute, so the child can run with any working directory (its DATA_DIR).
const TSX_LOADER = import.meta.resolve("tsx");
const SECRET = "bench-secret-key-0123456789abcdef";
const PASSWORD = "bench password";
const WEBHOOK_TOKEN = "bench-webhook-token";
const DURATION_S = Number(process.env.BENCH_DURATION ?? 3);

interface Server {
  url: string;
  child: ChildProcess;
  startMs: number;
  stop(): Promise<number>;
}

/** The entry through tsx, as the tests run it; BENCH_ENTRY: another checkout's entry, to compare two versions on the same machine state. */
function command(): [string, string[]] {
  return [process.execPath, ["--import", TSX_LOADER, process.env.BENCH_ENTRY ?? join(ROOT, "runtime/src/entries/node.ts")]];
}

async function startServer(dataDir: string, env: Record<string, string> = {}): Promise<Server> {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const t0 = performance.now();
  const [file, args] = command();
  const child = spawn(file, args, {
    cwd: dataDir,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      APP_SECRET_KEY: SECRET,
      PRESHARED_PASSWORD: PASSWORD,
      PLEX_WEBHOOK_TOKEN: WEBHOOK_TOKEN,
      API_RATE_LIMIT_PER_MINUTE: "0",
      LOG_LEVEL: "error",
      ...env,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const r = await fetch(`${url}/api/health`);
      if (r.ok) break;
    } catch {}
    await new Promise((r) => setTimeout(r, 10));
  }
  const startMs = performance.now() - t0;
  return {
    url,
    child,
    startMs,
    async stop() {
      const hwm = peakRssMb(child.pid!);
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await exited;
      return hwm;
    },
  };
}

const CLOCK_TICKS_PER_S = 100; // USER_HZ: `getconf CLK_TCK` on Linux

/** CPU time (user + system, every thread) the process has used so far, in ms; NaN off Linux. */
function cpuMs(pid: number): number {
  try {
    // Fields after the parenthesised command name: state is field 3, utime 14, stime 15.
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_S;
  } catch {
    return NaN;
  }
}

function peakRssMb(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** Waits until the server has worked off what the last run left queued, so runs don't bleed into each other. */
async function drained(url: string): Promise<void> {
  const health = new URL("/api/health", url).href;
  for (let i = 0; i < 100; i++) {
    const t = performance.now();
    await fetch(health).catch(() => null);
    if (performance.now() - t < 20) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function load(server: Server, name: string, opts: autocannon.Options): Promise<Figure[]> {
  const out: Figure[] = [];
  // A second of warm-up, not measured: the first requests of an endpoint pay for JIT compilation.
  await autocannon({ ...opts, duration: 1, connections: 10 });
  await drained(String(opts.url));
  for (const connections of [10, 50]) {
    const cpuBefore = cpuMs(server.child.pid!);
    const r = await autocannon({ duration: DURATION_S, connections, ...opts });
    const cpu = cpuMs(server.child.pid!) - cpuBefore;
    await drained(String(opts.url));
    const errors = r.errors + r.timeouts + (r.non2xx - (opts.expectStatus === 304 ? r["3xx"] : 0));
    out.push(
      { name: `load.${name}.c${connections}.rps`, value: r.requests.average, unit: "req/s" },
      { name: `load.${name}.c${connections}.p50`, value: r.latency.p50, unit: "ms" },
      { name: `load.${name}.c${connections}.p99`, value: r.latency.p99, unit: "ms" },
      { name: `load.${name}.c${connections}.cpu_per_request`, value: cpu / Math.max(1, r.requests.total), unit: "ms" },
      { name: `load.${name}.c${connections}.errors`, value: errors, unit: "count" },
    );
  }
  return out;
}

declare module "autocannon" {
  interface Options {
    expectStatus?: number;
  }
}

async function seed(dataDir: string, items: number): Promise<void> {
  const store = createSqliteStore({ path: join(dataDir, "stellarr.db") });
  const now = Date.now();
  const lib = Array.from({ length: items }, (_, i) => ({ tmdb_id: i + 1, title: `Title ${i + 1}` }));
  for (let i = 0; i < lib.length; i += 5000) await store.upsertLibrary("movie", lib.slice(i, i + 5000), now);
  // A library of N titles with N/10 requests (a tenth of them still pending): the proportions of a
  // long-running household, where almost everything requested has arrived.
  const requests = Math.floor(items / 10);
  for (let i = 0; i < requests; i++) {
    await store.insertRequest({
      tmdb_id: 1_000_000 + i,
      media_type: i % 2 ? "tv" : "movie",
      title: `Request ${i}`,
      year: 2000 + (i % 25),
      overview: null,
      poster_path: "/abc.jpg",
      imdb_id: `tt${String(1_000_000 + i).padStart(7, "0")}`,
      tvdb_id: i % 2 ? 300_000 + i : null,
      requested_by: "bench",
      created_at: new Date(now).toISOString(),
    });
    if (i % 10 !== 0)
      await store.markAdded({ media_type: i % 2 ? "tv" : "movie", tmdb_id: 1_000_000 + i }, new Date(now).toISOString(), null);
  }
  await store.close();
}

export async function bench(): Promise<Figure[]> {
  const figures: Figure[] = [];
  const token = signToken(sessionKey(SECRET, PASSWORD), "bench", Math.floor(Date.now() / 1000));
  const auth = { authorization: `Bearer ${token}` };
  let peak = 0;

  // Start-up and the endpoints that do not depend on the stored volume.
  {
    const dir = await mkdtemp(join(tmpdir(), "stellarr-bench-"));
    // Search goes to the TMDB fake (zero delay), so the figure is the server's own cost.
    const tmdb = await startTmdbFake();
    const s = await startServer(dir, { TMDB_API_KEY: tmdb.apiKey, TMDB_BASE_URL: tmdb.url });
    figures.push({ name: "server.start_to_healthy", value: s.startMs, unit: "ms" });
    figures.push(...(await load(s, "health", { url: `${s.url}/api/health` })));
    figures.push(
      ...(await load(s, "search", {
        url: `${s.url}/api/search`,
        method: "POST",
        headers: { ...auth, "content-type": "application/json" },
        body: JSON.stringify({ query: "star" }),
      })),
    );
    const payload = JSON.stringify({
      event: "library.new",
      Server: { title: "bench" },
      Metadata: { type: "movie", title: "Bench Movie", year: 2020, guid: "plex://movie/bench", Guid: [{ id: "tmdb://424242" }] },
    });
    const boundary = "----stellarrbench";
    const body = `--${boundary}\r\nContent-Disposition: form-data; name="payload"\r\n\r\n${payload}\r\n--${boundary}--\r\n`;
    figures.push(
      ...(await load(s, "webhook", {
        url: `${s.url}/webhook/plex?token=${WEBHOOK_TOKEN}`,
        method: "POST",
        headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
        body,
      })),
    );
    peak = Math.max(peak, await s.stop());
    await tmdb.close();
    await rm(dir, { recursive: true, force: true });
  }

  for (const items of [100, 10_000, 100_000]) {
    const dir = await mkdtemp(join(tmpdir(), "stellarr-bench-"));
    await seed(dir, items);
    const s = await startServer(dir);
    figures.push(...(await load(s, `list_radarr.${items}`, { url: `${s.url}/list/radarr` })));
    figures.push(...(await load(s, `list_radarr_all.${items}`, { url: `${s.url}/list/radarr?status=all` })));
    const first = await fetch(`${s.url}/api/library-status`, { headers: auth });
    const etag = first.headers.get("etag") ?? "";
    figures.push({ name: `library_status.${items}.bytes`, value: (await first.arrayBuffer()).byteLength, unit: "bytes" });
    figures.push(...(await load(s, `library_status.${items}.200`, { url: `${s.url}/api/library-status`, headers: auth })));
    figures.push(
      ...(await load(s, `library_status.${items}.304`, {
        url: `${s.url}/api/library-status`,
        headers: { ...auth, "if-none-match": etag },
        expectStatus: 304,
      })),
    );
    peak = Math.max(peak, await s.stop());
    await rm(dir, { recursive: true, force: true });
  }
  figures.push({ name: "server.peak_rss", value: peak, unit: "MB" });
  return figures;
}
