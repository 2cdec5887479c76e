/**
 * A TheTVDB v4 fake: a real HTTP server on 127.0.0.1 with `POST /login` (apikey → bearer token)
 * and `GET /episodes/{id}` (`{status, data: {id, seriesId, seasonNumber, number, name}}`, 404
 * `{status:"failure", message:"NotFoundException…"}`), in TheTVDB's envelope.
 *
 * Handle: `{ url, apiKey, calls, logins(), revokeTokens(), failNext(pathPrefix, status, times?), close() }`.
 * `revokeTokens()` makes every issued token answer 401, like an expired or revoked one.
 */
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface TvdbFakeOptions {
  apiKey?: string;
  /** Episode id → series id. Defaults include Bluey S02E50 (8031280 → 353546). */
  episodes?: Record<number, number>;
}

export interface TvdbFake {
  url: string;
  apiKey: string;
  calls: { method: string; path: string; status: number; authorized: boolean }[];
  logins(): number;
  revokeTokens(): void;
  failNext(pathPrefix: string, status: number, times?: number): void;
  close(): Promise<void>;
}

export async function startTvdbFake(opts: TvdbFakeOptions = {}): Promise<TvdbFake> {
  const apiKey = opts.apiKey ?? "tvdb-test-key";
  const episodes: Record<number, number> = { 8031280: 353546, 4185563: 94571, ...opts.episodes };
  const valid = new Set<string>();
  const failures: { prefix: string; status: number; times: number }[] = [];
  const calls: TvdbFake["calls"] = [];
  let logins = 0;

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://tvdb.test");
    const path = url.pathname.replace(/^\/v4/, "");
    const send = (status: number, body: unknown) => {
      const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
      calls.push({ method: req.method ?? "GET", path, status, authorized: bearer !== undefined && valid.has(bearer) });
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    };
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const failure = failures.find((f) => path.startsWith(f.prefix) && f.times > 0);
      if (failure) {
        failure.times--;
        return send(failure.status, { status: "failure", message: "injected failure", data: null });
      }
      if (req.method === "POST" && path === "/login") {
        let body: { apikey?: unknown } = {};
        try {
          body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
        } catch {
          return send(400, { status: "failure", message: "invalid JSON", data: null });
        }
        if (body.apikey !== apiKey) return send(401, { status: "failure", message: "Unauthorized", data: null });
        logins++;
        const token = randomBytes(16).toString("hex");
        valid.add(token);
        return send(200, { status: "success", data: { token } });
      }
      const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
      if (!bearer || !valid.has(bearer)) return send(401, { status: "failure", message: "Unauthorized", data: null });
      const m = /^\/episodes\/(\d+)$/.exec(path);
      if (req.method === "GET" && m) {
        const id = Number(m[1]);
        const seriesId = episodes[id];
        if (seriesId === undefined) return send(404, { status: "failure", message: "NotFoundException: Episode not found", data: null });
        return send(200, {
          status: "success",
          data: { id, seriesId, name: `Episode ${id}`, seasonNumber: 1, number: 1, aired: "2020-01-01" },
        });
      }
      send(404, { status: "failure", message: "NotFoundException", data: null });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v4`,
    apiKey,
    calls,
    logins: () => logins,
    revokeTokens: () => valid.clear(),
    failNext: (prefix, status, times = 1) => void failures.push({ prefix, status, times }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
