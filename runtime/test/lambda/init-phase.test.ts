/**
 * Lambda's init phase (adapters/lambda/init-phase.ts, `prepare` of the handler): the secret read and
 * the app build happen before the first event, in process and in the built bundle, and whatever
 * fails there is left to the first invocation, which retries or answers it as before.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FunctionUrlEvent, FunctionUrlResult } from "../../src/adapters/lambda/function-url.js";
import { initPhase } from "../../src/adapters/lambda/init-phase.js";
import { createLambdaHandler } from "../../src/wiring/lambda-api.js";
import { startSecretRead } from "../../src/wiring/lambda-secret-read.js";
import { startSecretsManagerFake, type SecretsManagerFake } from "@stellarr/testkit/fakes/secrets-manager";
import { createDynaliteStore, TEST_CREDENTIALS, type DynaliteTable } from "@stellarr/testkit/dynalite";
import { lambdaApiEnv } from "@stellarr/testkit/lambda-env";
import { recordingLogger } from "@stellarr/testkit/logger";
import { copyBundle, startBundleProcess } from "./bundle-process.js";

let sm: SecretsManagerFake;
let table: DynaliteTable;
beforeAll(async () => {
  [sm, table] = await Promise.all([startSecretsManagerFake({ accessKeyId: TEST_CREDENTIALS.accessKeyId }), createDynaliteStore()]);
});
afterAll(async () => {
  await Promise.all([sm?.close(), table?.cleanup()]);
});

const ORIGIN = "init-origin-secret";
const SECRET = {
  APP_SECRET_KEY: "lambda-init-secret-key-0123456789",
  PRESHARED_PASSWORD: "pw-pw-pw-pw-pw",
  TMDB_API_KEY: "tmdb",
  ORIGIN_VERIFY_SECRET: ORIGIN,
  BASE_URL: "https://stellarr.example.com",
};

const env = (secretId: string): Record<string, string> => lambdaApiEnv({ secretsManagerUrl: sm.url, table, secretId });

const health: FunctionUrlEvent = {
  version: "2.0",
  rawPath: "/api/health",
  rawQueryString: "",
  headers: { host: "x.lambda-url.us-east-1.on.aws", "x-origin-verify": ORIGIN },
  requestContext: { http: { method: "GET", sourceIp: "130.176.0.1" } },
  isBase64Encoded: false,
};

const readsOf = (id: string) => sm.calls.filter((c) => c === id).length;

describe("prepare", () => {
  it("reads the secret and builds the app before any event: the first invocation makes no call of its own", async () => {
    sm.put("init-ok", SECRET);
    const logger = recordingLogger();
    const handler = createLambdaHandler({ env: env("init-ok"), logger });
    await handler.prepare();
    expect(readsOf("init-ok")).toBe(1);
    expect((await handler(health)).statusCode).toBe(200);
    expect(readsOf("init-ok")).toBe(1);
    expect(logger.lines.filter((l) => l.level === "error")).toEqual([]);
  });

  it("never throws and logs nothing when the secret is unreadable; the first invocation reads it again", async () => {
    const logger = recordingLogger();
    const handler = createLambdaHandler({ env: env("init-later"), logger });
    await expect(handler.prepare()).resolves.toBeUndefined();
    expect(readsOf("init-later")).toBe(1);
    expect(logger.lines).toEqual([]);
    sm.put("init-later", SECRET);
    expect((await handler(health)).statusCode).toBe(200);
    expect(readsOf("init-later")).toBe(2);
  });

  it("leaves an incomplete environment to the first invocation: a logged 500, as without an init phase", async () => {
    const logger = recordingLogger();
    const handler = createLambdaHandler({ env: { AWS_REGION: "us-east-1" }, logger });
    await handler.prepare();
    expect(logger.lines).toEqual([]);
    const res = await handler(health);
    expect(res.statusCode).toBe(500);
    expect(JSON.stringify(logger.lines)).toMatch(/SECRET_ID is required/);
  });
});

describe("the early secret read (entries/lambda.ts sends it before importing the app)", () => {
  it("is taken by the first configuration load: init and the first event make one read in all", async () => {
    sm.put("early-ok", SECRET);
    const read = startSecretRead(env("early-ok"));
    expect(read).not.toBeNull();
    const handler = createLambdaHandler({ env: env("early-ok"), logger: recordingLogger(), firstSecretRead: read });
    await handler.prepare();
    expect((await handler(health)).statusCode).toBe(200);
    expect(readsOf("early-ok")).toBe(1);
  });

  it("fails quietly when the secret is unreadable (no unhandled rejection); the first invocation reads it again", async () => {
    const read = startSecretRead(env("early-later"));
    // Nothing awaits the read yet: a rejection left unhandled this long would fail the test run.
    await new Promise((r) => setTimeout(r, 50));
    expect(readsOf("early-later")).toBe(1);
    const logger = recordingLogger();
    const handler = createLambdaHandler({ env: env("early-later"), logger, firstSecretRead: read });
    await handler.prepare();
    sm.put("early-later", SECRET);
    expect((await handler(health)).statusCode).toBe(200);
    expect(readsOf("early-later")).toBe(2);
    expect(logger.lines.filter((l) => l.level === "error")).toEqual([]);
  });

  it("is not sent with an incomplete environment: the first invocation reports it, as without an early read", async () => {
    expect(startSecretRead({ AWS_REGION: "us-east-1" })).toBeNull();
  });
});

describe("initPhase", () => {
  it("waits for prepare", async () => {
    let done = false;
    await initPhase(async () => {
      await new Promise((r) => setTimeout(r, 20));
      done = true;
    });
    expect(done).toBe(true);
  });

  it("stops waiting after its cap, leaving a slow prepare running", async () => {
    let release!: () => void;
    const slow = new Promise<void>((r) => (release = r));
    let finished = false;
    await initPhase(() => slow.then(() => void (finished = true)), 30);
    expect(finished).toBe(false);
    release();
    await slow;
  });
});

describe("the built API bundle", () => {
  it("has read the secret when its import completes, and answers the first event without another read", async () => {
    sm.put("init-bundle", SECRET);
    const bundle = await copyBundle("api");
    const proc = await startBundleProcess(bundle.dir, { ...env("init-bundle"), LOG_LEVEL: "warn" });
    try {
      // startBundleProcess returns once `await import(index.mjs)` has settled: the init phase is over.
      expect(readsOf("init-bundle")).toBe(1);
      const { result } = await proc.invoke<FunctionUrlResult>(health);
      expect(result.statusCode).toBe(200);
      expect(readsOf("init-bundle")).toBe(1);
    } finally {
      await proc.close();
      await bundle.cleanup();
    }
  });
});
