/**
 * `POST /api/channels/{id}/test` on AWS, through the BUILT bundles in child processes: the API
 * bundle invokes the notifier function synchronously (RequestResponse) through the Lambda Invoke
 * fake, whose handler is the BUILT notifier bundle in its own process, over one dynalite table —
 * so the ntfy fake receives the test message from the notifier, and the API answers as embedded
 * (200 delivered or failed, 404 for no such channel) with the notifier's last_delivery in the list.
 * The notifier's failures are the API's 502/503/504, never a 500: a handler error, a throttle, a cut
 * connection, and no answer before the request's deadline (the API answers 504 before Lambda's
 * own timeout would strike).
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDynaliteStore, TEST_CREDENTIALS, type DynaliteTable } from "@stellarr/testkit/dynalite";
import { startLambdaFake, type LambdaFake } from "@stellarr/testkit/fakes/lambda";
import { startNtfy, type NtfyFake } from "@stellarr/testkit/fakes/ntfy";
import { startSecretsManagerFake, type SecretsManagerFake } from "@stellarr/testkit/fakes/secrets-manager";
import type { FunctionUrlResult } from "../../src/adapters/lambda/function-url.js";
import { functionUrlEvent, ORIGIN_SECRET } from "./function-url-event.js";
import { sessionKey, signToken } from "../../src/domain/auth/token.js";
import type { Channel, TestChannelResponse } from "../../src/contract/api/channels.js";
import { awsFakesEnv, chunksContaining, copyBundle, startBundleProcess, type BundleProcess } from "./bundle-process.js";

const BASE_URL = "https://stellarr.example.com";
const PASSWORD = "correct horse battery staple";
const APP_SECRET_KEY = "channel-test-secret-key-0123456789";
const NOTIFIER = "stellarr-test-notifier";

let ntfy: NtfyFake;
let sm: SecretsManagerFake;
let lambda: LambdaFake;
let table: DynaliteTable;
let apiBundle: Awaited<ReturnType<typeof copyBundle>>;
let notifierBundle: Awaited<ReturnType<typeof copyBundle>>;
let api: BundleProcess;
let notifier: BundleProcess;
let work: string;
let testerChunks: string[];

beforeAll(async () => {
  [ntfy, sm, lambda, table, apiBundle, notifierBundle, work] = await Promise.all([
    startNtfy(),
    startSecretsManagerFake({ accessKeyId: TEST_CREDENTIALS.accessKeyId }),
    startLambdaFake({ accessKeyId: TEST_CREDENTIALS.accessKeyId, functions: [NOTIFIER] }),
    createDynaliteStore(),
    copyBundle("api"),
    copyBundle("notifier"),
    mkdtemp(join(tmpdir(), "stellarr-channel-test-")),
  ]);
  testerChunks = chunksContaining(apiBundle.metafile, /src\/wiring\/notifier-channel-test\.ts$/);
  sm.put("stellarr/app", {
    APP_SECRET_KEY,
    PRESHARED_PASSWORD: PASSWORD,
    TMDB_API_KEY: "tmdb-key",
    ORIGIN_VERIFY_SECRET: ORIGIN_SECRET,
    BASE_URL,
  });
  const ca = join(work, "ntfy-ca.pem");
  await writeFile(ca, ntfy.ca);
  const aws = {
    ...awsFakesEnv(sm.url, { tableName: table.options.tableName, endpoint: table.options.endpoint! }),
    // The ntfy fake listens on 127.0.0.1.
    ALLOW_PRIVATE_ENDPOINTS: "true",
  };
  [api, notifier] = await Promise.all([
    startBundleProcess(apiBundle.dir, { ...aws, TRUST_PROXY: "cloudfront", NOTIFIER_FUNCTION_NAME: NOTIFIER, LAMBDA_ENDPOINT: lambda.url }),
    startBundleProcess(notifierBundle.dir, { ...aws, NODE_EXTRA_CA_CERTS: ca }),
  ]);
  lambda.handle(NOTIFIER, runNotifier);
});

afterAll(async () => {
  await Promise.all([api?.close(), notifier?.close()]);
  await Promise.all([
    ntfy?.close(),
    sm?.close(),
    lambda?.close(),
    table?.cleanup(),
    apiBundle?.cleanup(),
    notifierBundle?.cleanup(),
    work && rm(work, { recursive: true, force: true }),
  ]);
});

/** What Lambda does with a RequestResponse invocation of the notifier: run the handler, answer its result or error. */
const runNotifier = async (event: unknown): Promise<unknown> => (await notifier.invoke(event)).result;

const session = (name: string) => signToken(sessionKey(APP_SECRET_KEY, PASSWORD), name, Math.floor(Date.now() / 1000));

async function call(method: string, path: string, opts: { name?: string; json?: unknown; remainingMs?: number } = {}) {
  const { result, loaded } = await api.invoke<FunctionUrlResult>(
    functionUrlEvent(method, path, { token: session(opts.name ?? "alice"), json: opts.json }),
    {
      remainingMs: opts.remainingMs ?? 15_000,
    },
  );
  return {
    status: result.statusCode,
    headers: result.headers,
    json: result.body ? (JSON.parse(result.body) as unknown) : undefined,
    loaded,
  };
}

let channelId = "";
const testIt = (opts: { name?: string; remainingMs?: number } = {}) => call("POST", `/api/channels/${channelId}/test`, opts);

describe("channel test on AWS (API bundle → notifier bundle)", () => {
  it("the notifier sends the test message; the API answers as embedded and the list shows the notifier's last delivery", async () => {
    const created = await call("POST", "/api/channels", { json: { type: "ntfy", url: `${ntfy.origin}/alice-topic`, locale: "en" } });
    expect(created.status).toBe(201);
    channelId = (created.json as { channel: Channel }).channel.id;
    // The tester (and the synchronous invoker) load with the first test, not at a cold start.
    expect(testerChunks.length).toBeGreaterThan(0);
    expect(created.loaded.some((f) => testerChunks.includes(f))).toBe(false);

    const tested = await testIt();
    expect(tested.status).toBe(200);
    expect(tested.json).toEqual({ delivered: true, last_delivery: { status: "ok", at: expect.any(String) } } satisfies TestChannelResponse);
    expect(tested.loaded.some((f) => testerChunks.includes(f))).toBe(true);
    expect(ntfy.published).toHaveLength(1);
    expect(ntfy.published[0]).toMatchObject({ topic: "alice-topic", click: `${BASE_URL}/` });
    expect(JSON.stringify(ntfy.published[0])).toContain("Stellarr test notification");
    // The invocation names the owner and the channel id, never its URL; the notifier gets less time than the API waits.
    const invocation = lambda.invoked.get(NOTIFIER)!.at(-1) as { test_channel: { owner: string; id: string; within_ms: number } };
    expect(invocation.test_channel).toMatchObject({ owner: "alice", id: channelId });
    expect(invocation.test_channel.within_ms).toBeGreaterThan(0);
    expect(invocation.test_channel.within_ms).toBeLessThan(15_000);
    expect(JSON.stringify(invocation)).not.toContain("alice-topic");

    const list = await call("GET", "/api/channels");
    expect((list.json as { channels: Channel[] }).channels[0]!.last_delivery).toEqual((tested.json as TestChannelResponse).last_delivery);
  });

  it("a service refusing the message is 200 delivered:false with a clean reason, recorded by the notifier", async () => {
    ntfy.failNext({ status: 500 });
    const tested = await testIt();
    expect(tested.status).toBe(200);
    expect(tested.json).toMatchObject({ delivered: false, last_delivery: { status: "failed", error: expect.stringContaining("500") } });
    expect(JSON.stringify(tested.json)).not.toContain("alice-topic");
    expect((await call("GET", "/api/channels")).json).toMatchObject({ channels: [{ last_delivery: { status: "failed" } }] });
  });

  it("no such channel for this name is 404, as embedded (the notifier looked)", async () => {
    const before = lambda.invoked.get(NOTIFIER)!.length;
    expect((await testIt({ name: "bob" })).status).toBe(404);
    expect((await call("POST", "/api/channels/ch_AAAAAAAAAAAAAAAA/test")).status).toBe(404);
    expect(lambda.invoked.get(NOTIFIER)!.length - before).toBe(2);
  });

  it("the notifier failing, throttled or unreachable is 502/503/502, never a 500, and sends nothing", async () => {
    const sent = ntfy.published.length;
    lambda.handle(NOTIFIER, async () => {
      throw new Error("Task timed out after 60.00 seconds");
    });
    try {
      const failed = await testIt();
      expect(failed.status).toBe(502);
      expect(failed.json).toMatchObject({ code: "notifier_error" });
    } finally {
      lambda.handle(NOTIFIER, runNotifier);
    }

    lambda.failNext(1, 429, "TooManyRequestsException");
    const busy = await testIt();
    expect(busy.status).toBe(503);
    expect(busy.json).toMatchObject({ code: "notifier_busy" });
    expect(busy.headers["retry-after"]).toBe("5");

    lambda.dropNext(1);
    const cut = await testIt();
    expect(cut.status).toBe(502);
    expect(cut.json).toMatchObject({ code: "notifier_error" });
    expect(ntfy.published.length).toBe(sent);
  });

  it("no answer from the notifier before the request's deadline is 504, before Lambda's timeout", async () => {
    lambda.handle(NOTIFIER, () => new Promise(() => {}));
    try {
      // A 5 s invocation: the API's deadline is 1 s before it; the driver kills the process at 5 s.
      const late = await testIt({ remainingMs: 5_000 });
      expect(late.status).toBe(504);
      expect(late.json).toMatchObject({ code: "notifier_timeout" });
    } finally {
      lambda.handle(NOTIFIER, runNotifier);
    }
    // The container is still good.
    expect((await testIt()).status).toBe(200);
    for (const line of [...api.logs, ...notifier.logs]) expect(line).not.toContain("alice-topic");
  });
});
