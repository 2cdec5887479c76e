/**
 * The Node adapter's lighter Request and Response behave as the WHATWG ones the app was written
 * against: FastResponse side by side with the native Response for every way the app builds one,
 * and the lazy NodeRequest as a route sees it through a real server.
 */
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FastResponse, installFastResponse, preparedBody } from "../../../src/adapters/fetch-light/fast-response.js";
import { LightHeaders } from "../../../src/adapters/fetch-light/light-headers.js";
import { createNodeServer } from "../../../src/adapters/node/http-server.js";
import type { App } from "../../../src/http/app.js";
import { RequestBodyError } from "../../../src/ports/http.js";
import { rawConnect } from "@stellarr/testkit/raw-http";

const NativeResponse = globalThis.Response;
const make = (body?: BodyInit | null, init?: ResponseInit) => new FastResponse(body, init) as unknown as Response;

async function snapshot(r: Response) {
  return {
    status: r.status,
    statusText: r.statusText,
    ok: r.ok,
    type: r.type,
    redirected: r.redirected,
    url: r.url,
    headers: [...r.headers],
    text: await r.text(),
    bodyUsed: r.bodyUsed,
  };
}

describe("FastResponse", () => {
  const cases: [string, BodyInit | null | undefined, ResponseInit | undefined][] = [
    [
      "a JSON string",
      JSON.stringify({ a: 1 }),
      { status: 201, headers: { "content-type": "application/json; charset=utf-8", etag: '"x"' } },
    ],
    ["a string without a content type", "plain", undefined],
    ["bytes", new Uint8Array([104, 105]), { headers: [["x-a", "1"]] }],
    ["no body", null, { status: 204, headers: new Headers({ vary: "Origin" }) }],
    ["nothing at all", undefined, undefined],
    ["a 304 with headers", null, { status: 304, headers: { etag: '"e"' } }],
    ["a stream", new NativeResponse("streamed").body, { status: 202 }],
    ["a status text", "x", { status: 418, statusText: "I'm a teapot" }],
  ];

  it.each(cases)("behaves like the native Response: %s", async (_, body, init) => {
    const fast = make(body, init);
    const native = new NativeResponse(
      body instanceof ReadableStream ? new NativeResponse("streamed").body : body,
      init?.headers instanceof Headers ? { ...init, headers: new Headers(init.headers) } : init,
    );
    expect(fast).toBeInstanceOf(NativeResponse);
    expect(Object.prototype.toString.call(fast)).toBe("[object Response]");
    expect(await snapshot(fast)).toEqual(await snapshot(native));
  });

  it("throws what the native constructor throws", () => {
    for (const [body, init] of [
      ["x", { status: 204 }],
      ["x", { status: 304 }],
      [null, { status: 199 }],
      [null, { status: 600 }],
    ] as const) {
      const error = (() => {
        try {
          new NativeResponse(body, init);
        } catch (err) {
          return (err as Error).constructor;
        }
      })();
      expect(error).toBeDefined();
      expect(() => make(body, init)).toThrow(error as new () => Error);
    }
  });

  it("keeps string and byte bodies for the adapter until something needs a real Response", async () => {
    const r = make("kept", { headers: { "content-type": "text/plain" } });
    r.headers.set("x-request-id", "id-1");
    expect(preparedBody(r)).toEqual({ status: 200, body: "kept" });
    // Headers set before a real Response is built are carried over.
    const copy = r.clone();
    expect(preparedBody(r)).toBeNull();
    expect(r.headers.get("x-request-id")).toBe("id-1");
    expect(await copy.text()).toBe("kept");
    expect(await r.text()).toBe("kept");
    expect(r.bodyUsed).toBe(true);
    expect(preparedBody(new NativeResponse("native"))).toBeNull();
  });

  it("copies its init headers, as the native constructor does", () => {
    const shared = new Headers({ "cache-control": "no-cache" });
    const r = make("x", { headers: shared });
    r.headers.set("cache-control", "no-store");
    expect(shared.get("cache-control")).toBe("no-cache");
  });

  it("as the global Response: instanceof both ways, and the static methods work", async () => {
    installFastResponse();
    installFastResponse();
    expect(globalThis.Response).toBe(FastResponse);
    expect(new Response("x")).toBeInstanceOf(Response);
    expect(new NativeResponse("x")).toBeInstanceOf(Response);
    const json = Response.json({ a: 1 }, { status: 202 });
    expect(json).toBeInstanceOf(Response);
    expect(json.status).toBe(202);
    expect(await json.json()).toEqual({ a: 1 });
    expect(Response.redirect("http://x.test/a", 302).headers.get("location")).toBe("http://x.test/a");
    expect(Response.error().type).toBe("error");
  });
});

describe("LightHeaders", () => {
  const NativeHeaders = globalThis.Headers;
  type Op = [op: "set" | "append" | "delete" | "get" | "has", name: string, value?: string];
  const ops: Op[] = [
    ["set", "Content-Type", "application/json"],
    ["append", "Vary", "Origin"],
    ["append", "vary", "Accept-Encoding"],
    ["append", "Set-Cookie", "a=1; Path=/"],
    ["append", "set-cookie", "b=2"],
    ["set", "X-Trim", "  \t padded value \t "],
    ["set", "X-Latin", "caf\u00e9"],
    ["get", "VARY"],
    ["get", "set-cookie"],
    ["has", "x-missing"],
    ["has", "Set-Cookie"],
    ["delete", "x-trim"],
    ["get", "x-trim"],
    ["set", "x-empty", ""],
    ["append", "a-first", "1"],
  ];

  const run = (h: Headers) => {
    const seen: unknown[] = [];
    for (const [op, name, value] of ops) {
      const out = op === "set" || op === "append" ? h[op](name, value!) : h[op](name);
      seen.push(out ?? null);
    }
    const each: [string, string][] = [];
    h.forEach((v, k) => each.push([k, v]));
    return { seen, entries: [...h], keys: [...h.keys()], values: [...h.values()], each, cookies: h.getSetCookie() };
  };

  it("gives the same answers as the native Headers, operation by operation", () => {
    const light = new LightHeaders() as unknown as Headers;
    expect(light).toBeInstanceOf(NativeHeaders);
    expect(Object.prototype.toString.call(light)).toBe("[object Headers]");
    expect(run(light)).toEqual(run(new NativeHeaders()));
  });

  it("is built from the same inits, and native objects built from it copy it", () => {
    const inits: HeadersInit[] = [
      { "Content-Type": "text/plain", "X-A": " 1 " },
      [
        ["x-b", "1"],
        ["X-B", "2"],
        ["set-cookie", "c=3"],
      ],
      new NativeHeaders({ etag: '"x"' }),
      new LightHeaders({ "x-from": "light" }) as unknown as Headers,
    ];
    for (const init of inits) expect([...(new LightHeaders(init) as unknown as Headers)]).toEqual([...new NativeHeaders(init)]);

    const light = new LightHeaders({ "x-a": "1", "set-cookie": "s=1" }) as unknown as Headers;
    light.append("set-cookie", "t=2");
    expect([...new NativeHeaders(light)]).toEqual([...light]);
    expect(new NativeResponse(null, { headers: light }).headers.getSetCookie()).toEqual(["s=1", "t=2"]);
    expect(new Request("http://x.test/", { headers: light }).headers.get("x-a")).toBe("1");
  });

  it("refuses what the native Headers refuses", () => {
    for (const [name, value] of [
      ["bad name", "v"],
      ["x-a", "line\r\nbreak"],
      ["x-a", "nul\0"],
      ["x-a", "snow\u2603man"],
      ["", "v"],
    ]) {
      expect(() => new NativeHeaders().set(name!, value!), `${name}: ${value}`).toThrow(TypeError);
      expect(() => (new LightHeaders() as unknown as Headers).set(name!, value!), `${name}: ${value}`).toThrow(TypeError);
    }
    expect(() => new LightHeaders([["only-a-name"]] as unknown as HeadersInit)).toThrow(TypeError);
  });

  it("reads a request's headers as Node parsed them", () => {
    const h = LightHeaders.fromIncoming({ host: "x.test", cookie: "a=1; b=2", "set-cookie": ["s=1"], accept: "*/*" }) as unknown as Headers;
    expect(h.get("Host")).toBe("x.test");
    expect(h.get("cookie")).toBe("a=1; b=2");
    expect(h.getSetCookie()).toEqual(["s=1"]);
    expect([...h.keys()]).toEqual(["accept", "cookie", "host", "set-cookie"]);
  });
});

describe("NodeRequest, as a route sees it", () => {
  let port: number;
  let close: () => Promise<void>;
  const seen: Record<string, unknown>[] = [];

  beforeAll(async () => {
    const app: App = {
      routes: () => [],
      async fetch(request) {
        const r = request as Request & { params?: unknown };
        r.params = { set: "by the router" };
        const info: Record<string, unknown> = {
          isRequest: request instanceof Request,
          tag: Object.prototype.toString.call(request),
          method: request.method,
          url: request.url,
          pathname: new URL(request.url).pathname,
          accept: request.headers.get("accept"),
          multi: request.headers.get("x-multi"),
          params: r.params,
          nullBody: request.body === null,
          signal: request.signal instanceof AbortSignal,
          copy: new Request(request.url, { method: "GET", headers: request.headers }).headers.get("accept"),
        };
        if (request.method === "POST" && request.headers.get("x-read") === "truncated") {
          try {
            info.text = await request.text();
          } catch (err) {
            info.error = { bodyError: err instanceof RequestBodyError, message: (err as Error).message };
          }
        } else if (request.method === "POST") {
          info.usedBefore = request.bodyUsed;
          info.text = request.headers.get("x-read") === "json" ? await request.json() : await request.text();
          info.usedAfter = request.bodyUsed;
        }
        seen.push(info);
        return new Response("ok");
      },
    };
    const server = createNodeServer(app);
    await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
    port = (server.address() as AddressInfo).port;
    close = () => new Promise((ok) => server.close(() => ok()));
  });
  afterAll(() => close());

  it("has method, url, headers and no body on a GET; a real Request is built only on demand", async () => {
    const res = await fetch(`http://127.0.0.1:${port}/a/b?c=1`, { headers: { accept: "text/x", "x-multi": "1" } });
    expect(await res.text()).toBe("ok");
    expect(seen.at(-1)).toMatchObject({
      isRequest: true,
      tag: "[object Request]",
      method: "GET",
      url: `http://127.0.0.1:${port}/a/b?c=1`,
      pathname: "/a/b",
      accept: "text/x",
      multi: "1",
      params: { set: "by the router" },
      nullBody: true,
      signal: true,
      copy: "text/x",
    });
  });

  it("streams a POST body (text and json), marking it used", async () => {
    const body = "é".repeat(50_000);
    await (await fetch(`http://127.0.0.1:${port}/p`, { method: "POST", body })).text();
    expect(seen.at(-1)).toMatchObject({ method: "POST", text: body, usedBefore: false, usedAfter: true });
    await (await fetch(`http://127.0.0.1:${port}/p`, { method: "POST", headers: { "x-read": "json" }, body: '{"a":[1,2]}' })).text();
    expect(seen.at(-1)).toMatchObject({ text: { a: [1, 2] } });
  });

  it("fails the body stream with RequestBodyError (a 400 for the app) when the client stops halfway", async () => {
    const before = seen.length;
    const c = await rawConnect(port);
    await c.write("POST /t HTTP/1.1\r\nHost: x\r\nX-Read: truncated\r\nContent-Length: 100\r\n\r\n" + "a".repeat(10));
    // Headers and part of the body are in; then the client goes away.
    c.socket.destroy();
    await expect.poll(() => seen.length, { timeout: 10_000 }).toBe(before + 1);
    expect(seen.at(-1)).toMatchObject({
      method: "POST",
      error: { bodyError: true, message: "The request body was not received in full" },
    });
  });
});
