import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { fetchWithRetry, HttpFailure, requestWithRetry, type RetryOptions } from "../../../src/adapters/http-client/fetch-with-retry.js";
import { deadlineAt, deadlineIn, withDeadline } from "../../../src/lib/deadline.js";

/** A loopback server whose answer per request is scripted by the test. */
let handler: (req: IncomingMessage, res: ServerResponse, n: number) => void;
let hits = 0;
let url = "";
const server = createServer((req, res) => handler(req, res, ++hits));

beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/x`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});
beforeEach(() => {
  hits = 0;
});

const retries: { attempt: number; reason: string; delayMs: number }[] = [];
const opts = (over: Partial<RetryOptions> = {}): RetryOptions => {
  retries.length = 0;
  return {
    attempts: 3,
    baseDelayMs: 1,
    timeoutMs: 2000,
    fetch: globalThis.fetch,
    sleep: async () => {},
    onRetry: (info) => void retries.push(info),
    ...over,
  };
};
const json = async (res: Response) => {
  if (!res.ok) throw new HttpFailure(`answered ${res.status}`, res.status);
  return (await res.json()) as unknown;
};

describe("requestWithRetry", () => {
  it("retries 5xx and 429 (honouring Retry-After) and returns what read makes of the first good answer", async () => {
    handler = (_req, res, n) => {
      if (n === 1) return void res.writeHead(503).end("busy");
      if (n === 2) return void res.writeHead(429, { "retry-after": "2" }).end();
      res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
    };
    expect(await requestWithRetry(url, {}, opts(), "test", json)).toEqual({ ok: true });
    expect(hits).toBe(3);
    expect(retries.map((r) => r.reason)).toEqual(["HTTP 503", "HTTP 429"]);
    expect(retries[1]!.delayMs).toBe(2000);
  });

  it("a body that stalls after the headers is a failed attempt, retried under a fresh deadline", async () => {
    handler = (_req, res, n) => {
      res.writeHead(200, { "content-type": "application/json" });
      if (n === 1) return void res.write('{"ok":'); // never finished: the attempt's deadline ends it
      res.end('{"ok":true}');
    };
    expect(await requestWithRetry(url, {}, opts({ timeoutMs: 300 }), "test", json)).toEqual({ ok: true });
    expect(hits).toBe(2);
    expect(retries.map((r) => r.reason)).toEqual(["timed out"]);
  });

  it("a connection dropped halfway through the body is retried too", async () => {
    handler = (req, res, n) => {
      if (n === 1) {
        res.writeHead(200, { "content-type": "application/json", "content-length": "100" });
        res.write('{"ok":');
        return void setTimeout(() => req.socket.destroy(), 20);
      }
      res.writeHead(200, { "content-type": "application/json" }).end('{"ok":1}');
    };
    expect(await requestWithRetry(url, {}, opts(), "test", json)).toEqual({ ok: 1 });
    expect(hits).toBe(2);
  });

  it("an HttpFailure from read ends the request at once (a 401 is not retried)", async () => {
    handler = (_req, res) => void res.writeHead(401).end();
    await expect(requestWithRetry(url, {}, opts(), "test", json)).rejects.toMatchObject({ name: "HttpFailure", status: 401 });
    expect(hits).toBe(1);
  });

  it("after the last attempt: the last retryable answer goes to read; a network failure becomes one HttpFailure line", async () => {
    handler = (_req, res) => void res.writeHead(500).end();
    await expect(requestWithRetry(url, {}, opts(), "test", json)).rejects.toThrow("answered 500");
    expect(hits).toBe(3);

    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const deadUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/`;
    await new Promise<void>((r) => closed.close(() => r()));
    const err = await requestWithRetry(deadUrl, {}, opts({ attempts: 2 }), "Jellyfin /Items", json).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpFailure);
    expect((err as HttpFailure).message).toBe("Jellyfin /Items: ECONNREFUSED (after 2 attempts)");
  });
});

describe("fetchWithRetry", () => {
  it("hands back the response; the caller reads the body", async () => {
    handler = (_req, res, n) => (n === 1 ? void res.writeHead(502).end() : void res.writeHead(404).end("nope"));
    const res = await fetchWithRetry(url, {}, opts(), "test");
    expect(res.status).toBe(404);
    expect(await res.text()).toBe("nope");
    expect(hits).toBe(2);
  });
});

describe("requestWithRetry under a deadline", () => {
  it("starts no retry whose wait would not leave time for it: that answer is the last", async () => {
    handler = (_req, res) => void res.writeHead(503, { "retry-after": "30" }).end("busy");
    const now = 1_000;
    // 10 s left on a clock that never moves: only the 30 s Retry-After decides.
    const res = await withDeadline(
      deadlineAt(now + 10_000, () => now),
      () => fetchWithRetry(url, {}, opts({ attempts: 5 }), "test"),
    );
    expect(res.status).toBe(503);
    expect(hits).toBe(1);
    expect(retries).toEqual([]);
  });

  it("ends a stalled attempt at the deadline without retrying, and asks nothing once it has passed", async () => {
    handler = () => {}; // never answers
    const stalled = withDeadline(deadlineIn(300), () => requestWithRetry(url, {}, opts({ attempts: 3, timeoutMs: 60_000 }), "test", json));
    await expect(stalled).rejects.toThrow(/test: timed out \(after 1 attempts\)/);
    expect(hits).toBe(1);
    const passed = withDeadline(deadlineAt(Date.now() - 1), () => requestWithRetry(url, {}, opts(), "test", json));
    await expect(passed).rejects.toBeInstanceOf(HttpFailure);
    expect(hits).toBe(1);
  });
});
