/**
 * The built API bundle starts and answers `GET /api/health` without loading Node's fetch classes
 * (undici's JavaScript, ~35 ms of a cold start: docs/benchmarks.md, issue #25): the init phase's
 * Secrets Manager read and the DynamoDB calls are signed on plain values and sent over node:http
 * (lib/sigv4.ts, lib/aws-transport.ts), the event becomes a `BufferedRequest` and the app's
 * answer a `FastResponse` (adapters/fetch-light/); a request body is read from the light request's
 * own stream. A `new Headers()`, `new Request()` or a `fetch` reintroduced on that path fails this test.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSecretsManagerFake, type SecretsManagerFake } from "@stellarr/testkit/fakes/secrets-manager";
import { createDynaliteStore, TEST_CREDENTIALS, type DynaliteTable } from "@stellarr/testkit/dynalite";
import { lambdaApiEnv } from "@stellarr/testkit/lambda-env";
import type { FunctionUrlResult } from "../../src/adapters/lambda/function-url.js";
import { copyBundle, startBundleProcess, type BundleProcess } from "./bundle-process.js";
import { functionUrlEvent, ORIGIN_SECRET } from "./function-url-event.js";

let sm: SecretsManagerFake;
let table: DynaliteTable;
let bundle: Awaited<ReturnType<typeof copyBundle>>;
let proc: BundleProcess;

beforeAll(async () => {
  [sm, table, bundle] = await Promise.all([
    startSecretsManagerFake({ accessKeyId: TEST_CREDENTIALS.accessKeyId }),
    createDynaliteStore(),
    copyBundle("api"),
  ]);
  sm.put("light-fetch", {
    APP_SECRET_KEY: "lambda-light-fetch-key-0123456789",
    PRESHARED_PASSWORD: "pw-pw-pw-pw-pw",
    TMDB_API_KEY: "tmdb",
    ORIGIN_VERIFY_SECRET: ORIGIN_SECRET,
    BASE_URL: "https://stellarr.example.com",
  });
  proc = await startBundleProcess(bundle.dir, lambdaApiEnv({ secretsManagerUrl: sm.url, table, secretId: "light-fetch" }));
}, 120_000);

afterAll(async () => {
  await proc?.close();
  await Promise.all([sm?.close(), table?.cleanup(), bundle?.cleanup()]);
});

describe("the API bundle without Node's fetch classes", () => {
  it("reads its secret, starts and answers health, readiness (DynamoDB), a 404 and a request with a body and a HEAD without loading them", async () => {
    expect(sm.calls).toContain("light-fetch");
    const health = await proc.invoke<FunctionUrlResult>(functionUrlEvent("GET", "/api/health"));
    expect(health.result.statusCode).toBe(200);
    expect(health.result.isBase64Encoded).toBe(false);
    expect(JSON.parse(health.result.body)).toMatchObject({ status: "healthy", storage: "dynamodb" });
    expect(health.fetchClassesLoaded).toBe(false);

    const ready = await proc.invoke<FunctionUrlResult>(functionUrlEvent("GET", "/api/ready"));
    expect(JSON.parse(ready.result.body)).toEqual({ status: "ready", storage: "dynamodb" });
    expect(ready.fetchClassesLoaded).toBe(false);

    const missing = await proc.invoke<FunctionUrlResult>(functionUrlEvent("GET", "/api/no-such-route"));
    expect(missing.result.statusCode).toBe(404);
    expect(missing.result.headers["content-type"]).toMatch(/^application\/json/);
    expect(missing.fetchClassesLoaded).toBe(false);

    // A request body is read from the light request's own stream (a login, a webhook on a cold container).
    const login = await proc.invoke<FunctionUrlResult>(
      functionUrlEvent("POST", "/api/auth/verify", { json: { origin: "o", challenge: "c", hash: "h", name: "n" } }),
    );
    expect(login.result.statusCode).toBe(401);
    expect(JSON.parse(login.result.body)).toMatchObject({ code: expect.any(String) });
    expect(login.fetchClassesLoaded).toBe(false);

    // A HEAD is answered by its GET, seen through a view of the same light request (no `new Request`).
    const head = await proc.invoke<FunctionUrlResult>(functionUrlEvent("HEAD", "/api/health"));
    expect(head.result.statusCode).toBe(200);
    expect(head.result.body ?? "").toBe("");
    expect(head.result.headers["content-type"]).toMatch(/^application\/json/);
    expect(head.fetchClassesLoaded).toBe(false);
  }, 60_000);
});
