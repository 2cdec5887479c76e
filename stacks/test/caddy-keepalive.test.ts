/**
 * Issue #20.1 through the real Caddy (the generated Caddyfile, internal TLS) in front of the real
 * embedded server: Caddy pools its upstream connections, so a body the server answers without
 * reading (an unauthenticated 300 KB POST → 401) must not leave a pooled connection stalled for
 * the next user. Before the fix, another client's request on that connection was never answered.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { request as httpsRequest } from "node:https";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, freePort, startServerProcess, type ServerProcess } from "../../runtime/test/support/server-process.js";
import { renderCaddyfile } from "../docker/caddyfile.js";
import { caddyUnavailable, startCaddy, type RunningCaddy } from "../testing/caddy.js";

const missing = caddyUnavailable();
if (missing && process.env.CI === "true") throw new Error(`CI needs Caddy for the keep-alive test: ${missing}`);

describe.skipIf(missing !== null)(`Caddy's pooled upstream connections${missing ? ` (skipped: ${missing})` : ""}`, () => {
  let runtime: ServerProcess;
  let caddy: RunningCaddy;
  let httpsPort: number;
  let ca: Buffer;

  beforeAll(async () => {
    const [httpPort, tlsPort] = [await freePort(), await freePort()];
    httpsPort = tlsPort;
    runtime = await startServerProcess({
      dataDir: mkdtempSync(path.join(tmpdir(), "stellarr-keepalive-data-")),
      cwd: ROOT,
      env: {
        BASE_URL: `https://localhost:${httpsPort}`,
        TRUST_PROXY: "x-forwarded-for:1",
        PRESHARED_PASSWORD: "keep-alive test password",
        TMDB_API_KEY: "",
        API_RATE_LIMIT_PER_MINUTE: "0",
      },
      timeoutMs: 60_000,
    });
    caddy = await startCaddy(
      renderCaddyfile({ domain: "localhost", upstream: `127.0.0.1:${runtime.port}`, httpPort, httpsPort, bind: ["127.0.0.1"] }),
      [httpPort, httpsPort],
    );
    ca = readFileSync(caddy.rootCertPath);
  }, 120_000);

  afterAll(async () => {
    await caddy?.stop();
    await runtime?.stop();
  });

  /** One request on its own client connection (as another user would), failing instead of hanging. */
  const send = (method: string, pathname: string, body?: Buffer, headers: Record<string, string> = {}) =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = httpsRequest(
        {
          host: "127.0.0.1",
          port: httpsPort,
          servername: "localhost",
          ca,
          method,
          path: pathname,
          headers: { host: `localhost:${httpsPort}`, ...headers },
          agent: false,
        },
        (res) => {
          let text = "";
          res.setEncoding("utf8");
          res.on("data", (d) => (text += d));
          res.on("end", () => resolve({ status: res.statusCode!, text }));
        },
      );
      req.setTimeout(10_000, () => req.destroy(new Error(`${method} ${pathname} was not answered within 10 s`)));
      req.on("error", reject);
      req.end(body);
    });

  it("answers other clients after unauthenticated 300 KB POSTs the server never reads", async () => {
    const big = Buffer.alloc(300_000, 0x78);
    for (let round = 0; round < 3; round++) {
      const refused = await send("POST", "/api/search", big, { "content-type": "application/json", "content-length": String(big.length) });
      expect(refused.status).toBe(401);
      expect(JSON.parse(refused.text)).toMatchObject({ code: "unauthorized" });
      // Another user, on another client connection: Caddy hands it a pooled upstream connection.
      for (let i = 0; i < 3; i++) {
        const health = await send("GET", "/api/health");
        expect(health.status).toBe(200);
        expect(JSON.parse(health.text)).toMatchObject({ status: "healthy" });
      }
    }
    // And concurrently.
    const [refused, ...others] = await Promise.all([
      send("POST", "/api/search", big, { "content-type": "application/json" }),
      ...Array.from({ length: 5 }, () => send("GET", "/api/health")),
    ]);
    expect(refused!.status).toBe(401);
    for (const o of others) expect(o.status).toBe(200);
  });
});
