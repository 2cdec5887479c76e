/**
 * Issue #20.8 on the embedded app: a request's outbound calls share its deadline
 * (`REQUEST_TIMEOUT_SECONDS`), so a DynamoDB that hangs or throttles forever and a TMDB that answers
 * 429 with a long Retry-After end in our JSON error with Retry-After before the deadline — and
 * neither upstream is asked anything after it. (The Lambda bundle's side: test/lambda/deadline-bundle.test.ts.)
 */
import { afterEach, beforeAll, afterAll, describe, expect, it } from "vitest";
import { createTmdbCatalogue } from "../../src/adapters/catalogue/tmdb/index.js";
import { nullLogger } from "../../src/adapters/log/null-logger.js";
import { createDynamoStore } from "../../src/adapters/store/dynamodb/index.js";
import { createApp } from "../../src/http/app.js";
import { createTestApp, TEST_ORIGIN, type TestApp } from "@stellarr/testkit/app";
import { startDynamoOutageFake, type DynamoOutageFake, type DynamoOutageMode } from "@stellarr/testkit/fakes/dynamodb-outage";
import { startTmdbFake, type TmdbFake } from "@stellarr/testkit/fakes/tmdb";

let outage: DynamoOutageFake | undefined;
let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  await outage?.close();
  t = outage = undefined;
});

describe("the per-request deadline: DynamoDB in trouble", () => {
  it.each<DynamoOutageMode>(["hang", "throttle"])("answers 503 store_unavailable with Retry-After when DynamoDB keeps %s", async (mode) => {
    outage = await startDynamoOutageFake(mode);
    const store = createDynamoStore({
      tableName: "stellarr",
      region: "us-east-1",
      endpoint: outage.url,
      credentials: { accessKeyId: "AKIDTEST", secretAccessKey: "secret" },
    });
    t = await createTestApp({ store, config: { requestTimeoutSeconds: 1 } });
    for (const [path, token] of [
      ["/api/ready", undefined],
      ["/api/requests", t.login()],
    ] as const) {
      const before = outage.calls.length;
      const started = Date.now();
      const res = await t.request(path, { token });
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ detail: "Storage is temporarily unavailable", code: "store_unavailable" });
      expect(res.headers.get("retry-after")).toMatch(/^[1-9]\d*$/);
      const sent = outage.calls.slice(before);
      expect(sent.length).toBeGreaterThan(0);
      // The deadline is set synchronously inside this call (request context): `started` + 1 s, give or take a tick.
      for (const call of sent) expect(call.at).toBeLessThanOrEqual(started + 1_000 + 25);
    }
  });
});

describe("the per-request deadline: TMDB rate limiting and stalls", () => {
  let tmdb: TmdbFake;
  beforeAll(async () => {
    tmdb = await startTmdbFake();
  });
  afterAll(() => tmdb.close());

  const app = (requestTimeoutSeconds: number) =>
    createTestApp({
      catalogue: createTmdbCatalogue({ apiKey: tmdb.apiKey, baseUrl: tmdb.url, logger: nullLogger }),
      config: { requestTimeoutSeconds },
    });

  it("fails fast with 502 and TMDB's Retry-After when the wait would not fit", async () => {
    tmdb.reset();
    t = await app(2);
    // 10 s is within the adapter's own bound (it would wait, twice): not within the request's 2 s.
    tmdb.failNext("/search/multi", 429, { "retry-after": "10" }, { times: 5 });
    const res = await t.request("/api/search", { json: { query: "matrix" }, token: t.login() });
    expect(res.status).toBe(502);
    expect(await res.json()).toEqual({ detail: "The catalogue service failed", code: "upstream_error" });
    expect(res.headers.get("retry-after")).toBe("10");
    expect(tmdb.callsTo("/search/multi")).toHaveLength(1);
  });

  it("answers 504 upstream_timeout at the deadline when TMDB does not answer", async () => {
    tmdb.reset();
    t = await app(1);
    tmdb.delayNext("/search/multi", 20_000); // the adapter's own attempt limit is 8 s
    const res = await t.request("/api/search", { json: { query: "matrix" }, token: t.login() });
    expect(res.status).toBe(504);
    expect(await res.json()).toEqual({ detail: "The catalogue did not answer in time", code: "upstream_timeout" });
    expect(tmdb.callsTo("/search/multi")).toHaveLength(1);
  });
});

describe("the host's deadline (Lambda): the last resort", () => {
  it("answers 503 deadline_exceeded, with our headers, when a handler outlives the deadline the host kills at", async () => {
    const made = await createTestApp();
    t = made;
    // A store call that takes no deadline and never ends: the adapters' own errors cannot come.
    const stuck = new Proxy(made.store, {
      get: (target, key) => (key === "ping" ? () => new Promise<void>(() => {}) : Reflect.get(target, key)),
    });
    const app = createApp({ ...made.deps, store: stuck });
    const res = await app.fetch(new Request(new URL("/api/ready", TEST_ORIGIN)), {
      remoteAddress: "127.0.0.1",
      deadlineAt: Date.now() + 200,
    });
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ detail: "The request could not be completed in time", code: "deadline_exceeded" });
    expect(res.headers.get("retry-after")).toBe("5");
    expect(res.headers.get("x-request-id")).toBeTruthy();
    expect(made.logger.lines.some((l) => l.msg === "request outlived its deadline")).toBe(true);
  });
});
