/** The one error renderer (product.md §4): each kind of failure as its status and `{detail, code}`, never a 500 for a client's fault. */
import { describe, expect, it } from "vitest";
import { recordingLogger } from "@stellarr/testkit/logger";
import { HttpError } from "../../../src/http/errors.js";
import { renderError } from "../../../src/http/middleware/errors.js";
import type { AppRequest } from "../../../src/http/router.js";
import { UpstreamError } from "../../../src/ports/catalogue.js";
import { RequestBodyError } from "../../../src/ports/http.js";
import { StoreUnavailableError } from "../../../src/ports/store/index.js";

const request = { ctx: { requestId: "r1", clientIp: "127.0.0.1", origin: "http://x" } } as unknown as AppRequest;

async function rendered(err: unknown) {
  const logger = recordingLogger();
  const res = renderError(err, request, logger);
  return { status: res.status, retryAfter: res.headers.get("retry-after"), body: await res.json(), logger };
}

describe("renderError", () => {
  it("renders an HttpError as its status, code and detail", async () => {
    expect(await rendered(new HttpError(415, "unsupported_media_type", "Content-Type must be application/json"))).toMatchObject({
      status: 415,
      body: { detail: "Content-Type must be application/json", code: "unsupported_media_type" },
    });
  });

  it("renders a body the host could not deliver in full as a 400, not a 500", async () => {
    const r = await rendered(new RequestBodyError());
    expect(r).toMatchObject({ status: 400, body: { detail: "The request body was not received in full", code: "bad_request" } });
    expect(r.logger.lines.filter((l) => l.level === "error")).toEqual([]);
  });

  it("renders an unavailable store as a 503 with Retry-After, an upstream failure as 502/504", async () => {
    expect(await rendered(new StoreUnavailableError("down", { retryAfterSeconds: 7 }))).toMatchObject({
      status: 503,
      retryAfter: "7",
      body: { code: "store_unavailable" },
    });
    expect((await rendered(new UpstreamError("timeout", "slow"))).status).toBe(504);
  });

  it("renders anything else as a logged 500 that says nothing more", async () => {
    const r = await rendered(new Error("secret detail"));
    expect(r).toMatchObject({ status: 500, body: { detail: "Internal server error", code: "internal_error" } });
    expect(JSON.stringify(r.body)).not.toContain("secret");
    expect(r.logger.lines.some((l) => l.level === "error" && l.msg === "unhandled error")).toBe(true);
  });
});
