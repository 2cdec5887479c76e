/**
 * The BUILT API bundle (dist/lambda/api/index.mjs) in a child `node` process, invoked with Function
 * URL events for every route group, against dynalite, the TMDB fake, the push-service fake and the
 * Secrets Manager fake — the container is reused across invocations, as on Lambda. A fulfilment
 * hands its channel job to the notifier function through the Lambda Invoke fake.
 */
import { rm, writeFile, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FunctionUrlResult } from "../../src/adapters/lambda/function-url.js";
import { CLOUDFRONT_IP, functionUrlEvent, ORIGIN_SECRET, VIEWER_IP, type EventOptions } from "./function-url-event.js";
import { deriveLoginKey, loginProof } from "../../src/domain/auth/challenge.js";
import { sessionKey, signToken } from "../../src/domain/auth/token.js";
import { startLambdaFake, type LambdaFake } from "@stellarr/testkit/fakes/lambda";
import { startPushService, type PushServiceFake } from "@stellarr/testkit/fakes/push-service";
import { startSecretsManagerFake, type SecretsManagerFake } from "@stellarr/testkit/fakes/secrets-manager";
import { startTmdbFake, type TmdbFake } from "@stellarr/testkit/fakes/tmdb";
import { createDynaliteStore, TEST_CREDENTIALS, type DynaliteTable } from "@stellarr/testkit/dynalite";
import { vapidKeys } from "../support/vapid.js";
import { awsFakesEnv, chunksContaining, copyBundle, startBundleProcess, type BundleProcess } from "./bundle-process.js";
import { plexFixture } from "@stellarr/testkit/plex";
import { radarrList, radarrWouldAdd } from "@stellarr/testkit/arr/radarr";
import { sonarrList, sonarrMonitoredSeasons, sonarrWouldAdd } from "@stellarr/testkit/arr/sonarr";
import { serveOpenApiDocument } from "../../src/http/openapi/served.js";

const BASE_URL = "https://stellarr.example.com";
const PASSWORD = "correct horse battery staple";
const FEED_TOKEN = "feed-token-abc";
const WEBHOOK_TOKEN = "webhook-token-xyz";

let tmdb: TmdbFake;
let sm: SecretsManagerFake;
let push: PushServiceFake;
let lambda: LambdaFake;
const NOTIFIER = "stellarr-test-notifier";
const APP_SECRET_KEY = "lambda-test-secret-key-0123456789";
let table: DynaliteTable;
let bundle: Awaited<ReturnType<typeof copyBundle>>;
let proc: BundleProcess;
let work: string;
let webPushChunks: string[];
let openApiChunks: string[];

beforeAll(async () => {
  [tmdb, sm, push, table, bundle, work, lambda] = await Promise.all([
    startTmdbFake(),
    startSecretsManagerFake({ accessKeyId: TEST_CREDENTIALS.accessKeyId }),
    startPushService(),
    createDynaliteStore(),
    copyBundle("api"),
    mkdtemp(join(tmpdir(), "stellarr-lambda-api-")),
    startLambdaFake({ accessKeyId: TEST_CREDENTIALS.accessKeyId, functions: [NOTIFIER] }),
  ]);
  // The web-push library and the notifier adapter that loads it (with node:https).
  webPushChunks = chunksContaining(bundle.metafile, /node_modules\/web-push\/|src\/adapters\/notify\/web-push\.ts$/);
  // The OpenAPI document's builder, the route descriptions and zod's JSON Schema generator.
  openApiChunks = chunksContaining(bundle.metafile, /src\/http\/openapi\/|\.openapi\.ts$|node_modules\/zod\/v4\/core\/to-json-schema\.js$/);
  const vapid = vapidKeys();
  sm.put("stellarr/app", {
    APP_SECRET_KEY,
    PRESHARED_PASSWORD: PASSWORD,
    TMDB_API_KEY: tmdb.apiKey,
    ORIGIN_VERIFY_SECRET: ORIGIN_SECRET,
    BASE_URL,
    FEED_TOKEN,
    // The name the stacks write (PLEX_WEBHOOK_TOKEN is its older synonym).
    WEBHOOK_TOKEN,
    VAPID_PUBLIC_KEY: vapid.publicKey,
    VAPID_PRIVATE_KEY: vapid.privateKey,
    VAPID_SUBJECT: vapid.subject,
  });
  // The push fake's self-signed certificate, trusted by the child like a public CA would be.
  const ca = join(work, "push-ca.pem");
  await writeFile(ca, (push.agent.options as { ca: Buffer }).ca);
  proc = await startBundleProcess(bundle.dir, {
    ...awsFakesEnv(sm.url, { tableName: table.options.tableName, endpoint: table.options.endpoint! }),
    AWS_SESSION_TOKEN: "session-token",
    TRUST_PROXY: "cloudfront",
    TMDB_BASE_URL: tmdb.url,
    TRENDING_LOCALES: "en,fr",
    PUSH_ALLOW_PRIVATE_ENDPOINTS: "true",
    NODE_EXTRA_CA_CERTS: ca,
    NOTIFIER_FUNCTION_NAME: NOTIFIER,
    LAMBDA_ENDPOINT: lambda.url,
  });
});

afterAll(async () => {
  await proc?.close();
  await Promise.all([
    tmdb?.close(),
    sm?.close(),
    push?.close(),
    lambda?.close(),
    table?.cleanup(),
    bundle?.cleanup(),
    work && rm(work, { recursive: true, force: true }),
  ]);
});

const event = functionUrlEvent;

async function call(method: string, path: string, opts?: EventOptions) {
  const { result, loaded } = await proc.invoke<FunctionUrlResult>(event(method, path, opts));
  const json = result.body && (result.headers["content-type"] ?? "").includes("json") ? JSON.parse(result.body) : undefined;
  return { ...result, json, loaded };
}

const webPushLoaded = (loaded: string[]) => loaded.some((f) => webPushChunks.includes(f));

/** The access-log line of a request id. */
function accessLog(requestId: string): { ip: string; status: number; path: string } {
  const line = proc.logs
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .find((l) => l.msg === "request" && l.request_id === requestId);
  if (!line) throw new Error(`no access log for ${requestId}`);
  return line as never;
}

let token = "";

describe("API Lambda bundle", () => {
  it("the bundle holds web-push in a lazy chunk, and a cold start does not load it", async () => {
    expect(webPushChunks.length).toBeGreaterThan(0);
    expect(webPushChunks.every((c) => c.startsWith("chunks/"))).toBe(true);
    const res = await call("GET", "/api/health");
    expect(res.statusCode).toBe(200);
    expect(res.json).toEqual({
      status: "healthy",
      service: "stellarr",
      version: expect.any(String),
      storage: "dynamodb",
      catalogue: "tmdb",
    });
    expect(res.loaded).toContain("index.mjs");
    expect(webPushLoaded(res.loaded)).toBe(false);
    expect(openApiChunks.length).toBeGreaterThan(0);
    expect(openApiChunks.every((c) => c.startsWith("chunks/"))).toBe(true);
    expect(res.loaded.some((f) => openApiChunks.includes(f))).toBe(false);
  });

  it("refuses requests without the origin-verify header (403) and ignores the viewer header then", async () => {
    const missing = await call("GET", "/api/health", { verified: false });
    expect(missing.statusCode).toBe(403);
    expect(missing.json).toEqual({ detail: "Forbidden", code: "forbidden" });
    expect(accessLog(missing.headers["x-request-id"]!).ip).toBe(CLOUDFRONT_IP);

    const wrong = await call("GET", "/api/requests", { headers: { "x-origin-verify": "guess" } });
    expect(wrong.statusCode).toBe(403);

    const ok = await call("GET", "/api/health");
    expect(accessLog(ok.headers["x-request-id"]!).ip).toBe(VIEWER_IP);
  });

  it("auth: params and verify (PBKDF2 proof for the BASE_URL origin) issue a session", async () => {
    const params = await call("GET", "/api/auth/params");
    expect(params.statusCode).toBe(200);
    const { challenge, iterations } = params.json as { challenge: string; iterations: number };
    const hash = loginProof(deriveLoginKey(PASSWORD, BASE_URL, iterations), challenge);
    const bad = await call("POST", "/api/auth/verify", { json: { origin: BASE_URL, challenge, hash: "0".repeat(64), name: "alice" } });
    expect(bad.statusCode).toBe(401);
    expect(bad.json).toMatchObject({ code: "invalid_credentials" });
    // Single use, across invocations of the container (DynamoDB): the right proof is now too late.
    const replay = await call("POST", "/api/auth/verify", { json: { origin: BASE_URL, challenge, hash, name: "alice" } });
    expect(replay.json).toMatchObject({ code: "challenge_used" });
    const params2 = await call("GET", "/api/auth/params");
    const challenge2 = (params2.json as { challenge: string }).challenge;
    const verify = await call("POST", "/api/auth/verify", {
      json: {
        origin: BASE_URL,
        challenge: challenge2,
        hash: loginProof(deriveLoginKey(PASSWORD, BASE_URL, iterations), challenge2),
        name: "alice",
      },
    });
    expect(verify.statusCode).toBe(200);
    expect(verify.json).toMatchObject({ valid: true, name: "alice" });
    token = (verify.json as { token: string }).token;
  });

  it("search and request creation go through the TMDB fake and DynamoDB", async () => {
    expect((await call("POST", "/api/search", { json: { query: "fast" } })).statusCode).toBe(401);
    const search = await call("POST", "/api/search", { token, json: { query: "2 Fast 2 Furious", media_type: "movie" } });
    expect(search.statusCode).toBe(200);
    const hit = (search.json as { results: { id: number; requested: boolean }[] }).results.find((r) => r.id === 584);
    expect(hit).toMatchObject({ id: 584, requested: false });

    const created = await call("POST", "/api/request", { token, json: { tmdb_id: 584, media_type: "movie" } });
    expect(created.statusCode).toBe(201);
    expect(created.json).toMatchObject({
      success: true,
      request: { tmdb_id: 584, media_type: "movie", imdb_id: "tt0322259", requested_by: "alice" },
    });
    const again = await call("POST", "/api/request", { token, json: { tmdb_id: 584, media_type: "movie" } });
    expect(again.statusCode).toBe(409);

    const list = await call("GET", "/api/requests", { token, query: "media_type=movie&limit=5" });
    expect(list.statusCode).toBe(200);
    expect(list.json).toMatchObject({ requests: [{ tmdb_id: 584 }], next_cursor: null, counts: { movie: { pending: 1, added: 0 } } });
  });

  it("library-status answers 304 for its ETag", async () => {
    const first = await call("GET", "/api/library-status", { token });
    expect(first.statusCode).toBe(200);
    expect(first.json).toMatchObject({ library: { movie: [], tv: [] }, requests: [{ tmdb_id: 584 }] });
    const etag = first.headers.etag!;
    expect(etag).toMatch(/^"/);
    const second = await call("GET", "/api/library-status", { token, headers: { "if-none-match": etag } });
    expect(second.statusCode).toBe(304);
    expect(second.body).toBe("");
  });

  it("feeds: the feed list (session) and a Radarr list (feed token in the raw query)", async () => {
    const feeds = await call("GET", "/api/feeds", { token });
    expect(feeds.statusCode).toBe(200);
    expect(JSON.stringify(feeds.json)).toContain(`${BASE_URL}/list/radarr`);
    expect(JSON.stringify(feeds.json)).not.toContain(WEBHOOK_TOKEN);
    expect((await call("GET", "/list/radarr")).statusCode).toBe(401);
    const radarr = await call("GET", "/list/radarr", { query: `token=${FEED_TOKEN}` });
    expect(radarr.statusCode).toBe(200);
    expect(JSON.parse(radarr.body)).toEqual([expect.objectContaining({ title: "2 Fast 2 Furious (2003)", imdb_id: "tt0322259" })]);
  });

  it("*arr instance lists: Radarr's and Sonarr's list calls, replayed through Function URL events, see a per-season 4K request", async () => {
    const show = await call("POST", "/api/request", { token, json: { tmdb_id: 82728, media_type: "tv", seasons: [2], profile: "4k" } });
    expect(show.statusCode).toBe(201);
    expect(show.json).toMatchObject({ request: { profile: "4k", seasons: { all: false, seasons: [2] } } });
    const more = await call("POST", "/api/request", { token, json: { tmdb_id: 82728, media_type: "tv", seasons: [3] } });
    expect(more.statusCode).toBe(200);
    expect((await call("POST", "/api/request", { token, json: { tmdb_id: 82728, media_type: "tv", seasons: [9] } })).statusCode).toBe(422);

    /** What Radarr/Sonarr send (URL, Accept, X-Api-Key) as the Function URL event CloudFront would forward. */
    const viaLambda = (async (input: string | URL | Request, init?: RequestInit) => {
      const url = new URL(String(input));
      const result = await call("GET", url.pathname, {
        query: url.search.slice(1),
        headers: Object.fromEntries(new Headers(init?.headers)),
      });
      return new Response(result.statusCode === 304 ? null : result.body, { status: result.statusCode, headers: result.headers });
    }) as typeof fetch;
    const radarr = radarrList({ baseUrl: `${BASE_URL}/arr/radarr`, apiKey: FEED_TOKEN }, { fetch: viaLambda });
    expect(await radarr.test()).toBeNull();
    expect(radarrWouldAdd(await radarr.fetch())).toEqual([{ tmdbId: 584, title: "2 Fast 2 Furious", year: 2003 }]);
    expect(await radarrList({ baseUrl: `${BASE_URL}/arr/radarr`, apiKey: "wrong" }, { fetch: viaLambda }).test()).toEqual({
      property: "ApiKey",
      message: "API Key is invalid",
    });

    const sonarr = sonarrList({ baseUrl: `${BASE_URL}/arr/sonarr`, apiKey: FEED_TOKEN, syncSeasonMonitoring: true }, { fetch: viaLambda });
    expect(await sonarr.test()).toBeNull();
    expect(await sonarr.qualityProfiles()).toEqual({
      options: [
        { value: 2, name: "4K" },
        { value: 1, name: "Default" },
      ],
    });
    const fourK = sonarrList(
      { baseUrl: `${BASE_URL}/arr/sonarr`, apiKey: FEED_TOKEN, syncSeasonMonitoring: true, profileIds: [2] },
      { fetch: viaLambda },
    );
    const fetched = await fourK.fetch();
    expect(fetched.violations).toEqual([]);
    const [bluey] = sonarrWouldAdd(fetched);
    expect(bluey).toMatchObject({ tvdbId: 353546, addMonitor: "skip" });
    expect(sonarrMonitoredSeasons(bluey!.seasons, [0, 1, 2, 3])).toEqual([2, 3]);
    expect((await call("GET", "/arr/sonarr")).statusCode).toBe(404);
    // Leave the movie the later steps fulfil as the only pending request.
    expect((await call("DELETE", "/api/request/tv/82728", { token })).statusCode).toBe(200);
  });

  it("push: key and subscription, without loading web-push", async () => {
    const key = await call("GET", "/api/push/vapid-public-key", { token });
    expect(key.statusCode).toBe(200);
    const device = push.subscribe();
    const sub = await call("POST", "/api/push/subscribe", { token, json: { ...device, locale: "en" } });
    expect(sub.statusCode).toBe(201);
    const status = await call("GET", "/api/push/status", { token });
    expect(status.json).toMatchObject({ subscribed: true, devices: 1 });
    expect(webPushLoaded(status.loaded)).toBe(false);
  });

  it("a multipart Plex webhook with a binary thumbnail marks the request added and loads web-push to notify", async () => {
    const fixture = plexFixture("media.pause_movie_plex-agent.json");
    const payload = JSON.stringify({ ...fixture, event: "library.new" });
    const boundary = "------------------------6c2f7c1a9e0b4d53";
    const jpeg = Buffer.from([
      0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x0d, 0x0a, 0x2d, 0x2d, 0x80, 0xfe, 0xff, 0xd9,
    ]);
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="payload"\r\nContent-Type: application/json\r\n\r\n${payload}\r\n`,
      ),
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="thumb"; filename="image.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
      ),
      jpeg,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const headers = { "content-type": `multipart/form-data; boundary=${boundary}` };

    expect((await call("POST", "/webhook/plex", { body, headers, query: "token=wrong" })).statusCode).toBe(401);
    // bob asks to be notified too.
    const bob = signToken(sessionKey(APP_SECRET_KEY, PASSWORD), "bob", Math.floor(Date.now() / 1000));
    const followed = await call("POST", "/api/request/movie/584/follow", { token: bob });
    expect(followed.statusCode).toBe(200);
    expect(followed.json).toEqual({ following: true, followers: ["bob"] });
    expect((await call("GET", "/api/follows", { token: bob })).json).toEqual({ follows: [{ media_type: "movie", tmdb_id: 584 }] });
    const before = await call("GET", "/api/health");
    expect(webPushLoaded(before.loaded)).toBe(false);

    const hook = await call("POST", "/webhook/plex", { body, headers, query: `token=${WEBHOOK_TOKEN}` });
    expect(hook.statusCode).toBe(200);
    expect(hook.json).toMatchObject({
      status: "success",
      media_type: "movie",
      tmdb_id: 584,
      matched_request: true,
      notification_sent: true,
    });
    expect(webPushLoaded(hook.loaded)).toBe(true);
    expect(push.received).toHaveLength(1);
    expect(JSON.stringify(push.received[0]!.payload)).toContain("2 Fast 2 Furious");
    // The channel job went to the notifier function: the title and the names, never a secret.
    expect(lambda.events.get(NOTIFIER)).toEqual([
      {
        fulfilment: expect.objectContaining({ media_type: "movie", tmdb_id: 584, requested_by: "alice" }),
        followers: ["bob"],
      },
    ]);

    const status = await call("GET", "/api/library-status", { token });
    expect(status.json).toMatchObject({ library: { movie: [584] }, requests: [] });
    const list = await call("GET", "/api/requests", { token, query: "media_type=movie" });
    expect(list.json).toMatchObject({ requests: [{ tmdb_id: 584, followers: ["bob"], available_on: ["plex"] }] });
  });

  it("sync: a library batch for shows through the sync endpoint", async () => {
    expect((await call("POST", "/sync/library", { query: "media_type=tv", json: [{ tmdb_id: 1396 }] })).statusCode).toBe(401);
    const sync = await call("POST", "/sync/library", {
      query: `media_type=tv&token=${WEBHOOK_TOKEN}`,
      json: [{ tmdb_id: 1396, title: "Breaking Bad" }],
    });
    expect(sync.statusCode).toBe(200);
    expect(sync.json).toMatchObject({ status: "success", synced: 1, media_type: "tv" });
    const status = await call("GET", "/api/library-status", { token });
    expect(status.json).toMatchObject({ library: { tv: [1396] } });
  });

  it("a Jellyfin webhook (text/plain) and a Jellyfin full resync land in Jellyfin's library, beside Plex's", async () => {
    const body = JSON.stringify({
      ServerId: "16588a9f062a40c4966586b1d220bffc",
      NotificationType: "ItemAdded",
      Name: "Better Call Saul",
      ItemId: "4b92551344f53b560fb55cd670012345",
      ItemType: "Series",
      Year: 2015,
      Provider_tmdb: "60059",
    });
    const headers = { "content-type": "text/plain; charset=utf-8" };
    expect((await call("POST", "/webhook/jellyfin", { body: Buffer.from(body), headers, query: "token=wrong" })).statusCode).toBe(401);
    const hook = await call("POST", "/webhook/jellyfin", { body: Buffer.from(body), headers, query: `token=${WEBHOOK_TOKEN}` });
    expect(hook.statusCode).toBe(200);
    expect(hook.json).toMatchObject({ status: "success", item_type: "show", tmdb_id: 60059 });
    // A Jellyfin resync without 60059 removes it from Jellyfin's library only; Plex's 1396 stays.
    const batch = await call("POST", "/sync/library", {
      query: `media_type=tv&mode=full&sync_id=jf-1&source=jellyfin&token=${WEBHOOK_TOKEN}`,
      json: [{ tmdb_id: 94605 }],
    });
    expect(batch.json).toMatchObject({ synced: 1, source: "jellyfin" });
    const commit = await call("POST", "/sync/library/commit", {
      query: `media_type=tv&sync_id=jf-1&source=jellyfin&token=${WEBHOOK_TOKEN}`,
    });
    expect(commit.json).toMatchObject({ source: "jellyfin", synced: 1, removed: 1 });
    const status = await call("GET", "/api/library-status", { token });
    expect(status.json).toMatchObject({ library: { tv: [1396, 94605] } });
    // Jellyfin reports the movie Plex already has: the requests page names both servers.
    const movie = JSON.stringify({ ...JSON.parse(body), Name: "2 Fast 2 Furious", ItemType: "Movie", Year: 2003, Provider_tmdb: "584" });
    const movieHook = await call("POST", "/webhook/jellyfin", { body: Buffer.from(movie), headers, query: `token=${WEBHOOK_TOKEN}` });
    expect(movieHook.json).toMatchObject({ status: "success", tmdb_id: 584 });
    const list = await call("GET", "/api/requests", { token, query: "media_type=movie" });
    expect(list.json).toMatchObject({ requests: [{ tmdb_id: 584, available_on: ["plex", "jellyfin"] }] });
  });

  it("deletes a request, answers 404/405 in the error model, and never logs secrets", async () => {
    const del = await call("DELETE", "/api/request/movie/584", { token });
    expect(del.statusCode).toBe(200);
    expect((await call("DELETE", "/api/request/movie/584", { token })).statusCode).toBe(404);
    const missing = await call("GET", "/api/nope");
    expect(missing.statusCode).toBe(404);
    expect(missing.json).toMatchObject({ code: "not_found" });
    const logs = proc.logs.join("\n");
    for (const secret of [ORIGIN_SECRET, PASSWORD, FEED_TOKEN, WEBHOOK_TOKEN, tmdb.apiKey]) expect(logs).not.toContain(secret);
  });

  it("serves the OpenAPI document from its lazy chunk: the same document as the embedded server, with its ETag", async () => {
    const res = await call("GET", "/api/openapi.json");
    expect(res.statusCode).toBe(200);
    expect(res.loaded.some((f) => openApiChunks.includes(f))).toBe(true);
    const served = serveOpenApiDocument();
    expect(res.isBase64Encoded ? Buffer.from(res.body!, "base64").toString("utf8") : res.body).toBe(served.body);
    expect(res.headers.etag).toBe(served.etag);
    const again = await call("GET", "/api/openapi.json", { headers: { "if-none-match": served.etag } });
    expect(again.statusCode).toBe(304);
  });
});
