/**
 * `BufferedRequest` (adapters/fetch-light/buffered-request.ts), the Lambda API's Request: it
 * behaves as `new Request(url, { method, headers, body })` would for what the app reads, refuses
 * what that constructor refuses, and hands the rest to a real Request built on first use.
 * (That it loads no undici for a bodiless request is test/lambda/light-fetch.test.ts's.)
 */
import { describe, expect, it } from "vitest";
import { BufferedRequest } from "../../../src/adapters/fetch-light/buffered-request.js";
import { LightHeaders } from "../../../src/adapters/fetch-light/light-headers.js";

const make = (url: string, method: string, body?: Uint8Array<ArrayBuffer>, headers = new LightHeaders({ "content-type": "text/plain" })) =>
  new BufferedRequest(url, { method, headers, body }) as unknown as Request;

describe("BufferedRequest", () => {
  it("answers method, url and headers as a real Request, and passes instanceof Request", () => {
    const url = "https://h.example/a b/ü?q=1 2";
    const request = make(url, "GET");
    const real = new Request(url, { method: "GET" });
    expect(request.url).toBe(real.url);
    expect(request.method).toBe("GET");
    expect(request.headers.get("content-type")).toBe("text/plain");
    expect(request.headers).toBe(request.headers);
    expect(request.body).toBeNull();
    expect(request.bodyUsed).toBe(false);
    expect(request instanceof Request).toBe(true);
    expect(Object.prototype.toString.call(request)).toBe("[object Request]");
    expect(request.signal.aborted).toBe(false);
  });

  it("reads its body as a stream or through the body methods, once", async () => {
    const bytes = new Uint8Array(Buffer.from('{"a":"ü"}'));
    const streamed = make("https://h.example/x", "POST", bytes);
    const reader = streamed.body!.getReader();
    const chunks: Uint8Array[] = [];
    for (let r = await reader.read(); !r.done; r = await reader.read()) chunks.push(r.value);
    expect(Buffer.concat(chunks).toString()).toBe('{"a":"ü"}');
    expect(streamed.bodyUsed).toBe(true);

    const parsed = make("https://h.example/x", "PUT", new Uint8Array(bytes));
    expect(await parsed.json()).toEqual({ a: "ü" });
    await expect(parsed.text()).rejects.toThrow(TypeError);
  });

  it("refuses a body method once the stream was read, as a used body; a clone before the read sees it all", async () => {
    const bytes = () => new Uint8Array(Buffer.from("hello"));
    const read = make("https://h.example/x", "POST", bytes());
    await new Response(read.body).text();
    expect(read.bodyUsed).toBe(true);
    await expect(read.text()).rejects.toThrow(TypeError);
    expect(read.signal.aborted).toBe(false);

    const real = new Request("https://h.example/x", { method: "POST", body: bytes() });
    await new Response(real.body).text();
    await expect(real.text()).rejects.toThrow(TypeError);

    const cloned = make("https://h.example/x", "POST", bytes());
    const copy = cloned.clone();
    expect(await copy.text()).toBe("hello");
    expect(await new Response(cloned.body).text()).toBe("hello");
    expect(cloned.bodyUsed).toBe(true);
  });

  it("gives the same stream on every read of body, and a body method reads through it", async () => {
    const request = make("https://h.example/x", "POST", new Uint8Array(Buffer.from("abc")));
    const stream = request.body;
    expect(request.body).toBe(stream);
    expect(request.bodyUsed).toBe(false);
    expect(await request.text()).toBe("abc");
    expect(request.bodyUsed).toBe(true);
  });

  it("refuses what new Request refuses, with a TypeError", () => {
    expect(() => make("https://bad host/", "GET")).toThrow(TypeError);
    expect(() => make("https://h.example/", "TRACE")).toThrow(TypeError);
    expect(() => make("https://h.example/", "GE T")).toThrow(TypeError);
    expect(() => make("https://h.example/", "GET", new Uint8Array([1]))).toThrow(TypeError);
    // And normalises the methods Request normalises.
    expect(make("https://h.example/", "delete").method).toBe("DELETE");
    expect(make("https://h.example/", "patch").method).toBe("patch");
  });
});
