/**
 * Transport-level errors (issue #20.7): requests Node's HTTP parser refuses answer with the JSON
 * error shape, an `X-Request-Id` and the security headers, like every other answer — over raw
 * sockets, since no client library sends such requests.
 */
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rawConnect, type RawResponse } from "@stellarr/testkit/raw-http";
import { createNodeServer } from "../../src/adapters/node/http-server.js";
import { createTestApp, type TestApp } from "../support/harness.js";
import { recordingLogger, type RecordingLogger } from "../support/logger.js";

function expectJsonError(r: RawResponse, status: number, code: string) {
  expect(r.status).toBe(status);
  expect(r.headers["content-type"]).toBe("application/json; charset=utf-8");
  expect(r.headers["x-request-id"]).toMatch(/^[a-z0-9]+-[a-z0-9]+-[a-z0-9]+$/);
  expect(r.headers["x-content-type-options"]).toBe("nosniff");
  expect(r.headers.connection).toBe("close");
  const body = r.json() as Record<string, unknown>;
  expect(body).toEqual({ detail: expect.any(String), code });
}

describe("transport-level errors", () => {
  let t: TestApp;
  let server: Server;
  let port: number;
  let logger: RecordingLogger;

  beforeAll(async () => {
    t = await createTestApp({ config: { baseUrl: "https://stellarr.example" } });
    logger = recordingLogger();
    server = createNodeServer(t.app, {
      logger,
      baseUrl: "https://stellarr.example",
      http: { requestTimeout: 400, headersTimeout: 300, connectionsCheckingInterval: 50 },
    });
    await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((ok) => server.close(ok));
    await t.close();
  });

  async function exchange(raw: string | Buffer): Promise<{ answer: RawResponse; end: string }> {
    const c = await rawConnect(port);
    await c.write(raw);
    const [answer] = await c.responses(1);
    return { answer: answer!, end: await c.ended() };
  }

  it.each([
    ["a malformed request line", "NOT HTTP AT ALL\r\n\r\n"],
    ["a header without a colon", "GET /api/health HTTP/1.1\r\nHost: x\r\nbroken header\r\n\r\n"],
    ["a bad chunk size", "POST /api/search HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n"],
    [
      "both Content-Length and chunked",
      "POST /api/search HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\nabc",
    ],
    ["an HTTP/1.1 request without Host", "GET /api/health HTTP/1.1\r\n\r\n"],
  ])("%s → 400 bad_request in the JSON shape, then a clean close", async (_, raw) => {
    const { answer, end } = await exchange(raw);
    expectJsonError(answer, 400, "bad_request");
    expect(answer.headers["strict-transport-security"]).toContain("max-age=");
    expect(end).toBe("end");
  });

  it("oversized headers → 431 headers_too_large", async () => {
    const { answer, end } = await exchange(`GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`);
    expectJsonError(answer, 431, "headers_too_large");
    expect(end).toBe("end");
  });

  it("a request not received within requestTimeout → 408 request_timeout", async () => {
    const c = await rawConnect(port);
    await c.write("POST /api/search HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nabc");
    // The app answers 401 at once; the rest of the body never comes.
    const [first] = await c.responses(1);
    expect(first!.status).toBe(401);
    const c2 = await rawConnect(port);
    await c2.write("GET /api/health HTTP/1.1\r\nHost: x\r\n");
    const [late] = await c2.responses(1);
    expectJsonError(late!, 408, "request_timeout");
    c.close();
  });

  it("logs each with its request id, and a reset connection does not disturb the server", async () => {
    const { answer } = await exchange("BREW /pot HTTP/1.1\r\n\r\n");
    const id = answer.headers["x-request-id"];
    expect(logger.lines.some((l) => l.msg === "client error" && l.fields?.request_id === id && l.fields?.status === 400)).toBe(true);

    const c = await rawConnect(port);
    await c.write("POST /api/search HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\nabc");
    c.socket.resetAndDestroy();
    const ok = await rawConnect(port);
    await ok.write("GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n");
    const [health] = await ok.responses(1);
    expect(health!.status).toBe(200);
    ok.close();
  });
});
