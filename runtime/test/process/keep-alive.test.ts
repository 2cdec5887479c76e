/**
 * Request bodies the app answers without reading (issue #20.1), over raw sockets against the real
 * app behind the Node adapter: the next request on the same keep-alive connection is still
 * answered, and a body too large to drain gets its answer, `Connection: close` and a clean FIN
 * (never a reset that loses the answer).
 */
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rawConnect, type RawConnection } from "@stellarr/testkit/raw-http";
import { createNodeServer } from "../../src/adapters/node/http-server.js";
import type { BodyLimits } from "../../src/adapters/node/connection.js";
import { createTestApp, type TestApp } from "@stellarr/testkit/app";

const HOOK_TOKEN = "keepalive-webhook-token";
const HEALTH = "GET /api/health HTTP/1.1\r\nHost: localhost\r\n\r\n";

/** A chunked body of `total` bytes in chunks of `size`. */
function chunked(total: number, size = 16 * 1024, fill = "x"): string {
  let out = "";
  for (let left = total; left > 0; left -= size) {
    const n = Math.min(size, left);
    out += `${n.toString(16)}\r\n${fill.repeat(n)}\r\n`;
  }
  return `${out}0\r\n\r\n`;
}

async function withServer(limits?: BodyLimits) {
  const t = await createTestApp({ config: { webhookToken: HOOK_TOKEN } });
  const server = createNodeServer(t.app, limits ? { bodyLimits: limits } : {});
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  return { t, server, port: (server.address() as AddressInfo).port };
}

async function close(server: Server, t: TestApp) {
  server.closeAllConnections();
  await new Promise((ok) => server.close(ok));
  await t.close();
}

describe("unread request bodies on a keep-alive connection", () => {
  let t: TestApp;
  let server: Server;
  let port: number;
  let token: string;
  const open: RawConnection[] = [];
  const connect = async () => {
    const c = await rawConnect(port);
    open.push(c);
    return c;
  };

  beforeAll(async () => {
    ({ t, server, port } = await withServer());
    token = t.login("alice");
  });
  afterAll(async () => {
    for (const c of open) c.close();
    await close(server, t);
  });

  it("answers the pipelined request after a 300 KB Content-Length body refused with 401 (the issue's repro)", async () => {
    const c = await connect();
    await c.write(`POST /api/search HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 300000\r\n\r\n`);
    await c.write("x".repeat(300_000) + HEALTH);
    const [refused, health] = await c.responses(2);
    expect(refused!.status).toBe(401);
    expect(refused!.headers.connection).not.toBe("close");
    expect(health!.status).toBe(200);
    expect(health!.json()).toMatchObject({ status: "healthy" });
    expect(await c.ended(200)).toBe("open");
  });

  it.each([
    ["a small Content-Length body", (body: string) => `Content-Length: ${body.length}\r\n\r\n${body}`, "y".repeat(200)],
    ["a large Content-Length body", (body: string) => `Content-Length: ${body.length}\r\n\r\n${body}`, "y".repeat(900_000)],
    ["a small chunked body", (body: string) => `Transfer-Encoding: chunked\r\n\r\n${chunked(body.length, 64)}`, "y".repeat(200)],
    ["a large chunked body", (body: string) => `Transfer-Encoding: chunked\r\n\r\n${chunked(body.length)}`, "y".repeat(900_000)],
  ])("keeps the connection after %s the app never reads", async (_, framing, body) => {
    const c = await connect();
    const requests = [
      // 401 before the body
      `POST /api/search HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n${framing(body)}`,
      // 404: no such route
      `POST /api/nothing-here HTTP/1.1\r\nHost: localhost\r\n${framing(body)}`,
      // 405: wrong method
      `PUT /api/health HTTP/1.1\r\nHost: localhost\r\n${framing(body)}`,
      // 415: wrong content type, authenticated
      `POST /api/search HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${token}\r\nContent-Type: text/plain\r\n${framing(body)}`,
      // the CORS preflight
      `OPTIONS /api/search HTTP/1.1\r\nHost: localhost\r\nOrigin: http://localhost\r\n${framing(body)}`,
      // a success that never reads a body
      `DELETE /api/request/movie/603 HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${token}\r\n${framing(body)}`,
      HEALTH,
    ];
    await c.write(requests.join(""));
    const answers = await c.responses(requests.length, 20_000);
    expect(answers.map((a) => a.status)).toEqual([401, 404, 405, 415, 204, 404, 200]);
    for (const a of answers) expect(a.headers.connection).not.toBe("close");
    expect(await c.ended(200)).toBe("open");
  });

  it("keeps the connection after a body the app began to read and gave up on (413 past the route's cap)", async () => {
    const c = await connect();
    // Chunked, so the cap is found while reading, not from Content-Length.
    const body = chunked(100_000, 8 * 1024, "z");
    await c.write(
      `POST /api/search HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n${body}${HEALTH}`,
    );
    const [tooLarge, health] = await c.responses(2);
    expect(tooLarge!.status).toBe(413);
    expect(tooLarge!.json()).toMatchObject({ code: "payload_too_large" });
    expect(health!.status).toBe(200);
  });

  it("keeps the connection after a Plex webhook (the multipart reader stops at the closing boundary)", async () => {
    const c = await connect();
    const boundary = "----keepalive";
    const payload = JSON.stringify({ event: "media.play", Server: { title: "x" }, Metadata: { type: "movie" } });
    const multipart =
      `--${boundary}\r\nContent-Disposition: form-data; name="payload"\r\n\r\n${payload}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="thumb"; filename="t.jpg"\r\nContent-Type: image/jpeg\r\n\r\n${"\xff".repeat(50_000)}\r\n` +
      `--${boundary}--\r\n` +
      // An epilogue the reader never needs to read.
      "epilogue ".repeat(5_000);
    const bytes = Buffer.from(multipart, "latin1");
    const head = `POST /webhook/plex?token=${HOOK_TOKEN} HTTP/1.1\r\nHost: localhost\r\nContent-Type: multipart/form-data; boundary=${boundary}\r\nContent-Length: ${bytes.length}\r\n\r\n`;
    await c.write(Buffer.concat([Buffer.from(head), bytes, Buffer.from(HEALTH)]));
    const [hook, health] = await c.responses(2);
    expect(hook!.status).toBe(200);
    expect(hook!.json()).toMatchObject({ status: "ignored" });
    expect(health!.status).toBe(200);
  });

  it("answers 413 to a 4.5 MB upload every time, then closes without a reset (10 tries)", async () => {
    for (let i = 0; i < 10; i++) {
      const c = await connect();
      const path = i % 2 ? `/webhook/plex?token=${HOOK_TOKEN}` : "/api/search";
      const type = i % 2 ? "multipart/form-data; boundary=b" : "application/json";
      const body = Buffer.alloc(4_500_000, 0x61);
      // Headers and body in one write: the answer arrives while the client is still sending.
      const sent = c.write(
        Buffer.concat([
          Buffer.from(
            `POST ${path} HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${token}\r\nContent-Type: ${type}\r\nContent-Length: ${body.length}\r\n\r\n`,
          ),
          body,
        ]),
      );
      const [answer] = await c.responses(1);
      expect(answer!.status, `try ${i}`).toBe(413);
      expect(answer!.json()).toMatchObject({ code: "payload_too_large" });
      expect(answer!.headers.connection).toBe("close");
      await sent;
      // The client has sent everything; it closes its side and the server's FIN (not a reset) ends it.
      c.socket.end();
      expect(await c.ended(), `try ${i}`).toBe("end");
    }
  });

  it("answers a chunked body larger than the drain allowance, then closes cleanly", async () => {
    const c = await connect();
    const body = chunked(3_000_000);
    const sent = c.write(`POST /api/search HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n${body}${HEALTH}`);
    const [refused] = await c.responses(1);
    expect(refused!.status).toBe(401);
    await sent;
    c.socket.end();
    expect(await c.ended()).toBe("end");
  });
});

describe("a client that stops sending its body", () => {
  it("gets its answer, and the connection is closed once the drain time has passed", async () => {
    const { t, server, port } = await withServer({ drainBytes: 1024 * 1024, drainMs: 200, lingerMs: 200 });
    try {
      const c = await rawConnect(port);
      await c.write(`POST /api/search HTTP/1.1\r\nHost: localhost\r\nContent-Length: 500000\r\n\r\n${"x".repeat(1000)}`);
      const [refused] = await c.responses(1);
      expect(refused!.status).toBe(401);
      expect(await c.ended(5_000)).toBe("end");
    } finally {
      await close(server, t);
    }
  });
});
