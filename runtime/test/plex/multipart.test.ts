import { randomBytes } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { HttpError } from "../../src/http/errors.js";
import { multipartBoundary, readMultipartFields } from "../../src/http/multipart.js";

const BOUNDARY = "----PlexBoundary7MA4YWxkTrZu0gW";

function body(parts: { name: string; filename?: string; type?: string; data: Uint8Array | string }[], boundary = BOUNDARY): Buffer {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"`;
    if (p.filename) head += `; filename="${p.filename}"`;
    head += "\r\n";
    if (p.type) head += `Content-Type: ${p.type}\r\n`;
    chunks.push(Buffer.from(head + "\r\n"), Buffer.from(p.data), Buffer.from("\r\n"));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

/** A Request whose body arrives in the given chunk sizes (cycled). */
function request(
  bytes: Uint8Array,
  sizes: number[] = [bytes.length || 1],
  contentType = `multipart/form-data; boundary=${BOUNDARY}`,
): Request {
  let offset = 0;
  let i = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      const size = Math.max(1, sizes[i++ % sizes.length]!);
      controller.enqueue(bytes.slice(offset, offset + size));
      offset += size;
    },
  });
  return new Request("http://x.test/webhook/plex", {
    method: "POST",
    body: stream,
    duplex: "half",
    headers: { "content-type": contentType },
  } as RequestInit);
}

const payloadJson = JSON.stringify({ event: "library.new", Metadata: { type: "movie", title: "Amélie" } });
// A thumb whose bytes contain near-misses of the delimiter.
const thumb = Buffer.concat([randomBytes(3000), Buffer.from(`\r\n--${BOUNDARY.slice(0, -1)}x\r\n--`), randomBytes(3000)]);
const plexBody = body([
  { name: "payload", type: "application/json", data: payloadJson },
  { name: "thumb", filename: "thumb.jpg", type: "image/jpeg", data: thumb },
]);

async function failure(p: Promise<unknown>): Promise<{ status: number; code: string }> {
  try {
    await p;
  } catch (err) {
    if (err instanceof HttpError) return { status: err.status, code: err.code };
    throw err;
  }
  throw new Error("expected a failure");
}

describe("readMultipartFields", () => {
  it("keeps the payload and skips the thumb", async () => {
    const fields = await readMultipartFields(request(plexBody), { maxBytes: 4 << 20, keep: ["payload"] });
    expect([...fields.keys()]).toEqual(["payload"]);
    expect(fields.get("payload")).toBe(payloadJson);
  });

  it("reads bodies produced by the platform's FormData encoder", async () => {
    const form = new FormData();
    form.set("payload", payloadJson);
    form.set("thumb", new Blob([thumb], { type: "image/jpeg" }), "thumb.jpg");
    const req = new Request("http://x.test/", { method: "POST", body: form });
    const fields = await readMultipartFields(req, { maxBytes: 4 << 20, keep: ["payload"] });
    expect(fields.get("payload")).toBe(payloadJson);
  });

  it("is independent of how the stream is chunked", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 200 }), { minLength: 1, maxLength: 8 }), async (sizes) => {
        const fields = await readMultipartFields(request(plexBody, sizes), { maxBytes: 4 << 20, keep: ["payload"] });
        expect(fields.get("payload")).toBe(payloadJson);
      }),
      { numRuns: 40 },
    );
  });

  it("byte-at-a-time delivery still finds split delimiters", async () => {
    const small = body([
      { name: "payload", data: "{}" },
      { name: "thumb", data: "\r\n-" },
    ]);
    const fields = await readMultipartFields(request(small, [1]), { maxBytes: 1 << 20, keep: ["payload", "thumb"] });
    expect(fields.get("payload")).toBe("{}");
    expect(fields.get("thumb")).toBe("\r\n-");
  });

  it("any truncation before the closing delimiter is a 400", async () => {
    const end = plexBody.lastIndexOf(Buffer.from(`--${BOUNDARY}--`)) + BOUNDARY.length + 4;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: end - 1 }), fc.integer({ min: 1, max: 5000 }), async (cut, size) => {
        const f = await failure(readMultipartFields(request(plexBody.subarray(0, cut), [size]), { maxBytes: 4 << 20, keep: ["payload"] }));
        expect(f).toEqual({ status: 400, code: "invalid_multipart" });
      }),
      { numRuns: 60 },
    );
  });

  it("stops at the closing boundary without cancelling the stream; cancels it on an error", async () => {
    // A body stream that records how the reader left it: the server drains what is left.
    const tracked = (bytes: Buffer) => {
      let cancelled = 0;
      let offset = 0;
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (offset >= bytes.length) return controller.close();
          controller.enqueue(bytes.subarray(offset, offset + 1024));
          offset += 1024;
        },
        cancel() {
          cancelled++;
        },
      });
      const req = new Request("http://x.test/webhook/plex", {
        method: "POST",
        body: stream,
        duplex: "half",
        headers: { "content-type": `multipart/form-data; boundary=${BOUNDARY}` },
      } as RequestInit);
      return { req, stream, cancelled: () => cancelled, left: () => bytes.length - offset };
    };
    const ok = tracked(Buffer.concat([plexBody, Buffer.from("an epilogue ".repeat(2000))]));
    const fields = await readMultipartFields(ok.req, { maxBytes: 4 << 20, keep: ["payload"] });
    expect(fields.get("payload")).toBe(payloadJson);
    expect(ok.cancelled()).toBe(0);
    expect(ok.left()).toBeGreaterThan(0);

    const bad = tracked(
      body([
        { name: "payload", data: "{}" },
        { name: "thumb", data: randomBytes(70_000) },
      ]),
    );
    expect(await failure(readMultipartFields(bad.req, { maxBytes: 8 * 1024, keep: ["payload"] }))).toMatchObject({ status: 413 });
    expect(bad.cancelled()).toBe(1);
  });

  it("caps the whole body (413), thumb included", async () => {
    const big = body([
      { name: "payload", data: "{}" },
      { name: "thumb", data: randomBytes(70_000) },
    ]);
    expect(await failure(readMultipartFields(request(big, [4096]), { maxBytes: 64 * 1024, keep: ["payload"] }))).toEqual({
      status: 413,
      code: "payload_too_large",
    });
  });

  it("handles a preamble, quoted boundary, transport padding, empty parts and escaped names", async () => {
    const raw = Buffer.from(
      `preamble text\r\n--${BOUNDARY}  \r\nContent-Disposition: form-data; name="a\\"b"\r\n\r\nquoted\r\n` +
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name=empty\r\n\r\n\r\n` +
        `--${BOUNDARY}\r\ncontent-disposition: form-data; filename="payload.json"; name="payload"\r\n\r\n{"x":1}\r\n` +
        `--${BOUNDARY}--\r\nepilogue`,
    );
    const fields = await readMultipartFields(request(raw, [7], `multipart/form-data; charset=utf-8; boundary="${BOUNDARY}"`), {
      maxBytes: 1 << 20,
      keep: ["payload", "empty", 'a"b'],
    });
    expect(Object.fromEntries(fields)).toEqual({ 'a"b': "quoted", empty: "", payload: '{"x":1}' });
  });

  it("rejects malformed bodies", async () => {
    const opts = { maxBytes: 1 << 20, keep: ["payload"] };
    const cases = [
      `--${BOUNDARY}garbage\r\n\r\nx\r\n--${BOUNDARY}--`,
      `--${BOUNDARY}\r\nno colon here\r\n\r\nx\r\n--${BOUNDARY}--`,
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="payload"\r\n` + "X: y\r\n".repeat(4000),
      "",
      "just text",
    ];
    for (const c of cases) expect((await failure(readMultipartFields(request(Buffer.from(c)), opts))).status).toBe(400);
    const invalidUtf8 = Buffer.concat([
      Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="payload"\r\n\r\n`),
      Buffer.from([0xff, 0xfe]),
      Buffer.from(`\r\n--${BOUNDARY}--`),
    ]);
    expect(await failure(readMultipartFields(request(invalidUtf8), opts))).toEqual({ status: 400, code: "invalid_multipart" });
    expect((await failure(readMultipartFields(request(plexBody, [100], "multipart/form-data"), opts))).status).toBe(400);
  });

  it("multipartBoundary", () => {
    expect(multipartBoundary("application/json")).toBeNull();
    expect(multipartBoundary(null)).toBeNull();
    expect(multipartBoundary("multipart/form-data")).toBe("missing");
    expect(multipartBoundary("Multipart/Form-Data; boundary=abc")).toBe("abc");
    expect(multipartBoundary(`multipart/form-data; boundary="${"x".repeat(71)}"`)).toBe("missing");
  });
});
