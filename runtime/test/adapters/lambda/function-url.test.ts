import { describe, expect, it } from "vitest";
import { FastResponse } from "../../../src/adapters/fetch-light/fast-response.js";
import { toRequest, toResult, type FunctionUrlEvent } from "../../../src/adapters/lambda/function-url.js";

const event = (over: Partial<FunctionUrlEvent> = {}): FunctionUrlEvent => ({
  version: "2.0",
  rawPath: "/api/requests",
  rawQueryString: "media_type=tv&limit=5",
  headers: { host: "abc.lambda-url.eu-west-1.on.aws", "content-type": "application/json", "x-many": "a,b" },
  requestContext: { domainName: "abc.lambda-url.eu-west-1.on.aws", http: { method: "GET", sourceIp: "198.51.100.7" } },
  isBase64Encoded: false,
  ...over,
});

describe("Function URL event → Request", () => {
  it("keeps the raw path and query, headers, cookies and the source IP", async () => {
    const { request, remoteAddress } = toRequest(event({ cookies: ["a=1", "b=2"] }));
    expect(request.method).toBe("GET");
    expect(request.url).toBe("https://abc.lambda-url.eu-west-1.on.aws/api/requests?media_type=tv&limit=5");
    expect(request.headers.get("cookie")).toBe("a=1; b=2");
    expect(request.headers.get("x-many")).toBe("a,b");
    expect(remoteAddress).toBe("198.51.100.7");
  });

  it("does not re-encode an already encoded raw path or query", () => {
    const { request } = toRequest(event({ rawPath: "/list/a%20b", rawQueryString: "token=a%2Bb%3D&x=%C3%A9" }));
    const url = new URL(request.url);
    expect(url.pathname).toBe("/list/a%20b");
    expect(url.searchParams.get("token")).toBe("a+b=");
    expect(url.searchParams.get("x")).toBe("é");
  });

  it("decodes base64 bodies byte for byte (multipart with a binary part)", async () => {
    const boundary = "----b";
    const binary = Buffer.from([0xff, 0xd8, 0x00, 0x80, 0xfe, 0x0d, 0x0a, 0x2d]);
    const multipart = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="payload"\r\n\r\n{"event":"library.new"}\r\n`),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="thumb"; filename="t.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`),
      binary,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const { request } = toRequest(
      event({
        rawPath: "/webhook/plex",
        rawQueryString: "",
        headers: { host: "h", "content-type": `multipart/form-data; boundary=${boundary}` },
        requestContext: { http: { method: "POST", sourceIp: "1.2.3.4" } },
        body: multipart.toString("base64"),
        isBase64Encoded: true,
      }),
    );
    expect(request.url).toBe("https://h/webhook/plex");
    const form = await request.formData();
    expect(form.get("payload")).toBe('{"event":"library.new"}');
    const thumb = form.get("thumb") as File;
    expect(Buffer.from(await thumb.arrayBuffer())).toEqual(binary);
  });

  it("passes text bodies as UTF-8 and ignores a body on GET", async () => {
    const post = toRequest(event({ requestContext: { http: { method: "POST" } }, body: '{"q":"café"}' }));
    expect(await post.request.json()).toEqual({ q: "café" });
    expect(post.remoteAddress).toBeUndefined();
    const get = toRequest(event({ body: "ignored" }));
    expect(get.request.body).toBeNull();
  });

  it("falls back to the domain name when no Host header came", () => {
    const { request } = toRequest(event({ headers: {}, rawQueryString: "" }));
    expect(request.url).toBe("https://abc.lambda-url.eu-west-1.on.aws/api/requests");
  });
});

// The Lambda API bundle's `Response` is a FastResponse, read from its kept body; any other is read as a real one.
describe.each([
  ["Response", Response],
  ["FastResponse", FastResponse as unknown as typeof Response],
])("%s → Function URL result", (_name, Response) => {
  it("returns JSON as text with every header, Set-Cookie as cookies", async () => {
    const headers = new Headers({ "content-type": "application/json; charset=utf-8", etag: '"abc"' });
    headers.append("set-cookie", "a=1; Path=/");
    headers.append("set-cookie", "b=2; HttpOnly");
    const result = await toResult(new Response('{"ok":"é"}', { status: 201, headers }));
    expect(result).toEqual({
      statusCode: 201,
      headers: { "content-type": "application/json; charset=utf-8", etag: '"abc"' },
      cookies: ["a=1; Path=/", "b=2; HttpOnly"],
      body: '{"ok":"é"}',
      isBase64Encoded: false,
    });
  });

  it("base64-encodes binary bodies", async () => {
    const bytes = new Uint8Array([0, 1, 2, 250, 255]);
    const result = await toResult(new Response(bytes, { headers: { "content-type": "image/png" } }));
    expect(result.isBase64Encoded).toBe(true);
    expect(Buffer.from(result.body, "base64")).toEqual(Buffer.from(bytes));
    expect(result.cookies).toBeUndefined();
  });

  it("maps a 304 without a body", async () => {
    const result = await toResult(new Response(null, { status: 304, headers: { etag: '"x"' } }));
    expect(result).toEqual({ statusCode: 304, headers: { etag: '"x"' }, body: "", isBase64Encoded: false });
  });

  it("keeps XML, RSS and JavaScript as text", async () => {
    for (const type of ["application/rss+xml", "text/html; charset=utf-8", "application/javascript", "application/manifest+json"]) {
      const result = await toResult(new Response("<x/>", { headers: { "content-type": type } }));
      expect(result.isBase64Encoded, type).toBe(false);
    }
  });
});
