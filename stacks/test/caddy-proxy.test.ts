/**
 * A real Caddy on loopback, started exactly as the local stack's Caddy container starts it (the
 * container's entrypoint and command, the generated Caddyfile — internal TLS, high ports — in its
 * environment, a temporary directory standing in for its tmpfs), in front of the real embedded server: every path the runtime serves is routed, HTTP redirects to
 * HTTPS, the login origin check passes through the proxy, and the failed-login limit is keyed by
 * the client address Caddy forwards (X-Forwarded-For, TRUST_PROXY=x-forwarded-for:1) — a client
 * cannot spoof it.
 */
import { createHash, pbkdf2Sync } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, freePort, startServerProcess, type ServerProcess } from "../../runtime/test/support/server-process.js";
import { renderCaddyfile } from "../docker/caddyfile.js";
import { caddyUnavailable, findCaddy, startCaddy, type RunningCaddy } from "../testing/caddy.js";

const missing = caddyUnavailable();
if (missing && process.env.CI === "true") throw new Error(`CI needs Caddy for the proxy test: ${missing}`);

const PASSWORD = "loopback test password";
const FEED_TOKEN = "feedtokenfeedtokenfeedtoken12345";
const HOOK_TOKEN = "hooktokenhooktokenhooktoken12345";

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json(): any;
}

describe.skipIf(missing !== null)(`Caddy in front of the embedded server${missing ? ` (skipped: ${missing})` : ""}`, () => {
  let runtime: ServerProcess;
  let caddy: RunningCaddy;
  let httpsPort: number;
  let httpPort: number;
  let ca: Buffer;
  let origin: string;
  let caddyfile: string;

  beforeAll(async () => {
    [httpPort, httpsPort] = [await freePort(), await freePort()];
    origin = `https://localhost:${httpsPort}`;
    const dataDir = mkdtempSync(path.join(tmpdir(), "stellarr-proxy-data-"));
    // Fresh trending files, so the start-up warmer leaves them alone and the test knows their content.
    mkdirSync(path.join(dataDir, "trending"));
    for (const kind of ["all", "movie", "tv"]) {
      writeFileSync(
        path.join(dataDir, "trending", `trending-${kind}-en.json`),
        JSON.stringify({ generated_at: new Date().toISOString(), results: [{ id: 1, title: `proxy-${kind}` }] }),
      );
    }
    runtime = await startServerProcess({
      dataDir,
      // The repository root: where `--import tsx` resolves (and no .env lives).
      cwd: ROOT,
      env: {
        BASE_URL: origin,
        TRUST_PROXY: "x-forwarded-for:1",
        PRESHARED_PASSWORD: PASSWORD,
        FEED_TOKEN,
        PLEX_WEBHOOK_TOKEN: HOOK_TOKEN,
        RATE_LIMIT_MAX_ATTEMPTS: "2",
        TRENDING_LOCALES: "en",
        TMDB_API_KEY: "",
      },
      timeoutMs: 60_000,
    });
    caddyfile = renderCaddyfile({ domain: "localhost", upstream: `127.0.0.1:${runtime.port}`, httpPort, httpsPort, bind: ["127.0.0.1"] });
    caddy = await startCaddy(caddyfile, [httpPort, httpsPort]);
    ca = readFileSync(caddy.rootCertPath);
  }, 120_000);

  afterAll(async () => {
    await caddy?.stop();
    await runtime?.stop();
  });

  /** HTTPS through Caddy, trusting only its internal CA; `from` picks the client's loopback address. */
  const send = (
    method: string,
    pathAndQuery: string,
    opts: { from?: string; headers?: Record<string, string>; body?: unknown } = {},
  ): Promise<Reply> =>
    new Promise((resolve, reject) => {
      const body = opts.body === undefined ? undefined : JSON.stringify(opts.body);
      const req = httpsRequest(
        {
          host: "127.0.0.1",
          port: httpsPort,
          servername: "localhost",
          ca,
          method,
          path: pathAndQuery,
          localAddress: opts.from ?? "127.0.0.1",
          headers: { host: `localhost:${httpsPort}`, ...(body ? { "content-type": "application/json" } : {}), ...opts.headers },
          agent: false,
        },
        (res) => {
          let text = "";
          res.setEncoding("utf8");
          res.on("data", (d) => (text += d));
          res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, text, json: () => JSON.parse(text) }));
        },
      );
      req.on("error", reject);
      req.end(body);
    });

  const proof = (challenge: string, password = PASSWORD) => {
    const key = pbkdf2Sync(Buffer.from(password, "utf8"), Buffer.from(origin, "utf8"), 100_000, 32, "sha256").toString("hex");
    return createHash("sha256").update(`${key}:${challenge}`).digest("hex");
  };
  const login = async (from: string, password: string, extra: Record<string, string> = {}) => {
    const params = await send("GET", "/api/auth/params", { from });
    expect(params.status).toBe(200);
    const { challenge } = params.json();
    return send("POST", "/api/auth/verify", {
      from,
      headers: extra,
      body: { origin, challenge, hash: proof(challenge, password), name: "alice" },
    });
  };

  it("starts as the container does: the command writes the Caddyfile from the environment into its tmpfs and execs Caddy", () => {
    expect(readFileSync(path.join(caddy.configDir, "Caddyfile"), "utf8")).toBe(caddyfile);
    // The shell replaced itself with Caddy, so the container's stop signal reaches Caddy (Linux: /proc).
    if (existsSync(`/proc/${caddy.pid}/exe`)) expect(realpathSync(`/proc/${caddy.pid}/exe`)).toBe(realpathSync(findCaddy()!));
  });

  it("serves HTTPS from Caddy's internal CA and redirects HTTP to it", async () => {
    const health = await send("GET", "/api/health");
    expect(health.status).toBe(200);
    expect(health.json()).toMatchObject({ status: "healthy", service: "stellarr", storage: "sqlite" });
    expect(health.headers["x-request-id"]).toBeTruthy();
    const redirect = await new Promise<{ status: number; location?: string }>((resolve, reject) => {
      const req = httpRequest(
        { host: "127.0.0.1", port: httpPort, path: "/requests?x=1", headers: { host: "localhost" }, agent: false },
        (res) => {
          res.resume();
          resolve({ status: res.statusCode!, location: res.headers.location });
        },
      );
      req.on("error", reject);
      req.end();
    });
    expect(redirect.status).toBe(308);
    expect(redirect.location).toBe(`https://localhost:${httpsPort}/requests?x=1`);
  });

  it("routes the runtime's own files: config.json, the manifest, trending files, SPA routes", async () => {
    const config = await send("GET", "/config.json");
    expect(config.status).toBe(200);
    expect(config.json()).toMatchObject({ app_name: "Stellarr", locales: ["en"] });
    const manifest = await send("GET", "/manifest.webmanifest");
    expect(manifest.status).toBe(200);
    expect(manifest.json()).toMatchObject({ name: "Stellarr", start_url: "/" });
    const trending = await send("GET", "/trending-movie-en.json");
    expect(trending.status).toBe(200);
    expect(trending.headers["cache-control"]).toBe("public, max-age=3600");
    expect(trending.json().results).toEqual([{ id: 1, title: "proxy-movie" }]);
    expect((await send("GET", "/trending-movie-xx.json")).status).toBe(404);
    for (const spa of ["/", "/requests", "/some/deep/route"]) {
      const page = await send("GET", spa);
      expect(page.status, spa).toBe(200);
      expect(page.headers["content-type"]).toMatch(/^text\/html/);
    }
  });

  it("routes /list, /webhook and /sync with their tokens", async () => {
    expect((await send("GET", "/list/radarr")).status).toBe(401);
    const feed = await send("GET", `/list/radarr?token=${FEED_TOKEN}`);
    expect(feed.status).toBe(200);
    expect(feed.headers["content-type"]).toMatch(/^application\/json/);
    expect(Array.isArray(feed.json())).toBe(true);
    expect((await send("GET", `/list/sonarr?token=${FEED_TOKEN}`)).status).toBe(200);
    const webhook = await send("POST", "/webhook/plex?token=wrong", { body: {} });
    expect(webhook.status).toBe(401);
    expect(webhook.json().code).toBeTruthy();
    const sync = await send("POST", "/sync/library?media_type=movie&token=wrong", { body: { items: [] } });
    expect(sync.status).toBe(401);
    // An unknown API path is the runtime's JSON 404, not the SPA.
    const unknown = await send("GET", "/api/nope");
    expect(unknown.status).toBe(404);
    expect(unknown.json().code).toBe("not_found");
  });

  it("accepts a login through the proxy (the origin check sees the public origin)", async () => {
    const ok = await login("127.0.0.4", PASSWORD);
    expect(ok.status).toBe(200);
    expect(ok.json()).toMatchObject({ valid: true, name: "alice" });
    const token = ok.json().token as string;
    const requests = await send("GET", "/api/requests", { from: "127.0.0.4", headers: { authorization: `Bearer ${token}` } });
    expect(requests.status).toBe(200);
  });

  it("keys the failed-login limit by the client address Caddy forwards, which a client cannot spoof", async () => {
    // Client A fails twice (the limit), then is refused even when it claims another address.
    expect((await login("127.0.0.2", "wrong")).status).toBe(401);
    expect((await login("127.0.0.2", "wrong", { "x-forwarded-for": "198.51.100.9" })).status).toBe(401);
    const limited = await login("127.0.0.2", PASSWORD, { "x-forwarded-for": "198.51.100.10" });
    expect(limited.status).toBe(429);
    expect(limited.json().code).toBe("rate_limited");
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
    // Client B is unaffected, even when it claims to be A.
    const other = await login("127.0.0.3", "wrong", { "x-forwarded-for": "127.0.0.2" });
    expect(other.status).toBe(401);
    expect(other.json().code).toBe("invalid_credentials");
    expect((await login("127.0.0.3", PASSWORD)).status).toBe(200);
  });
});
