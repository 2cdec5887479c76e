/**
 * The embedded server as users run it (a separate Node process on loopback), measured from this
 * process with autocannon: req/s, p50/p99 and the server's CPU time per request per endpoint at 10
 * and 50 connections, with 100, 10,000 and 100,000 stored items, the *arr instance lists with
 * 10,000 pending requests of each type, and the server's peak RSS.
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
import { Agent, request } from "node:http";
import { connect } from "node:net";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Store } from "../src/ports/store/index.js";
import { sessionKey, signToken } from "../src/domain/auth/token.js";
import { startTmdbFake } from "@stellarr/testkit/fakes/tmdb";
import type { Figure } from "./index.js";

const ROOT = resolve(fileURLToPath(import.meta.url), "../../..");
// Absolute, so the child can run with any working directory (its DATA_DIR).
const TSX_LOADER = import.meta.resolve("tsx");
const SECRET = "bench-secret-key-0123456789abcdef";
const PASSWORD = "bench password";
const WEBHOOK_TOKEN = "bench-webhook-token";
const ARR_KEY = "bench-feed-token";
const DURATION_S = Number(process.env.BENCH_DURATION ?? 3);
/** Library sizes (titles); `BENCH_SIZES=1000,10000` runs a subset. */
const SIZES = (process.env.BENCH_SIZES ?? "100,1000,10000,100000").split(",").map(Number);
/** Scenarios to run: `basic` (no library), `library` (per size), `arr` (the *arr instance lists); `BENCH_SCENARIOS=arr` runs one. */
const SCENARIOS = new Set((process.env.BENCH_SCENARIOS ?? "basic,library,arr").split(","));
/**
 * What Radarr's and Sonarr's HTTP client sends on an import-list fetch (their
 * `NzbDrone.Common/Http/Dispatchers/ManagedHttpDispatcher.cs` gives .NET's SocketsHttpHandler
 * `AutomaticDecompression = GZip | Brotli`, whose DecompressionHandler adds `Accept-Encoding: gzip, br`;
 * the list proxies add `Accept: application/json`): the *arr scenarios are measured with these.
 */
const ARR_CLIENT = { accept: "application/json", "accept-encoding": "gzip, br", "user-agent": "Radarr/5.28.0.10274 (ubuntu 24.04)" };
/** Node flags for the server process (e.g. `--max-semi-space-size=1`), to measure their effect on memory. */
// The flags `npm start` and the image give the server (package.json, Dockerfile), unless BENCH_NODE_FLAGS says otherwise.
const NODE_FLAGS = (process.env.BENCH_NODE_FLAGS ?? "--max-semi-space-size=1").split(" ").filter(Boolean);

/**
 * The store the seed writes with: the one of the checkout that serves (with BENCH_ENTRY, that
 * checkout's own, so its schema version matches the server's).
 */
async function openStore(path: string): Promise<Store> {
  // BENCH_STORE: the store module of the checkout that serves (default: this one's, or the one
  // beside a .ts BENCH_ENTRY), so the seeded schema is the version its server knows.
  const entry = process.env.BENCH_ENTRY;
  const beside = entry?.endsWith(".ts") ? resolve(entry, "../../adapters/store/sqlite/index.ts") : undefined;
  const mod = (await import(process.env.BENCH_STORE ?? beside ?? "../src/adapters/store/sqlite/index.js")) as {
    createSqliteStore(o: { path: string }): Store;
  };
  return mod.createSqliteStore({ path });
}

interface Server {
  url: string;
  child: ChildProcess;
  startMs: number;
  stop(): Promise<number>;
}

/** The entry through tsx, as the tests run it; BENCH_ENTRY: another checkout's entry, to compare two versions on the same machine state. */
function command(): [string, string[]] {
  const entry = process.env.BENCH_ENTRY ?? join(ROOT, "runtime/src/entries/node.ts");
  // A bundled entry (.mjs/.js) runs without tsx, as `npm start` runs the prebuilt bundle.
  const loader = /\.[cm]?js$/.test(entry) ? [] : ["--import", TSX_LOADER];
  const node: [string, string[]] = [process.execPath, [...NODE_FLAGS, ...loader, entry]];
  // BENCH_SERVER_CPU=0: the server pinned to that core (taskset execs node, so the pid stays the
  // server's); run the bench itself on the other core (`taskset -c 1 npm run bench server`).
  const cpu = process.env.BENCH_SERVER_CPU;
  return cpu ? ["taskset", ["-c", cpu, node[0], ...node[1]]] : node;
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

/**
 * What bounds a scenario's rate: two more runs at 10 connections, with the CPU time of this process
 * (the load generator) per request beside the server's — first autocannon (`bound.*.autocannon`),
 * then `leanLoad` (`bound.*.lean`). When server and loader together fill the machine's cores, the
 * rate measures the machine, not the server.
 */
async function bound(server: Server, name: string, opts: { url: string; headers: Record<string, string> }): Promise<Figure[]> {
  const out: Figure[] = [];
  for (const loader of ["autocannon", "lean"] as const) {
    const before = { loader: process.cpuUsage(), server: cpuMs(server.child.pid!) };
    const r =
      loader === "autocannon"
        ? await autocannon({ duration: DURATION_S, connections: 10, ...opts }).then((a) => ({
            total: a.requests.total,
            rps: a.requests.average,
            p50: a.latency.p50,
            p99: a.latency.p99,
            errors: a.errors + a.timeouts + a.non2xx,
          }))
        : await leanLoad(opts.url, opts.headers, 10, DURATION_S * 1000);
    const used = process.cpuUsage(before.loader);
    const n = Math.max(1, r.total);
    const serverCpu = (cpuMs(server.child.pid!) - before.server) / n;
    await drained(opts.url);
    const key = `bound.${name}.${loader}.c10`;
    out.push(
      { name: `${key}.rps`, value: r.rps, unit: "req/s" },
      { name: `${key}.p50`, value: r.p50, unit: "ms" },
      { name: `${key}.p99`, value: r.p99, unit: "ms" },
      { name: `${key}.server_cpu_per_request`, value: serverCpu, unit: "ms" },
      { name: `${key}.loader_cpu_per_request`, value: (used.user + used.system) / 1000 / n, unit: "ms" },
      { name: `${key}.errors`, value: r.errors, unit: "count" },
    );
  }
  return out;
}

/**
 * A lean load generator for large answers: `connections` keep-alive sockets, each sending the same
 * GET again as soon as the previous answer's last byte arrived. Answers are framed by their
 * Content-Length and their bodies skipped unparsed (one without a Content-Length, or not 200,
 * counts as an error and closes that socket), so a 100 KB answer costs the loader a fraction of
 * what autocannon spends on it.
 */
async function leanLoad(url: string, headers: Record<string, string>, connections: number, durationMs: number): Promise<LoadSummary> {
  const { hostname, port, pathname, search } = new URL(url);
  const head = [`GET ${pathname}${search} HTTP/1.1`, `Host: ${hostname}:${port}`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
  const req = Buffer.from(`${head.join("\r\n")}\r\n\r\n`);
  const latencies: number[] = [];
  let errors = 0;
  const t0 = performance.now();
  const end = t0 + durationMs;
  const one = () =>
    new Promise<void>((done) => {
      const socket = connect(Number(port), hostname);
      let pending: Buffer = Buffer.alloc(0);
      let remaining = -1; // body bytes still to come; -1 while reading the head
      let sent = 0;
      const send = () => {
        if (performance.now() >= end) return void socket.end();
        sent = performance.now();
        socket.write(req);
      };
      socket.on("connect", send);
      socket.on("data", (chunk: Buffer) => {
        let data = chunk;
        while (data.length > 0) {
          if (remaining < 0) {
            pending = pending.length ? Buffer.concat([pending, data]) : data;
            const at = pending.indexOf("\r\n\r\n");
            if (at < 0) return;
            const text = pending.subarray(0, at).toString("latin1");
            const length = /\r\ncontent-length:\s*(\d+)/i.exec(text);
            if (!text.startsWith("HTTP/1.1 200") || !length) {
              errors++;
              return void socket.destroy();
            }
            remaining = Number(length[1]);
            data = pending.subarray(at + 4);
            pending = Buffer.alloc(0);
          }
          const take = Math.min(remaining, data.length);
          remaining -= take;
          data = data.subarray(take);
          if (remaining === 0) {
            latencies.push(performance.now() - sent);
            remaining = -1;
            send();
          }
        }
      });
      socket.on("error", () => errors++);
      socket.on("close", () => done());
    });
  await Promise.all(Array.from({ length: connections }, one));
  return fromLatencies(latencies, errors, (performance.now() - t0) / 1000);
}

/** The bytes on the wire of one answer (the body as sent, compressed or not). */
async function bodyBytes(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((ok, fail) => {
    request(url, { headers }, (res) => {
      let n = 0;
      res.on("data", (c: Buffer) => (n += c.length)).on("end", () => ok(n));
    })
      .on("error", fail)
      .end();
  });
}

declare module "autocannon" {
  interface Options {
    expectStatus?: number;
  }
}

const BOUNDARY = "----stellarrbench";

/** A Plex `library.new` of one movie, as multipart (what Plex sends). */
function webhookRequest(tmdbId: number): { method: "POST"; headers: Record<string, string>; body: string } {
  const payload = JSON.stringify({
    event: "library.new",
    Server: { title: "bench" },
    Metadata: { type: "movie", title: "Bench Movie", year: 2020, guid: `plex://movie/bench${tmdbId}`, Guid: [{ id: `tmdb://${tmdbId}` }] },
  });
  return {
    method: "POST",
    headers: { "content-type": `multipart/form-data; boundary=${BOUNDARY}` },
    body: `--${BOUNDARY}\r\nContent-Disposition: form-data; name="payload"\r\n\r\n${payload}\r\n--${BOUNDARY}--\r\n`,
  };
}

/**
 * Webhooks while large reads run (issue #25.4): Plex webhooks at 50 per second in all, each a NEW
 * title (a library write, so the reads after it see a new change token and rebuild their bodies),
 * beside 10 connections each of library-status and `/list/radarr?status=all` as fast as they are
 * answered. Latency of each stream. Two ways the webhooks arrive:
 *
 * - `paced` (`mixed.10000.*`): one every 20 ms over 50 keep-alive connections, as independent Plex
 *   events arrive; latency counts from each webhook's scheduled time, so a stalled server cannot
 *   hide its queue by sending late (`pacedPosts`);
 * - `burst` (`mixed.10000.burst.*`): autocannon's `overallRate` over 50 connections, which gives
 *   each connection its own one-second timer, all started together — each second's 50 webhooks
 *   arrive at once, and the last waits for the 49 before it.
 */
async function mixed(server: Server, auth: Record<string, string>): Promise<Figure[]> {
  let next = 5_000_000;
  const url = `${server.url}/webhook/plex?token=${WEBHOOK_TOKEN}`;
  const reads = () => [
    autocannon({ url: `${server.url}/api/library-status`, headers: auth, connections: 10, duration: DURATION_S }),
    autocannon({ url: `${server.url}/list/radarr?status=all`, connections: 10, duration: DURATION_S }),
  ];
  const out: Figure[] = [];
  for (const mode of ["paced", "burst"] as const) {
    const cpuBefore = cpuMs(server.child.pid!);
    const [hooks, status, list] = await Promise.all([
      mode === "paced"
        ? pacedPosts(url, () => webhookRequest(next++), { connections: 50, perSecond: 50, durationMs: DURATION_S * 1000 })
        : autocannon({
            url,
            connections: 50,
            overallRate: 50,
            duration: DURATION_S,
            requests: [{ ...webhookRequest(1), setupRequest: (req) => ({ ...req, ...webhookRequest(next++) }) }],
          }).then(summary),
      ...reads(),
    ]);
    const cpu = cpuMs(server.child.pid!) - cpuBefore;
    await drained(server.url);
    const prefix = mode === "paced" ? "mixed.10000" : "mixed.10000.burst";
    const streams = [
      ["webhook_new_title", hooks],
      ["library_status", summary(status!)],
      ["list_radarr_all", summary(list!)],
    ] as const;
    for (const [name, r] of streams) {
      out.push(
        { name: `${prefix}.${name}.rps`, value: r.rps, unit: "req/s" },
        { name: `${prefix}.${name}.p50`, value: r.p50, unit: "ms" },
        { name: `${prefix}.${name}.p99`, value: r.p99, unit: "ms" },
        { name: `${prefix}.${name}.errors`, value: r.errors, unit: "count" },
      );
    }
    const total = streams.reduce((n, [, r]) => n + r.total, 0);
    out.push({ name: `${prefix}.cpu_per_request`, value: cpu / Math.max(1, total), unit: "ms" });
  }
  return out;
}

/** What a load run measured, whichever generator ran it. */
interface LoadSummary {
  total: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

const summary = (r: autocannon.Result): LoadSummary => ({
  total: r.requests.total,
  rps: r.requests.average,
  p50: r.latency.p50,
  p99: r.latency.p99,
  errors: r.errors + r.timeouts + r.non2xx,
});

/** A run's summary from every answer's latency (ms), its errors and its length (s). */
function fromLatencies(latencies: number[], errors: number, elapsedS: number): LoadSummary {
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((latencies.length * p) / 100))] ?? NaN;
  return { total: latencies.length, rps: latencies.length / elapsedS, p50: pct(50), p99: pct(99), errors };
}

/**
 * POSTs at a steady rate: one every 1000/`perSecond` ms, each on a free keep-alive connection of
 * `connections` (a new one opens only when all are busy — none here at 50/s). Latency runs from
 * the scheduled send time to the answer's last byte (no coordinated omission: a server that stalls
 * delays the sends behind it, and they are charged the wait). A non-2xx answer or a failed
 * connection is an error.
 */
async function pacedPosts(
  url: string,
  makeRequest: () => { method: "POST"; headers: Record<string, string>; body: string },
  opts: { connections: number; perSecond: number; durationMs: number },
): Promise<LoadSummary> {
  const agent = new Agent({ keepAlive: true, maxSockets: opts.connections });
  const interval = 1000 / opts.perSecond;
  const count = Math.floor(opts.durationMs / interval);
  const latencies: number[] = [];
  let errors = 0;
  const t0 = performance.now();
  const sends: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    const scheduled = t0 + i * interval;
    const wait = scheduled - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const { method, headers, body } = makeRequest();
    sends.push(
      new Promise<void>((done) => {
        request(url, { method, headers: { ...headers, "content-length": String(Buffer.byteLength(body)) }, agent }, (res) => {
          res.resume().on("end", () => {
            if (res.statusCode! >= 200 && res.statusCode! < 300) latencies.push(performance.now() - scheduled);
            else errors++;
            done();
          });
        })
          .on("error", () => {
            errors++;
            done();
          })
          .end(body);
      }),
    );
  }
  await Promise.all(sends);
  agent.destroy();
  return fromLatencies(latencies, errors, (performance.now() - t0) / 1000);
}

async function seed(dataDir: string, items: number): Promise<void> {
  const store = await openStore(join(dataDir, "stellarr.db"));
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

/**
 * The *arr instance lists' worst case (issue #22): `pending` pending requests of EACH type, shows
 * asking for some seasons of a six-season show, a few requesters, some anime and 4K.
 */
async function seedPending(dataDir: string, pending: number): Promise<void> {
  const store = await openStore(join(dataDir, "stellarr.db"));
  const now = new Date().toISOString();
  for (let i = 0; i < pending; i++) {
    for (const media_type of ["movie", "tv"] as const) {
      await store.insertRequest({
        tmdb_id: 1_000_000 + i,
        media_type,
        title: `Request ${i}`,
        year: 2000 + (i % 25),
        overview: "An overview of typical length, a sentence or two about what happens in this title.",
        poster_path: "/abcdefghijklmnopqrstuvwxyz1.jpg",
        imdb_id: `tt${String(1_000_000 + i).padStart(7, "0")}`,
        tvdb_id: media_type === "tv" ? 300_000 + i : null,
        requested_by: `user${i % 7}`,
        created_at: now,
        profile: i % 5 === 0 ? "4k" : "default",
        seasons: media_type === "tv" && i % 3 === 0 ? { all: false, seasons: [1, 2] } : null,
        anime: i % 11 === 0,
        tmdb_seasons: media_type === "tv" ? [0, 1, 2, 3, 4, 5, 6] : null,
      });
    }
  }
  await store.close();
}

export async function bench(): Promise<Figure[]> {
  const figures: Figure[] = [];
  const token = signToken(sessionKey(SECRET, PASSWORD), "bench", Math.floor(Date.now() / 1000));
  const auth = { authorization: `Bearer ${token}` };
  let peak = 0;

  // Start-up and the endpoints that do not depend on the stored volume.
  if (SCENARIOS.has("basic")) {
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
    figures.push(...(await load(s, "webhook", { url: `${s.url}/webhook/plex?token=${WEBHOOK_TOKEN}`, ...webhookRequest(424242) })));
    const rss = await s.stop();
    figures.push({ name: "server.peak_rss.no_library", value: rss, unit: "MB" });
    peak = Math.max(peak, rss);
    await tmdb.close();
    await rm(dir, { recursive: true, force: true });
  }

  for (const items of SCENARIOS.has("library") ? SIZES : []) {
    const dir = await mkdtemp(join(tmpdir(), "stellarr-bench-"));
    await seed(dir, items);
    const s = await startServer(dir);
    figures.push(...(await load(s, `list_radarr.${items}`, { url: `${s.url}/list/radarr` })));
    figures.push(...(await load(s, `list_radarr_all.${items}`, { url: `${s.url}/list/radarr?status=all` })));
    // As Radarr's list sync fetches it (compressed).
    const listArr = { url: `${s.url}/list/radarr?status=all`, headers: ARR_CLIENT };
    figures.push(...(await load(s, `list_radarr_all.${items}.arr_client`, listArr)));
    if (items >= 100_000) figures.push(...(await bound(s, `list_radarr_all.${items}.arr_client`, listArr)));
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
    if (items === 10_000) figures.push(...(await mixed(s, auth)));
    const rss = await s.stop();
    figures.push({ name: `server.peak_rss.${items}`, value: rss, unit: "MB" });
    peak = Math.max(peak, rss);
    await rm(dir, { recursive: true, force: true });
  }
  // The *arr instance lists (polled every 5–15 min by each *arr): 10,000 pending requests of each type.
  if (SCENARIOS.has("arr")) {
    const dir = await mkdtemp(join(tmpdir(), "stellarr-bench-"));
    const pending = 10_000;
    await seedPending(dir, pending);
    const s = await startServer(dir, { FEED_TOKEN: ARR_KEY });
    const headers = { "x-api-key": ARR_KEY };
    for (const [name, path, agent] of [
      ["arr_radarr_movie", "/arr/radarr/api/v3/movie?excludeLocalCovers=True", ARR_CLIENT["user-agent"]],
      ["arr_sonarr_series", "/arr/sonarr/api/v3/series", "Sonarr/4.0.19.2951 (ubuntu 24.04)"],
    ] as const) {
      const url = `${s.url}${path}`;
      figures.push({ name: `${name}.${pending}.bytes`, value: await bodyBytes(url, headers), unit: "bytes" });
      for (const coding of ["gzip", "br"]) {
        const bytes = await bodyBytes(url, { ...headers, "accept-encoding": coding });
        figures.push({ name: `${name}.${pending}.bytes_${coding}`, value: bytes, unit: "bytes" });
      }
      figures.push(...(await load(s, `${name}.${pending}.identity`, { url, headers })));
      const arrHeaders = { ...ARR_CLIENT, "user-agent": agent, ...headers };
      figures.push(...(await load(s, `${name}.${pending}`, { url, headers: arrHeaders })));
      figures.push(...(await bound(s, `${name}.${pending}`, { url, headers: arrHeaders })));
    }
    peak = Math.max(peak, await s.stop());
    await rm(dir, { recursive: true, force: true });
  }
  figures.push({ name: "server.peak_rss", value: peak, unit: "MB" });
  return figures;
}
