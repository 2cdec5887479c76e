/** The Lambda entry's container lifecycle, in process: start-up failures, secret refresh and rotation. */
import { createServer, type AddressInfo, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FunctionUrlEvent } from "../../src/adapters/lambda/function-url.js";
import { createLambdaHandler } from "../../src/wiring/lambda-api.js";
import { startSecretsManagerFake, type SecretsManagerFake } from "@stellarr/testkit/fakes/secrets-manager";
import { createDynaliteStore, TEST_CREDENTIALS, type DynaliteTable } from "@stellarr/testkit/dynalite";
import { lambdaApiEnv } from "@stellarr/testkit/lambda-env";
import { recordingLogger } from "@stellarr/testkit/logger";

let sm: SecretsManagerFake;
let table: DynaliteTable;
beforeAll(async () => {
  [sm, table] = await Promise.all([startSecretsManagerFake({ accessKeyId: TEST_CREDENTIALS.accessKeyId }), createDynaliteStore()]);
});
afterAll(async () => {
  await Promise.all([sm?.close(), table?.cleanup()]);
});

const SECRET = {
  APP_SECRET_KEY: "lambda-test-secret-key-0123456789",
  PRESHARED_PASSWORD: "pw-pw-pw-pw-pw",
  TMDB_API_KEY: "tmdb",
  ORIGIN_VERIFY_SECRET: "first-origin-secret",
  BASE_URL: "https://stellarr.example.com",
};

const env = (secretId: string, over: Record<string, string> = {}) => ({
  ...lambdaApiEnv({ secretsManagerUrl: sm.url, table, secretId }),
  ...over,
});

const health = (originSecret: string): FunctionUrlEvent => ({
  version: "2.0",
  rawPath: "/api/health",
  rawQueryString: "",
  headers: { host: "x.lambda-url.us-east-1.on.aws", "x-origin-verify": originSecret },
  requestContext: { http: { method: "GET", sourceIp: "130.176.0.1" } },
  isBase64Encoded: false,
});

describe("Lambda handler lifecycle", () => {
  it("an incomplete environment answers 500 and logs the variable names, never throwing", async () => {
    const logger = recordingLogger();
    const handler = createLambdaHandler({ env: { AWS_REGION: "us-east-1" }, logger });
    const res = await handler(health("x"));
    expect(res.statusCode).toBe(500);
    expect(JSON.parse(res.body)).toEqual({ detail: "The server is misconfigured", code: "internal_error" });
    expect(JSON.stringify(logger.lines)).toMatch(/SECRET_ID is required/);
  });

  it("fails closed without ORIGIN_VERIFY_SECRET in the secret (500), even when the environment has one", async () => {
    const { ORIGIN_VERIFY_SECRET: _, ...rest } = SECRET;
    sm.put("no-origin", rest);
    const handler = createLambdaHandler({ env: env("no-origin", { ORIGIN_VERIFY_SECRET: "env-value" }), logger: recordingLogger() });
    const res = await handler(health("env-value"));
    expect(res.statusCode).toBe(500);
  });

  it("an unreachable secret is a 503 with Retry-After; the next invocation retries and recovers", async () => {
    const handler = createLambdaHandler({ env: env("later"), logger: recordingLogger() });
    const first = await handler(health(SECRET.ORIGIN_VERIFY_SECRET));
    expect(first.statusCode).toBe(503);
    expect(first.headers["retry-after"]).toBe("5");
    expect(JSON.parse(first.body).code).toBe("config_unavailable");
    sm.put("later", SECRET);
    const second = await handler(health(SECRET.ORIGIN_VERIFY_SECRET));
    expect(second.statusCode).toBe(200);
  });

  it("a Secrets Manager that never answers is a 503 before the invocation's time runs out", async () => {
    // Accepts connections and never answers: without the deadline the cold start would wait until Lambda kills it.
    const sockets = new Set<Socket>();
    const silent = createServer((socket) => void sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    try {
      const endpoint = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
      const handler = createLambdaHandler({ env: env("app", { SECRETS_MANAGER_ENDPOINT: endpoint }), logger: recordingLogger() });
      const endsAt = Date.now() + 1_500;
      const res = await handler(health(SECRET.ORIGIN_VERIFY_SECRET), { getRemainingTimeInMillis: () => endsAt - Date.now() });
      expect(res.statusCode).toBe(503);
      expect(JSON.parse(res.body).code).toBe("config_unavailable");
      expect(res.headers["retry-after"]).toBe("5");
      expect(sockets.size).toBeGreaterThan(0);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it("caches the secret for the container and picks up a rotation after the TTL", async () => {
    sm.put("rotating", SECRET);
    let now = Date.now();
    const handler = createLambdaHandler({ env: env("rotating"), logger: recordingLogger(), clock: { now: () => now } });
    const calls = () => sm.calls.filter((c) => c === "rotating").length;
    expect((await handler(health("first-origin-secret"))).statusCode).toBe(200);
    expect((await handler(health("first-origin-secret"))).statusCode).toBe(200);
    expect(calls()).toBe(1);

    sm.put("rotating", { ...SECRET, ORIGIN_VERIFY_SECRET: "second-origin-secret" });
    expect((await handler(health("second-origin-secret"))).statusCode).toBe(403); // still cached
    now += 5 * 60 * 1000 + 1;
    expect((await handler(health("second-origin-secret"))).statusCode).toBe(200);
    expect((await handler(health("first-origin-secret"))).statusCode).toBe(403);
    expect(calls()).toBe(2);
  });
});

describe("Lambda handler input", () => {
  it("answers 400 to events that are not Function URL events instead of crashing", async () => {
    sm.put("shapes", SECRET);
    const handler = createLambdaHandler({ env: env("shapes"), logger: recordingLogger() });
    const scheduled = await handler({ "detail-type": "Scheduled Event" } as unknown as FunctionUrlEvent);
    expect(scheduled.statusCode).toBe(400);
    expect(JSON.parse(scheduled.body)).toMatchObject({ code: "invalid_event" });
    const badHost = await handler({ ...health(SECRET.ORIGIN_VERIFY_SECRET), headers: { host: "bad host/x" } });
    expect(badHost.statusCode).toBe(400);
    expect((await handler(health(SECRET.ORIGIN_VERIFY_SECRET))).statusCode).toBe(200);
  });
});
