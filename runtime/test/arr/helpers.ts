/**
 * A scripted HTTP source for the *arr replay tests: answers each path with a fixed status and
 * body, records what it was asked, and checks `X-Api-Key` when given one. A stand-in for
 * Stellarr's `/arr/*` routes until they exist, and a way to feed the replay bad bodies.
 */
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export interface Scripted {
  status?: number;
  /** A string is sent as is; anything else as JSON. */
  body?: unknown;
  headers?: Record<string, string>;
}

export interface ScriptedSource {
  url: string;
  seen: { path: string; query: string; headers: IncomingHttpHeaders }[];
  /** Replaces the answer for a pathname. */
  set(pathname: string, answer: Scripted | ((query: URLSearchParams) => Scripted)): void;
  close(): Promise<void>;
}

export async function startScriptedSource(opts: { apiKey?: string } = {}): Promise<ScriptedSource> {
  const answers = new Map<string, Scripted | ((q: URLSearchParams) => Scripted)>();
  const seen: ScriptedSource["seen"] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://source.test");
    seen.push({ path: url.pathname, query: url.search, headers: req.headers });
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      const text = typeof body === "string" ? body : JSON.stringify(body);
      res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
      res.end(text);
    };
    if (opts.apiKey !== undefined && req.headers["x-api-key"] !== opts.apiKey) return send(401, { error: "Unauthorized" });
    const answer = answers.get(url.pathname);
    if (answer === undefined) return send(404, { detail: "Not found" });
    const a = typeof answer === "function" ? answer(url.searchParams) : answer;
    send(a.status ?? 200, a.body ?? "", a.headers);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    set: (pathname, answer) => void answers.set(pathname, answer),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
