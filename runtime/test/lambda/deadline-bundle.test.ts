/**
 * Issue #20.8 on the BUILT API bundle in a child process, invoked with a Lambda context whose
 * remaining time is short (bundle-process.ts plays Lambda's timeout and kills the process when it
 * runs out): a DynamoDB that never answers and a TMDB that rate-limits with a long Retry-After or
 * stalls end in our JSON error with Retry-After BEFORE the timeout — never in Lambda's bare 502 —
 * and DynamoDB is sent nothing after the runtime's deadline (the remaining time minus its margin).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FunctionUrlResult } from "../../src/adapters/lambda/function-url.js";
import { functionUrlEvent, ORIGIN_SECRET } from "./function-url-event.js";
import { LAMBDA_DEADLINE_MARGIN_MS } from "../../src/adapters/lambda/context.js";
import { sessionKey, signToken } from "../../src/domain/auth/token.js";
import { startDynamoOutageFake, type DynamoOutageFake } from "@stellarr/testkit/fakes/dynamodb-outage";
import { startSecretsManagerFake, type SecretsManagerFake } from "@stellarr/testkit/fakes/secrets-manager";
import { startTmdbFake, type TmdbFake } from "@stellarr/testkit/fakes/tmdb";
import { TEST_CREDENTIALS } from "@stellarr/testkit/dynalite";
import { awsFakesEnv, copyBundle, startBundleProcess, type BundleProcess } from "./bundle-process.js";

const APP_SECRET_KEY = "lambda-test-secret-key-0123456789";
const PASSWORD = "correct horse battery staple";
/** Short, like a tight function timeout: the production retry budgets (6 × 5 s, 2 × 10 s) are far longer. */
const REMAINING_MS = 3_000;

let tmdb: TmdbFake;
let sm: SecretsManagerFake;
let dynamo: DynamoOutageFake;
let bundle: Awaited<ReturnType<typeof copyBundle>>;
let proc: BundleProcess;

beforeAll(async () => {
  [tmdb, sm, dynamo, bundle] = await Promise.all([
    startTmdbFake(),
    startSecretsManagerFake({ accessKeyId: TEST_CREDENTIALS.accessKeyId }),
    startDynamoOutageFake("hang"),
    copyBundle("api"),
  ]);
  sm.put("stellarr/app", {
    APP_SECRET_KEY,
    PRESHARED_PASSWORD: PASSWORD,
    TMDB_API_KEY: tmdb.apiKey,
    ORIGIN_VERIFY_SECRET: ORIGIN_SECRET,
    BASE_URL: "https://stellarr.example.com",
  });
  proc = await startBundleProcess(bundle.dir, {
    ...awsFakesEnv(sm.url, { tableName: "stellarr-test", endpoint: dynamo.url }),
    TRUST_PROXY: "cloudfront",
    TMDB_BASE_URL: tmdb.url,
  });
});

afterAll(async () => {
  await proc?.close();
  await Promise.all([tmdb?.close(), sm?.close(), dynamo?.close(), bundle?.cleanup()]);
});

const event = (method: string, path: string, opts: { json?: unknown } = {}) =>
  functionUrlEvent(method, path, {
    json: opts.json,
    token: signToken(sessionKey(APP_SECRET_KEY, PASSWORD), "alice", Math.floor(Date.now() / 1000)),
  });

async function invoke(method: string, path: string, opts?: { json?: unknown }) {
  // Throws "Task timed out" when the handler is still running as the remaining time reaches zero.
  const { result, endsAt } = await proc.invoke<FunctionUrlResult>(event(method, path, opts), { remainingMs: REMAINING_MS });
  return { ...result, json: JSON.parse(result.body) as Record<string, unknown>, endsAt: endsAt! };
}

describe("API Lambda bundle: the invocation's deadline", () => {
  it("answers 503 store_unavailable with Retry-After while DynamoDB hangs, and sends it nothing after the deadline", async () => {
    for (const [method, path] of [
      ["GET", "/api/ready"],
      ["GET", "/api/requests"],
    ] as const) {
      const before = dynamo.calls.length;
      const res = await invoke(method, path);
      expect(res.statusCode).toBe(503);
      expect(res.json).toEqual({ detail: "Storage is temporarily unavailable", code: "store_unavailable" });
      expect(res.headers["retry-after"]).toMatch(/^[1-9]\d*$/);
      const sent = dynamo.calls.slice(before);
      expect(sent.length).toBeGreaterThan(0);
      for (const call of sent) expect(call.at).toBeLessThanOrEqual(res.endsAt - LAMBDA_DEADLINE_MARGIN_MS);
    }
  });

  it("answers 502 with TMDB's Retry-After when a 429's wait would outlast the invocation", async () => {
    tmdb.reset();
    tmdb.failNext("/search/multi", 429, { "retry-after": "10" }, { times: 5 });
    const res = await invoke("POST", "/api/search", { json: { query: "matrix" } });
    expect(res.statusCode).toBe(502);
    expect(res.json).toEqual({ detail: "The catalogue service failed", code: "upstream_error" });
    expect(res.headers["retry-after"]).toBe("10");
    expect(tmdb.callsTo("/search/multi")).toHaveLength(1);
  });

  it("answers 504 upstream_timeout when TMDB stalls past the deadline", async () => {
    tmdb.reset();
    tmdb.delayNext("/search/multi", 30_000);
    const res = await invoke("POST", "/api/search", { json: { query: "matrix" } });
    expect(res.statusCode).toBe(504);
    expect(res.json).toEqual({ detail: "The catalogue did not answer in time", code: "upstream_timeout" });
  });
});
