import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { StoreUnavailableError, type Store } from "../../src/ports/store/index.js";
import { createTestApp, type TestApp } from "@stellarr/testkit/app";
import { storeFactories } from "@stellarr/testkit/stores";

describe.each(storeFactories)("error model ($name)", (factory) => {
  let t: TestApp;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    const made = await factory.create();
    cleanup = made.cleanup;
    t = await createTestApp({ store: made.store });
  });
  afterEach(async () => {
    await t.close();
    await cleanup();
  });

  it("answers unknown /api paths with a JSON 404", async () => {
    const res = await t.request("/api/nope");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(await res.json()).toEqual({ detail: "Not found", code: "not_found" });
  });

  it("answers a wrong method with 405 and Allow", async () => {
    const res = await t.request("/api/health", { method: "DELETE" });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET, HEAD");
    expect((await res.json()).code).toBe("method_not_allowed");
  });

  it("rejects unparsable JSON with 400, a wrong content type with 415, an oversized body with 413", async () => {
    const bad = await t.request("/api/auth/verify", { method: "POST", body: "{nope", headers: { "content-type": "application/json" } });
    expect(bad.status).toBe(400);
    expect((await bad.json()).code).toBe("invalid_json");
    const type = await t.request("/api/auth/verify", {
      method: "POST",
      body: "a=b",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(type.status).toBe(415);
    expect((await type.json()).code).toBe("unsupported_media_type");
    const big = await t.request("/api/auth/verify", { json: { origin: "x".repeat(20_000), challenge: "", hash: "", name: "" } });
    expect(big.status).toBe(413);
    expect((await big.json()).code).toBe("payload_too_large");
  });

  it("answers schema errors with 422 and the paths", async () => {
    const res = await t.request("/api/auth/verify", { json: { origin: 1, challenge: "c", hash: "h" } });
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.code).toBe("validation_failed");
    expect(body.errors.map((e: { path: unknown[] }) => e.path[0]).sort()).toEqual(["name", "origin"]);
  });

  it("adds a request id and security headers", async () => {
    const res = await t.request("/api/health");
    expect(res.headers.get("x-request-id")).toMatch(/\S+/);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    const html = await t.request("/some/spa/path");
    expect(html.headers.get("content-security-policy")).toContain("default-src 'self'");
    expect(html.headers.get("content-security-policy")).not.toContain("unsafe-eval");
    expect(html.headers.get("x-frame-options")).toBe("DENY");
  });

  it("never logs query strings", async () => {
    await t.request("/list/radarr?token=super-secret-feed-token");
    const logged = JSON.stringify(t.logger.lines);
    expect(logged).toContain("/list/radarr");
    expect(logged).not.toContain("super-secret-feed-token");
  });

  it("serves health, config.json and the manifest", async () => {
    const health = await (await t.request("/api/health")).json();
    expect(health).toMatchObject({ status: "healthy", service: "stellarr", storage: factory.name });
    expect(["tmdb", "demo"]).toContain(health.catalogue);
    const cfg = await (await t.request("/config.json")).json();
    expect(cfg).toMatchObject({ app_name: "Stellarr", locales: ["en", "es", "fr", "de"] });
    const manifest = await t.request("/manifest.webmanifest");
    expect(manifest.headers.get("content-type")).toContain("application/manifest+json");
    expect((await manifest.json()).icons.some((i: { purpose: string }) => i.purpose === "maskable")).toBe(true);
    expect((await t.request("/api/ready")).status).toBe(200);
  });
});

describe("store outages and bugs", () => {
  const failingStore = (err: Error): Store =>
    new Proxy({} as Store, {
      get: (_t, prop) => (prop === "kind" ? "sqlite" : prop === "stats" ? { roundTrips: 0 } : () => Promise.reject(err)),
    });

  it("turns a store outage into 503 store_unavailable with Retry-After", async () => {
    const t = await createTestApp({ store: failingStore(new StoreUnavailableError("disk full", { retryAfterSeconds: 7 })) });
    const res = await t.request("/api/ready");
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("7");
    expect(await res.json()).toEqual({ detail: "Storage is temporarily unavailable", code: "store_unavailable" });
  });

  it("renders a thrown error as a 500 without its message", async () => {
    const t = await createTestApp({ store: failingStore(new Error("secret internals at /etc/passwd")) });
    const res = await t.request("/api/ready");
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ detail: "Internal server error", code: "internal_error" });
    expect(text).not.toContain("passwd");
  });
});
