/**
 * What the local stack's Caddy passes on, seen from the upstream: the real Caddy binary, started as the
 * container starts it with the generated Caddyfile, in front of a recording upstream on loopback. Every
 * path the runtime serves — including the Radarr/Sonarr instance lists' `/arr/*` (issue #22), which send
 * the feed token as `X-Api-Key` or `?apikey=` and treat any redirect as a wrong URL base — arrives with its
 * method, path, query string and headers intact, and the upstream's answer comes back unchanged.
 */
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import { request as httpsRequest } from "node:https";
import type { AddressInfo } from "node:net";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "@stellarr/testkit/server-process";
import { renderCaddyfile } from "../docker/caddyfile.js";
import { caddyUnavailable, startCaddy, type RunningCaddy } from "../testing/caddy.js";

const missing = caddyUnavailable();
if (missing && process.env.CI === "true") throw new Error(`CI needs Caddy for the forwarding test: ${missing}`);

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
}

describe.skipIf(missing !== null)(`Caddy forwarding to the runtime${missing ? ` (skipped: ${missing})` : ""}`, () => {
  let upstream: Server;
  let caddy: RunningCaddy;
  let httpsPort: number;
  let ca: Buffer;
  const seen: Seen[] = [];

  beforeAll(async () => {
    // Answers like the runtime's /arr routes would: JSON, 401 without the key, never a redirect.
    upstream = createServer((req, res) => {
      seen.push({ method: req.method!, url: req.url!, headers: req.headers });
      const authorised =
        req.headers["x-api-key"] === "feed-token" || new URL(req.url!, "http://x").searchParams.get("apikey") === "feed-token";
      res.writeHead(authorised ? 200 : 401, { "content-type": "application/json; charset=utf-8", "x-upstream": "runtime" });
      res.end(JSON.stringify(authorised ? [{ tmdbId: 603, title: "The Matrix" }] : { detail: "Invalid API key", code: "invalid_token" }));
    });
    await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
    const upstreamPort = (upstream.address() as AddressInfo).port;
    const httpPort = await freePort();
    httpsPort = await freePort();
    const caddyfile = renderCaddyfile({
      domain: "localhost",
      upstream: `127.0.0.1:${upstreamPort}`,
      httpPort,
      httpsPort,
      bind: ["127.0.0.1"],
    });
    caddy = await startCaddy(caddyfile, [httpPort, httpsPort]);
    ca = readFileSync(caddy.rootCertPath);
  }, 60_000);

  afterAll(async () => {
    await caddy?.stop();
    await new Promise((resolve) => upstream?.close(resolve));
  });

  const get = (pathAndQuery: string, headers: Record<string, string> = {}) =>
    new Promise<{ status: number; headers: IncomingHttpHeaders; text: string; seen: Seen | undefined }>((resolve, reject) => {
      const before = seen.length;
      const req = httpsRequest(
        {
          host: "127.0.0.1",
          port: httpsPort,
          servername: "localhost",
          ca,
          path: pathAndQuery,
          headers: { host: `localhost:${httpsPort}`, accept: "application/json", ...headers },
          agent: false,
        },
        (res) => {
          let text = "";
          res.setEncoding("utf8");
          res.on("data", (d) => (text += d));
          res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, text, seen: seen[before] }));
        },
      );
      req.on("error", reject);
      req.end();
    });

  it.each([
    "/arr/radarr/api/v3/movie?excludeLocalCovers=true",
    "/arr/radarr/api/v3/qualityprofile",
    "/arr/sonarr/api/v3/series/",
    "/arr/sonarr/api/v3/languageprofile?status=all",
    "/arr/radarr",
  ])("passes the instance list's call %s with its X-Api-Key, unchanged and unredirected", async (pathAndQuery) => {
    const r = await get(pathAndQuery, { "x-api-key": "feed-token" });
    expect(r.status).toBe(200);
    expect(r.headers.location).toBeUndefined();
    expect(r.headers["x-upstream"]).toBe("runtime");
    expect(JSON.parse(r.text)).toEqual([{ tmdbId: 603, title: "The Matrix" }]);
    expect(r.seen).toMatchObject({ method: "GET", url: pathAndQuery });
    expect(r.seen!.headers["x-api-key"]).toBe("feed-token");
    expect(r.seen!.headers.accept).toBe("application/json");
    // One proxy appends the client address (TRUST_PROXY=x-forwarded-for:1).
    expect(r.seen!.headers["x-forwarded-for"]).toBe("127.0.0.1");
  });

  it("passes the key as ?apikey= too, and the runtime's 401 back as it is", async () => {
    const ok = await get("/arr/radarr/api/v3/movie?apikey=feed-token");
    expect(ok.status).toBe(200);
    expect(ok.seen!.url).toBe("/arr/radarr/api/v3/movie?apikey=feed-token");
    const refused = await get("/arr/radarr/api/v3/movie", { "x-api-key": "wrong" });
    expect(refused.status).toBe(401);
    expect(refused.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(JSON.parse(refused.text)).toEqual({ detail: "Invalid API key", code: "invalid_token" });
  });

  it.each([
    "/api/health",
    "/list/radarr?token=t",
    "/webhook/plex?token=t",
    "/sync/library?media_type=movie",
    "/trending-all-en.json",
    "/requests",
  ])("routes %s to the runtime as well: one catch-all, no path list to drift", async (pathAndQuery) => {
    const r = await get(pathAndQuery);
    expect(r.headers["x-upstream"]).toBe("runtime");
    expect(r.seen?.url).toBe(pathAndQuery);
  });
});
