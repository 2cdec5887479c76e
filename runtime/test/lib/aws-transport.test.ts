/**
 * The AWS adapters' transport (node:http instead of `fetch`): against a real local server, it sends
 * the signed request, reads the whole answer into an `AwsResponse`, keeps the connection alive, and
 * fails the way `fetch` fails — the signal's TimeoutError, or TypeError("fetch failed") — since the
 * adapters' timeout and outage handling keys on exactly that.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { AwsHttpClient, sendSigned } from "../../src/lib/aws-transport.js";
import { isTimeout } from "../../src/lib/deadline.js";

const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((resolve) => s.close(resolve));
  }
});

interface Seen {
  method: string;
  headers: IncomingMessage["headers"];
  body: string;
  socket: Socket;
}

async function serve(handle: (req: IncomingMessage, res: ServerResponse, body: string) => void): Promise<{ url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8").on("data", (d: string) => (body += d));
    req.on("end", () => {
      seen.push({ method: req.method ?? "", headers: req.headers, body, socket: req.socket });
      handle(req, res, body);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, seen };
}

const post = (url: string, body: string) => ({
  method: "POST",
  url,
  body,
  headers: { "x-amz-target": "DynamoDB_20120810.GetItem", "content-type": "application/x-amz-json-1.0" },
});

const rejection = async (p: Promise<unknown>): Promise<Error> => {
  try {
    await p;
  } catch (err) {
    return err as Error;
  }
  throw new Error("expected a rejection");
};

describe("sendSigned", () => {
  it("sends the method, headers and body, and answers status, headers and the whole body", async () => {
    const { url, seen } = await serve((_req, res, body) => {
      res.writeHead(400, { "content-type": "application/x-amz-json-1.0", "x-amzn-errortype": "ValidationException:http://x/" });
      res.end(JSON.stringify({ __type: "com.amazonaws#ValidationException", echoed: body }));
    });
    const res = await sendSigned(post(url, '{"TableName":"t"}'), AbortSignal.timeout(5_000));
    expect(seen[0]).toMatchObject({
      method: "POST",
      body: '{"TableName":"t"}',
      headers: { "x-amz-target": "DynamoDB_20120810.GetItem", "content-type": "application/x-amz-json-1.0", "content-length": "17" },
    });
    expect(seen[0]!.headers["transfer-encoding"]).toBeUndefined();
    expect(res.status).toBe(400);
    expect(res.ok).toBe(false);
    expect(res.headers.get("x-amzn-errortype")).toBe("ValidationException:http://x/");
    expect(await res.json()).toEqual({ __type: "com.amazonaws#ValidationException", echoed: '{"TableName":"t"}' });
  });

  it("answers headers case-insensitively, repeated ones comma-joined, and a body that is not JSON as json()'s rejection", async () => {
    const { url } = await serve((_req, res) => {
      res.setHeader("x-many", ["a", "b"]);
      res.setHeader("set-cookie", ["c=1", "d=2"]);
      res.writeHead(503).end("<html>busy</html>");
    });
    const res = await sendSigned(post(url, "{}"));
    expect(res.ok).toBe(false);
    expect(res.headers.get("X-Many")).toBe("a, b");
    expect(res.headers.get("set-cookie")).toBe("c=1, d=2");
    expect(res.headers.get("x-absent")).toBeNull();
    await expect(res.json()).rejects.toThrow(SyntaxError);
    expect(await res.text()).toBe("<html>busy</html>");
    expect(Buffer.from(await res.arrayBuffer()).toString()).toBe("<html>busy</html>");
  });

  it("reuses one connection for consecutive calls (keep-alive)", async () => {
    const { url, seen } = await serve((_req, res) => res.end("{}"));
    for (let i = 0; i < 3; i++) expect(await (await sendSigned(post(url, "{}"))).json()).toEqual({});
    expect(seen).toHaveLength(3);
    expect(new Set(seen.map((s) => s.socket)).size).toBe(1);
  });

  it("answers a bodiless status with an empty body, and a HEAD with its headers", async () => {
    const { url } = await serve((req, res) => {
      if (req.method === "HEAD") res.writeHead(200, { "last-modified": "Tue, 01 Dec 2026 10:00:00 GMT", "content-length": "42" }).end();
      else res.writeHead(204).end();
    });
    const empty = await sendSigned(post(url, "{}"));
    expect(empty.status).toBe(204);
    expect(await empty.text()).toBe("");
    const head = await sendSigned({ method: "HEAD", url, headers: {} });
    expect(head.status).toBe(200);
    expect(head.headers.get("last-modified")).toBe("Tue, 01 Dec 2026 10:00:00 GMT");
  });

  it("rejects with the signal's TimeoutError when no answer comes, or the body stops, in time", async () => {
    const { url } = await serve((req, res) => {
      if (req.url === "/partial") {
        res.writeHead(200, { "content-length": "100" });
        res.write("{"); // …and never the rest
      } // "/" never answers at all
    });
    const silent = await rejection(sendSigned(post(url, "{}"), AbortSignal.timeout(50)));
    expect(silent.name).toBe("TimeoutError");
    expect(isTimeout(silent)).toBe(true);
    const partial = await rejection(sendSigned(post(`${url}partial`, "{}"), AbortSignal.timeout(100)));
    expect(partial.name).toBe("TimeoutError");
    // An already aborted signal sends nothing.
    const aborted = await rejection(sendSigned(post(url, "{}"), AbortSignal.abort(new DOMException("late", "TimeoutError"))));
    expect(isTimeout(aborted)).toBe(true);
  });

  it("rejects as fetch does when the connection is refused or the response is cut short", async () => {
    const { url } = await serve((_req, res) => {
      res.writeHead(200, { "content-length": "100" });
      res.write("{", () => res.socket?.destroy());
    });
    const cut = await rejection(sendSigned(post(url, "{}"), AbortSignal.timeout(5_000)));
    expect(cut).toBeInstanceOf(TypeError);
    expect(cut.message).toBe("fetch failed");
    expect(isTimeout(cut)).toBe(false);

    const closed = await serve(() => undefined);
    const port = new URL(closed.url).port;
    await new Promise((resolve) => servers.pop()!.close(resolve));
    const refused = await rejection(sendSigned(post(`http://127.0.0.1:${port}/`, "{}"), AbortSignal.timeout(5_000)));
    expect(refused).toBeInstanceOf(TypeError);
    expect(refused.message).toBe("fetch failed");
    expect((refused.cause as NodeJS.ErrnoException).code).toBe("ECONNREFUSED");
  });
});

describe("AwsHttpClient", () => {
  const client = (retries: number) =>
    new AwsHttpClient({
      accessKeyId: "AKIDEXAMPLE",
      secretAccessKey: "secret",
      service: "secretsmanager",
      region: "us-east-1",
      retries,
      initRetryMs: 1,
    });

  it("signs, sends, and retries 5xx and 429 (aws4fetch's policy), not other statuses", async () => {
    const statuses = [503, 429, 200];
    const { url, seen } = await serve((_req, res) => res.writeHead(statuses.shift() ?? 500).end("{}"));
    const res = await client(2).fetch(url, { method: "POST", body: "{}", headers: { "x-amz-target": "secretsmanager.GetSecretValue" } });
    expect(res.status).toBe(200);
    expect(seen).toHaveLength(3);
    expect(seen[0]!.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/us-east-1\/secretsmanager\/aws4_request, /,
    );
    expect(seen[0]!.headers["x-amz-date"]).toMatch(/^\d{8}T\d{6}Z$/);

    const bad = await serve((_req, res) => res.writeHead(400).end("{}"));
    expect((await client(2).fetch(bad.url, { method: "POST", body: "{}" })).status).toBe(400);
    expect(bad.seen).toHaveLength(1);
    const down = await serve((_req, res) => res.writeHead(500).end("{}"));
    expect((await client(1).fetch(down.url, { method: "POST", body: "{}" })).status).toBe(500);
    expect(down.seen).toHaveLength(2);
  });

  it("aborts with the signal passed to fetch", async () => {
    const { url } = await serve(() => undefined);
    const err = await rejection(client(2).fetch(url, { method: "POST", body: "{}", signal: AbortSignal.timeout(50) }));
    expect(err.name).toBe("TimeoutError");
  });
});
